"""Delete my data, then a new conversation; the disclosure guard."""

from __future__ import annotations

from tests.acceptance.journey import (
    ASK_CUSTODY,
    ASK_IN_CUSTODY,
    ASK_ROLE,
    ASK_STATE,
    REST,
    SMS,
    SOCKETIO,
    answer,
    answer_title,
    label,
    t,
)


def test_rest_english_delete_then_a_new_conversation(talk):
    user = talk(REST, "en")
    user.say("what does this chat keep about me?", answer("bot_privacy", first=True))
    user.say_wiped("delete my data", t("privacy.deleted"))
    user.say("can i get a free lawyer?", answer("right_to_lawyer", first=True))


def test_sms_spanish_borrar_then_a_new_conversation(talk):
    user = talk(SMS, "es")
    user.say("¿quién puede ver mi expediente?", answer("case_file_access", first=True))
    user.say_wiped("BORRAR", t("privacy.deleted"), t("privacy.sms_carrier"))
    user.say("¿tengo derecho a un abogado gratis?", answer("right_to_lawyer", first=True))


# Inside a form a delete request is never taken as the answer to the question (it was, on every
# channel: "delete my data" became the custody answer and nothing was deleted).
def test_rest_english_delete_in_the_middle_of_the_legal_aid_questions(talk):
    user = talk(REST, "en")
    user.say("find a lawyer near me", ASK_CUSTODY)
    user.say_wiped("delete my data", t("privacy.deleted"))
    user.say("hi", answer("menu", first=True))  # a new conversation, not the next question


def test_sms_spanish_borrar_keyword_in_the_middle_of_the_legal_aid_questions(talk):
    user = talk(SMS, "es")
    user.say("necesito encontrar ayuda legal gratis", ASK_CUSTODY)
    user.press(label("legal_aid.button_in_shelter"), ASK_STATE)
    user.say_wiped("BORRAR", t("privacy.deleted"), t("privacy.sms_carrier"))
    user.say("hola", answer("menu", first=True))


def test_socketio_english_typed_delete_in_the_middle_of_the_handoff_questions(talk, receiver):
    user = talk(SOCKETIO, "en")
    user.say("please have a lawyer call me back", ASK_ROLE)
    user.press(label("handoff.button_caregiver"), ASK_IN_CUSTODY)
    user.say_wiped("erase everything i wrote here", t("privacy.deleted"))
    user.say("hi", answer("menu", first=True))


def test_sms_spanish_borrar_keyword_in_the_middle_of_the_handoff_questions(talk, receiver):
    user = talk(SMS, "es")
    user.say("quiero que un abogado me llame", ASK_ROLE)
    user.say_wiped("BORRAR", t("privacy.deleted"), t("privacy.sms_carrier"))
    user.say("hola", answer("menu", first=True))


def test_rest_english_disclosure_guard_then_its_next_step(talk):
    user = talk(REST, "en")
    # A threat happening now gets the crisis answer (tests/acceptance/test_crisis.py); a past story, the guard.
    user.say(
        "back home the gang killed my cousin and then we ran away to the border", answer("disclosure_guard", first=True)
    )
    user.press(answer_title("lawyer_privacy"), answer("lawyer_privacy", first_legal=True))


def test_rest_spanish_disclosure_guard(talk):
    user = talk(REST, "es")
    user.say("en mi país la policía le pegó a mi hermano", answer("disclosure_guard", first=True))
    user.say("¿es privado lo que hablo con mi abogado?", answer("lawyer_privacy", first_legal=True))


def test_sms_english_disclosure_guard_then_legal_help_by_number(talk):
    user = talk(SMS, "en")
    user.say("my uncle used to hit me back home before i left", answer("disclosure_guard", first=True))
    user.press(label("common.button_legal_help"), ASK_CUSTODY)
