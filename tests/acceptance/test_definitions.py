"""A message that only asks what a word means gets the answer that explains it, in each language and channel
(session 37, by hand: "what does sponsor mean" got the history of ORR sharing sponsors' data with ICE, "what is a
case manager" the menu, "what is ORR" who can see the case file); "why?" after it gives its source; at a form's
question it is answered and the same question asked again ("que es ORR?" read as "in a shelter")."""

from __future__ import annotations

import pytest

from tests.acceptance.journey import (
    ASK_CUSTODY,
    ASK_STATE,
    REST,
    SMS,
    SOCKETIO,
    answer,
    answer_title,
    for_caregivers,
    sources,
)

ASKED = [
    (REST, "en", "what does sponsor mean", "define_sponsor"),
    (SMS, "es", "que es un expediente?", "define_case_file"),
    (SOCKETIO, "fr", "c'est quoi un case manager ?", "define_case_manager"),
    (SMS, "ht", "kisa ORR ye?", "define_orr"),
    (REST, "pt", "o que é um patrocinador?", "define_sponsor"),
    (SOCKETIO, "en", "what is ICE?", "held_by_cbp_ice"),  # a topic whose answer explains the word
]


@pytest.mark.parametrize("channel,lang,message,answer_id", ASKED, ids=[f"{c}-{lang}-{a}" for c, lang, _, a in ASKED])
def test_asking_what_a_word_means_gets_its_answer(talk, channel, lang, message, answer_id):
    user = talk(channel, lang)
    user.say(message, answer(answer_id, first=True))


def test_why_after_a_definition_gives_its_source_and_a_next_step_button_works(talk):
    user = talk(SMS, "es")
    user.say("que es un patrocinador?", answer("define_sponsor", first=True))
    user.say("de donde sacaste eso", sources("define_sponsor"))
    web = talk(REST, "en")
    web.say("what is a case manager", answer("define_case_manager", first=True))
    web.press(answer_title("case_file_access"), answer("case_file_access", first_legal=True))


def test_in_the_legal_aid_questions_a_definition_is_answered_then_the_same_question(talk):
    user = talk(REST, "es")
    user.say("necesito encontrar ayuda legal gratis", ASK_CUSTODY)
    user.say("que es ORR?", answer("define_orr"), ASK_CUSTODY)
    user.say("estoy en un albergue", ASK_STATE)


def test_a_parent_gets_the_caregivers_form_and_what_does_it_do_is_a_definition_question(talk):
    """Seen by hand (session 37): a mother was told "once you leave, your sponsor must take care of you", and "y que
    hace el case manager?" got the answer about what to share in therapy."""
    user = talk(REST, "es")
    user.say("hola soy la mama de un niño en un albergue", answer("caregiver_help", first=True, caregiver=True))
    user.say("que es un sponsor?", for_caregivers("define_sponsor"))
    user.say("y que hace el case manager?", for_caregivers("define_case_manager"))
    # Who writes, then the question (session 37 by hand: two sponsor answers were offered).
    father = talk(SMS, "en")
    father.say("im his dad, what is a sponsor?", for_caregivers("define_sponsor", first=True))
