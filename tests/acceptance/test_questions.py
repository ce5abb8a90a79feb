"""Questions: a typed question, its answer, a next-step button, a typed follow-up."""

from __future__ import annotations

import pytest

from bot import content
from tests.acceptance.journey import REST, SMS, SOCKETIO, answer, answer_title, menu_again, say

# (channel, language, typed question, its topic, typed follow-up, its topic)
QUESTION_JOURNEYS = [
    (
        REST,
        "en",
        "Can ICE get the notes my therapist writes about me?",
        "therapy_notes_ice",
        "who can see my case file?",
        "case_file_access",
    ),
    (
        REST,
        "es",
        "¿Pueden ver mis notas de terapia en migración?",
        "therapy_notes_ice",
        "¿quién puede ver mi expediente?",
        "case_file_access",
    ),
    (
        SOCKETIO,
        "en",
        "who can see my case file in the shelter?",
        "case_file_access",
        "can i get a free lawyer?",
        "right_to_lawyer",
    ),
    (
        SOCKETIO,
        "es",
        "¿quién puede ver mi expediente en el albergue?",
        "case_file_access",
        "¿tengo derecho a un abogado gratis?",
        "right_to_lawyer",
    ),
    (
        SMS,
        "en",
        "is what i tell my counselor private?",
        "therapy_privacy",
        "what are my rights in the shelter?",
        "rights_in_custody",
    ),
    (
        SMS,
        "es",
        "mi hijo esta en un albergue, como lo ayudo?",
        "caregiver_help",
        "¿tengo derecho a un abogado gratis?",
        "right_to_lawyer",
    ),
]


@pytest.mark.parametrize(
    "channel,lang,question,topic,follow_up,follow_topic",
    QUESTION_JOURNEYS,
    ids=[f"{c}-{lang}-{topic}" for c, lang, _, topic, _, _ in QUESTION_JOURNEYS],
)
def test_question_answer_next_step_follow_up(talk, channel, lang, question, topic, follow_up, follow_topic):
    user = talk(channel, lang)
    caregiver = topic == "caregiver_help"  # its question is a parent's ("mi hijo esta en un albergue")
    user.say(question, answer(topic, first=True, caregiver=caregiver))
    next_step = next(n for n in _next_answers(topic, lang) if n != follow_topic)
    user.press(answer_title(next_step, caregiver), answer(next_step, caregiver=caregiver))
    user.say(follow_up, answer(follow_topic, caregiver=caregiver))


@pytest.mark.parametrize(
    "channel,lang,greeting,thanks",
    [(REST, "en", "hi there", "thank you!"), (REST, "es", "hola", "muchas gracias"), (SMS, "en", "hi", "thanks")],
)
def test_greeting_menu_pick_thanks(talk, channel, lang, greeting, thanks):
    user = talk(channel, lang)
    user.say(greeting, answer("menu", first=True))
    first_pick = _next_answers("menu", lang)[0]
    user.press(answer_title(first_pick), answer(first_pick, first_legal=True))
    user.say(thanks, say("menu", "common.thanks_reply"))


def test_sms_help_keyword_menu_numbered_pick_in_spanish(talk):
    user = talk(SMS, "es")
    user.say("AYUDA", answer("menu", first=True))
    pick = _next_answers("menu", "es")[1]
    user.press(answer_title(pick), answer(pick, first_legal=True))
    # A number none of the options has: which numbers work, and the options still stand (QA session 30).
    offered = len(user.last.options)
    seen = user.client.send(str(offered + 1))
    assert seen.text.strip() == content.t("sms.pick_out_of_range", "es", count=offered) and not seen.options
    follow = _next_answers(pick, "es")[0]
    user.press(answer_title(follow), answer(follow))


def test_out_of_scope_outside_a_flow_is_answered_as_such(talk):
    user = talk(REST, "en")
    user.say("what is the weather on mars tomorrow?", answer("out_of_scope", first=True))
    user.press(answer_title("menu"), menu_again())


def _next_answers(topic: str, lang: str):
    """The answers (not flows) an answer offers as next steps, from the content."""
    from bot import content

    return [n for n in content.answer(topic, lang).next if content.has(f"answers.{n}.title", lang)]


@pytest.mark.parametrize(
    "channel, lang, question, topic",
    [
        # The classifier's choice among the rights answers: the shelter's here (0.93), CBP's there.
        (SMS, "es", "me agarro la migra y no me dejaron llamar, q derechos tengo", "rights_in_custody"),
        (REST, "en", "border patrol caught me, what are my rights here", "held_by_cbp_ice"),
        (SOCKETIO, "fr", "la police m'a attrapé à la frontière, quels sont mes droits ?", "held_by_cbp_ice"),
    ],
)
def test_caught_at_the_border_and_asking_about_rights_gets_a_rights_answer(talk, channel, lang, question, topic):
    """Stop 44/45's lists: a question told as a story ("me agarro la migra...") matched the disclosure patterns
    and got "tell your story to your own lawyer" with no rights at all. Asking what rights one has is now an
    exception to those patterns (data/safety/patterns*.yml); the CBP answer itself says to talk to a lawyer
    before telling officers the story."""
    user = talk(channel, lang)
    user.say(question, answer(topic, first=True))
