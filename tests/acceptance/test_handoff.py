"""Handoff with consent: the summary, "yes", the reference, and exactly one delivery to the receiver."""

from __future__ import annotations

import time

from tests.acceptance.flows import (
    PHONE,
    PHONE_TYPED,
    WORKER_POLL_SECONDS,
    delivered_once,
    results,
    sent,
    spanish_typed_handoff,
    summary,
    value,
)
from tests.acceptance.journey import (
    ASK_AGE,
    ASK_CONTACT,
    ASK_CUSTODY,
    ASK_EMAIL,
    ASK_HANDOFF_STATE,
    ASK_IN_CUSTODY,
    ASK_LANGUAGE,
    ASK_PHONE,
    ASK_ROLE,
    ASK_STATE,
    HANDOFF_CANCELLED,
    HANDOFF_OFFER,
    REST,
    SMS,
    SOCKETIO,
    answer,
    label,
    lit,
    menu_again,
    t,
)


def test_rest_spanish_typed_answers_consent_delivers_once(talk, receiver):
    spanish_typed_handoff(talk(REST, "es"), receiver)


def test_rest_english_buttons_consent_then_delete_then_new_conversation(talk, receiver):
    user = talk(REST, "en")
    user.say("please have a lawyer call me back", ASK_ROLE)
    user.press(label("handoff.button_caregiver"), ASK_IN_CUSTODY)
    user.press(label("legal_aid.button_released"), ASK_HANDOFF_STATE)
    user.say("Texas", ASK_AGE)
    user.say("he is 15", ASK_CONTACT)
    user.press(label("handoff.button_phone"), ASK_PHONE)
    user.say(
        "(555) 555-0147",
        summary(
            (1, "role", value("caregiver")),
            (2, "contact", value("phone", value="+15555550147")),
            (3, "in_custody", value("no")),
            (7, "language", lit("English")),
        ),
    )
    seen = user.press(label("handoff.button_yes_send"), sent("phone"))
    doc = delivered_once(receiver, seen.text)
    assert (doc["language"], doc["role"], doc["in_custody"]) == ("en", "caregiver", False)
    assert doc["contact"] == {"method": "phone", "value": "+15555550147"}
    user.say_wiped("delete my data", t("privacy.deleted"), t("privacy.delivered_one"))
    user.say("hi", answer("menu", first=True))  # a new conversation: the privacy notice again


def test_socketio_english_after_legal_aid_routing_asks_only_what_is_missing(talk, receiver):
    user = talk(SOCKETIO, "en")
    user.say("I need to find a free lawyer near me", ASK_CUSTODY)
    user.press(label("legal_aid.button_in_shelter"), ASK_STATE)
    user.say("TX", ASK_LANGUAGE)
    user.press(label("legal_aid.button_no_language_need"), results(in_custody=True, state="TX"), HANDOFF_OFFER)
    user.press(label("legal_aid.button_handoff"), ASK_ROLE)
    user.press(label("handoff.button_youth"), ASK_AGE)  # in a shelter, in TX: known from the routing
    user.say("I'm 17", ASK_CONTACT)
    user.say(
        "through my caseworker",
        summary((2, "contact", value("through_caseworker")), (3, "in_custody", value("yes")), (4, "state", lit("TX"))),
    )
    seen = user.say("yes", sent("through_caseworker"))
    doc = delivered_once(receiver, seen.text)
    assert doc["contact"]["method"] == "through_caseworker" and doc["state"] == "TX" and doc["language"] == "en"


def test_sms_spanish_numbered_picks_consent_delivers_once(talk, receiver):
    user = talk(SMS, "es")
    user.say("quiero que un abogado me llame", ASK_ROLE)
    user.press(label("handoff.button_youth"), ASK_IN_CUSTODY)
    user.press(label("legal_aid.button_in_shelter"), ASK_HANDOFF_STATE)
    user.say("California", ASK_AGE)
    user.say("15", ASK_CONTACT)
    user.press(label("handoff.button_sms"), ASK_PHONE)
    user.say("555 555 0188", summary((2, "contact", value("sms", value="+15555550188")), (4, "state", lit("CA"))))
    seen = user.press(label("handoff.button_yes_send"), sent("sms"))
    doc = delivered_once(receiver, seen.text)
    assert (doc["language"], doc["state"]) == ("es", "CA")
    assert doc["contact"] == {"method": "sms", "value": "+15555550188"}


