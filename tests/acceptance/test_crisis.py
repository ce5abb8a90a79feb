"""A crisis in the middle of each form: the crisis answer first, then the same question again."""

from __future__ import annotations

from tests.acceptance.flows import drive_handoff_to
from tests.acceptance.journey import (
    ASK_AGE,
    ASK_CONTACT,
    ASK_CUSTODY,
    ASK_IN_CUSTODY,
    ASK_LANGUAGE,
    ASK_PHONE,
    ASK_ROLE,
    ASK_STATE,
    CRISIS,
    REST,
    SMS,
    SOCKETIO,
    answer,
    label,
)


def test_rest_english_crisis_at_the_first_legal_aid_question(talk):
    user = talk(REST, "en")
    user.say("I need to find a free lawyer near me", ASK_CUSTODY)
    user.say("someone is hurting me right now", CRISIS, ASK_CUSTODY)
    user.press(label("legal_aid.button_in_shelter"), ASK_STATE)


def test_rest_spanish_crisis_at_the_state_question(talk):
    user = talk(REST, "es")
    user.say("necesito encontrar ayuda legal gratis", ASK_CUSTODY)
    user.say("estoy en un albergue", ASK_STATE)
    user.say("ya no quiero vivir, me quiero matar", CRISIS, ASK_STATE)
    user.say("Texas", ASK_LANGUAGE)


def test_socketio_spanish_crisis_at_the_language_question(talk):
    user = talk(SOCKETIO, "es")
    user.say("necesito encontrar ayuda legal gratis", ASK_CUSTODY)
    user.press(label("legal_aid.button_in_shelter"), ASK_STATE)
    user.say("Texas", ASK_LANGUAGE)
    user.say("me quiero morir", CRISIS, ASK_LANGUAGE)


def test_rest_english_crisis_at_the_first_handoff_question(talk):
    user = talk(REST, "en")
    user.say("i want a lawyer to call me", ASK_ROLE)
    user.say("i want to kill myself", CRISIS, ASK_ROLE)
    user.press(label("handoff.button_youth"), ASK_IN_CUSTODY)


def test_sms_spanish_crisis_at_the_contact_question(talk):
    user = talk(SMS, "es")
    drive_handoff_to(user, "contact", "quiero que un abogado me llame")
    user.say("ya no quiero vivir", CRISIS, ASK_CONTACT)
    user.press(label("handoff.button_sms"), ASK_PHONE)


def test_rest_english_crisis_at_the_age_question(talk):
    user = talk(REST, "en")
    drive_handoff_to(user, "age", "please have a lawyer call me back")
    user.say("im going to end my life", CRISIS, ASK_AGE)
    user.say("16", ASK_CONTACT)


# A rule question that says the danger is happening now gets the crisis answer; the same question
# without that proof gets the rights answer (the safety patterns' crisis_ongoing group, session 26).
def test_sms_spanish_rule_question_that_says_it_is_happening_now_gets_the_crisis_answer(talk):
    user = talk(SMS, "es")
    user.say("es legal q el staff me encierre en el cuarto sin comer desde ayer?", CRISIS)


def test_rest_english_the_same_rule_question_without_that_gets_the_rights_answer(talk):
    user = talk(REST, "en")
    user.say("is it allowed for staff to lock me in my room if i fight?", answer("rights_in_custody", first=True))
