"""Delete my data, then a new conversation; the disclosure guard."""

from __future__ import annotations

from tests.acceptance.journey import (
    ASK_CUSTODY,
    ASK_IN_CUSTODY,
    ASK_ROLE,
    ASK_STATE,
    PERSONAL_DETAILS_NOTE,
    REST,
    SMS,
    SOCKETIO,
    answer,
    answer_title,
    first_reply,
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


# Deleting cannot be undone, so only a message that plainly asks for it deletes at once
# (data/privacy/delete_requests.yml); anything else the classifier calls a delete request gets what the
# chat keeps and the Delete button. Before: "my sponsor deleted my messages" wiped the chat, and
# "jveux que tu oublies tout ce que jai dit" got the crisis answer.
def test_rest_french_texted_request_to_forget_deletes_at_once(talk):
    user = talk(REST, "fr")
    user.say("qui peut voir mon dossier ?", answer("case_file_access", first=True))
    user.say_wiped("jveux que tu oublies tout ce que jai dit", t("privacy.deleted"))
    user.say("salut", answer("menu", first=True))


def test_socketio_spanish_request_after_a_reason_deletes_at_once(talk):
    user = talk(SOCKETIO, "es")
    user.say("¿quién puede ver mi expediente?", answer("case_file_access", first=True))
    user.say_wiped("estoy usando el cel de mi primo asi q borra mis mensajes", t("privacy.deleted"))


def test_sms_english_someone_elses_deletion_is_not_a_request_then_the_delete_option(talk):
    user = talk(SMS, "en")
    user.say("who can see my case file?", answer("case_file_access", first=True))
    user.say("my sponsor deleted my messages from his phone", answer("bot_privacy"))
    user.press_wiped(label("common.button_delete"), t("privacy.deleted"), t("privacy.sms_carrier"))
    user.say("hi", answer("menu", first=True))


def test_rest_creole_dont_delete_anything_keeps_the_conversation(talk):
    user = talk(REST, "ht")
    user.say("ki moun ki ka wè dosye m nan?", answer("case_file_access", first=True))
    user.say("pa efase anyen souple, m vle kenbe tout", answer("bot_privacy"))
    user.say("eske m gen dwa a yon avoka gratis?", answer("right_to_lawyer"))


# A child whose phone is checked can hide the conversation right from the crisis answer.
def test_sms_spanish_crisis_answer_offers_delete(talk):
    user = talk(SMS, "es")
    user.say("mi tio me pega cuando lee mi cel", answer("crisis"))  # safety first: no privacy notice
    user.press_wiped(label("common.button_delete"), t("privacy.deleted"), t("privacy.sms_carrier"))
    user.say("hola", answer("menu", first=True))


def test_rest_english_disclosure_guard_then_its_next_step(talk):
    user = talk(REST, "en")
    # A threat happening now gets the crisis answer (tests/acceptance/test_crisis.py); a past story, the guard.
    user.say(
        "back home the gang killed my cousin and then we ran away to the border", answer("disclosure_guard", first=True)
    )
    user.press(answer_title("lawyer_privacy"), answer("lawyer_privacy", first_legal=True))


def test_socketio_english_a_father_quoting_his_daughters_past_is_told_to_ask_without_the_details(talk):
    """QA session 30: the guard spoke only to the child; "my daughter" now gets its caregivers' form (their
    child's lawyer is the one to tell; they can still ask without the details), and so does the next answer."""
    user = talk(SOCKETIO, "en")
    user.say(
        "my daughter told her therapist she was in a gang back home because they forced her",
        answer("disclosure_guard", first=True, caregiver=True),
    )
    user.say("can what she tells her therapist hurt her asylum case?", answer("therapy_notes_ice", caregiver=True))


def test_rest_spanish_disclosure_guard(talk):
    user = talk(REST, "es")
    user.say("en mi país la policía le pegó a mi hermano", answer("disclosure_guard", first=True))
    user.say("¿es privado lo que hablo con mi abogado?", answer("lawyer_privacy", first_legal=True))


def test_sms_english_disclosure_guard_then_legal_help_by_number(talk):
    user = talk(SMS, "en")
    user.say("my uncle used to hit me back home before i left", answer("disclosure_guard", first=True))
    user.press(label("common.button_legal_help"), ASK_CUSTODY)


# A request, then a reason: deleted at once too (the reason is not read; a crisis guess would stand).
def test_sms_french_request_then_a_reason_deletes_at_once(talk):
    user = talk(SMS, "fr")
    user.say("qui peut voir mon dossier ?", answer("case_file_access", first=True))
    user.say_wiped(
        "supprime le chat stp, jveux pas que ca reste enregistre", t("privacy.deleted"), t("privacy.sms_carrier")
    )
    user.say("salut", answer("menu", first=True))


def test_rest_english_request_then_a_reason_deletes_at_once(talk):
    user = talk(REST, "en")
    user.say("can i get a free lawyer?", answer("right_to_lawyer", first=True))
    user.say_wiped("delete the chat please, I don't want this saved", t("privacy.deleted"))


def test_a_number_or_name_typed_out_of_the_blue_is_not_needed(talk):
    """QA session 30: "my number is 555-..." got the menu and "me llamo ..." "I can't answer that"."""
    note = PERSONAL_DETAILS_NOTE
    sms = talk(SMS, "en")
    sms.say("my number is 555-555-0142", note)
    rest = talk(REST, "es")
    rest.say("me llamo Carlos Fakename", note)
    rest.press_wiped(label("common.button_delete"), t("privacy.deleted"))
    # QA session 35: "my name is Jo Fakeperson" got the disclosure guard's "I'm sorry you went through hard things".
    for channel, lang, message in [
        (REST, "en", "my name is Jo Fakeperson"),
        (SOCKETIO, "fr", "je m'appelle Jo"),
        (SMS, "ht", "mwen rele Jo"),
        (SMS, "pt", "eu me chamo Ana"),
    ]:
        talk(channel, lang).say(message, note)


def test_a_forms_question_as_the_first_reply_starts_with_the_privacy_notice(talk):
    """Session 40's blind test: the first reply to "can a legal aid office contact me?" had no "I'm a bot, not a
    lawyer ... type DELETE" line; every other first reply had it."""
    for channel, lang, message, question in [
        (REST, "en", "I need to find a free lawyer near me", ASK_CUSTODY),
        (SMS, "es", "quiero que un abogado me llame", ASK_ROLE),
    ]:
        user = talk(channel, lang)
        user.say(message, first_reply(question))