def test_rest_spanish_email_contact_keeps_spanish_and_delivers_once(talk, receiver):
    user = talk(REST, "es")
    user.say("quiero que un abogado me llame", ASK_ROLE)
    user.say("soy la mamá", ASK_IN_CUSTODY)
    user.say("sí, está en un albergue", ASK_HANDOFF_STATE)
    user.say("Arizona", ASK_AGE)  # an English-looking answer inside the form keeps Spanish
    user.say("tiene 14 años", ASK_CONTACT)
    user.press(label("handoff.button_email"), ASK_EMAIL)
    user.say(
        "mama.fake@example.org",
        summary(
            (1, "role", value("caregiver")),
            (2, "contact", value("email", value="mama.fake@example.org")),
            (4, "state", lit("AZ")),
            (7, "language", lit("Español")),
        ),
    )
    seen = user.say("sí, enviar", sent("email"))
    doc = delivered_once(receiver, seen.text)
    assert (doc["language"], doc["role"], doc["state"]) == ("es", "caregiver", "AZ")
    assert doc["contact"] == {"method": "email", "value": "mama.fake@example.org"}


def test_rest_english_no_to_the_summary_sends_nothing(talk, receiver):
    before = len(receiver.received)
    user = talk(REST, "en")
    user.say("i want a lawyer to call me", ASK_ROLE)
    user.say("I'm the kid", ASK_IN_CUSTODY)
    user.say("no, I'm with my aunt now", ASK_HANDOFF_STATE)
    user.say("Florida", ASK_AGE)
    user.say("17", ASK_CONTACT)
    user.say(
        "don't contact me",
        summary(
            (2, "contact", value("none")),
            (3, "in_custody", value("no")),
            (4, "state", lit("FL")),
            (5, "age_group", value("under_18")),
        ),
    )
    user.say("no", HANDOFF_CANCELLED)
    time.sleep(2 * WORKER_POLL_SECONDS + 1)
    assert receiver.received[before:] == []


def test_rest_spanish_remove_a_line_then_consent(talk, receiver):
    user = talk(REST, "es")
    user.say("quiero que un abogado me llame", ASK_ROLE)
    user.press(label("handoff.button_youth"), ASK_IN_CUSTODY)
    user.press(label("legal_aid.button_in_shelter"), ASK_HANDOFF_STATE)
    user.say("TX", ASK_AGE)
    user.say("tengo 17", ASK_CONTACT)
    user.say("por mensaje de texto", ASK_PHONE)
    user.say(PHONE_TYPED, summary((2, "contact", value("sms", value=PHONE)), (4, "state", lit("TX"))))
    user.say("quitar 4", summary((2, "contact", value("sms", value=PHONE)), (4, "state", value("removed"))))
    seen = user.say("sí", sent("sms"))
    doc = delivered_once(receiver, seen.text)
    assert doc["state"] is None and doc["language"] == "es"


def test_rest_english_under_18_button_goes_on_to_the_contact_question(talk):
    user = talk(REST, "en")
    user.say("i want a lawyer to call me", ASK_ROLE)
    user.press(label("handoff.button_youth"), ASK_IN_CUSTODY)
    user.press(label("legal_aid.button_in_shelter"), ASK_HANDOFF_STATE)
    user.say("TX", ASK_AGE)
    user.press(label("handoff.button_under_18"), ASK_CONTACT)


def test_sms_english_help_keyword_leaves_the_handoff_questions_for_the_menu(talk, receiver):
    user = talk(SMS, "en")
    user.say("please have a lawyer call me back", ASK_ROLE)
    user.press(label("handoff.button_caregiver"), ASK_IN_CUSTODY)
    user.say("HELP", menu_again())  # nothing is sent; the menu says what is next


def test_rest_spanish_english_please_asks_the_handoff_question_again_in_english(talk, receiver):
    user = talk(REST, "es")
    user.say("quiero que un abogado me llame", ASK_ROLE)
    user.say("English please", ASK_ROLE, lang="en")
