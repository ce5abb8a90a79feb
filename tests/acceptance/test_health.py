"""A child who only says they are sick or that something hurts gets the health-care answer (tell staff, a nurse,
doctor or dentist; 911 when it is bad), not the crisis answer (QA session 30, row 2: "my tooth hurts" and "me
duele la cabeza" got the suicide and trafficking lines). Danger told beside the pain still gets the crisis answer."""

from __future__ import annotations

import pytest

from tests.acceptance.journey import (
    ASK_CUSTODY,
    ASK_STATE,
    CRISIS,
    REST,
    SMS,
    SOCKETIO,
    answer,
    for_caregivers,
    simpler,
    sources,
)

COMPLAINTS = [
    (SMS, "en", "my tooth hurts"),
    (REST, "en", "my stomach hurts"),
    (SMS, "es", "me duele la cabeza"),
    (SOCKETIO, "es", "hola, me duele mucho la muela"),
    (REST, "pt", "to com dor de dente"),
    (SOCKETIO, "fr", "j'ai mal au ventre"),
    (SMS, "ht", "tèt mwen fè m mal"),
]


@pytest.mark.parametrize("channel,lang,message", COMPLAINTS, ids=[f"{c}-{lang}-{m}" for c, lang, m in COMPLAINTS])
def test_a_child_who_is_sick_or_hurts_gets_the_health_answer(talk, channel, lang, message):
    user = talk(channel, lang)
    user.say(message, answer("health_care", first=True))


# A parent, sponsor or relative: the same answer in its form for caregivers ("tell your child they can ask...").
CHILD_COMPLAINTS = [
    (SMS, "es", "a mi hijo le duele la muela, que hago?"),
    (REST, "en", "my son has a toothache"),
    (SOCKETIO, "pt", "meu filho está com dor de dente"),
    (SMS, "ht", "pitit mwen malad"),
]


@pytest.mark.parametrize(
    "channel,lang,message", CHILD_COMPLAINTS, ids=[f"{c}-{lang}-{m}" for c, lang, m in CHILD_COMPLAINTS]
)
def test_a_parent_whose_child_is_sick_gets_the_caregivers_health_answer(talk, channel, lang, message):
    user = talk(channel, lang)
    user.say(message, for_caregivers("health_care", first=True))


def test_pain_told_with_danger_still_gets_the_crisis_answer(talk):
    user = talk(REST, "en")
    user.say("my stomach hurts because he kicked me", CRISIS)


def test_after_an_answer_a_headache_gets_the_health_answer(talk):
    user = talk(REST, "es")
    user.say("mi terapia es privada?", answer("therapy_privacy", first=True))
    user.say("me duele la cabeza", answer("health_care"))


def test_in_the_legal_aid_questions_a_toothache_gets_its_answer_then_the_same_question(talk):
    """The form took "my tooth hurts" as a skipped answer and asked the next question (seen by hand)."""
    user = talk(REST, "en")
    user.say("find a free lawyer", ASK_CUSTODY)
    user.say("my tooth hurts", answer("health_care"), ASK_CUSTODY)
    user.say("in a shelter", ASK_STATE)


def test_in_the_legal_aid_questions_missing_mom_gets_the_feelings_answer_then_the_same_question(talk):
    user = talk(SMS, "es")
    user.say("buscar abogado gratis", ASK_CUSTODY)
    user.say("extraño a mi mama", answer("feelings"), ASK_CUSTODY)


# A girl who only says she may be pregnant: the pregnancy answer (see a doctor; the rule's medical care includes
# pregnancy tests; the shelter must then tell ORR), its caregivers' form for a parent; QA session 33 got "I can't
# answer". Danger told with it still gets the crisis answer.
PREGNANCY = [
    (SMS, "es", "creo que estoy embarazada, me pueden ayudar?"),
    (REST, "en", "i think i might be pregnant"),
    (SOCKETIO, "fr", "je crois que je suis enceinte"),
    (SMS, "ht", "m kwè m ansent"),
]


@pytest.mark.parametrize("channel,lang,message", PREGNANCY, ids=[f"{c}-{lang}-{m}" for c, lang, m in PREGNANCY])
def test_a_girl_who_may_be_pregnant_gets_the_pregnancy_answer(talk, channel, lang, message):
    user = talk(channel, lang)
    user.say(message, answer("pregnancy", first=True))


def test_a_parent_whose_daughter_may_be_pregnant_gets_its_caregivers_form(talk):
    user = talk(REST, "pt")
    user.say("minha filha acha que está grávida", for_caregivers("pregnancy", first=True))
    # Who writes, then the daughter (session 36 by hand: the caregivers' general answer).
    parent = talk(SMS, "es")
    parent.say("soy su mama, mi hija esta embarazada", for_caregivers("pregnancy", first=True))


def test_pregnancy_told_with_danger_gets_the_crisis_answer(talk):
    user = talk(SMS, "es")
    user.say("estoy embarazada porque me violaron", CRISIS)


def test_after_the_pregnancy_answer_why_and_i_dont_understand_are_about_it(talk):
    """Seen by hand (session 36): "de donde sacaste eso" after it got the reply for no answer."""
    user = talk(SMS, "es")
    user.say("creo que estoy embarazada, me pueden ayudar?", answer("pregnancy", first=True))
    user.say("de donde sacaste eso", sources("pregnancy"))
    web = talk(SOCKETIO, "en")
    web.say("i think i might be pregnant", answer("pregnancy", first=True))
    web.say("what does that mean", simpler("pregnancy"))


def test_in_the_legal_aid_questions_pregnancy_gets_its_answer_then_the_same_question(talk):
    user = talk(REST, "es")
    user.say("necesito encontrar ayuda legal gratis", ASK_CUSTODY)
    user.say("creo que estoy embarazada", answer("pregnancy"), ASK_CUSTODY)
    user.say("estoy en un albergue", ASK_STATE)
