"""Language switches both ways; short replies and form answers keep the conversation's language."""

from __future__ import annotations

from bot import content
from bot.content.replies import LANGUAGE_NAMES
from bot.nlu.languages import live
from tests.acceptance.journey import (
    ASK_CUSTODY,
    ASK_LANGUAGE,
    ASK_STATE,
    REST,
    SMS,
    SOCKETIO,
    Reply,
    answer,
    answer_title,
    label,
    more,
    say,
    t,
)

LANGUAGE_SET = say("choose_language", "common.language_set")


def test_rest_english_to_spanish_by_name(talk):
    user = talk(REST, "en")
    user.say("what is a child advocate?", answer("child_advocate", first=True))
    user.say("español", LANGUAGE_SET, lang="es")
    user.say("¿quién puede ver mi expediente?", answer("case_file_access"))
    user.say("ok", more("child_advocate", "case_file_access"))  # a short reply keeps Spanish


def test_rest_spanish_to_english_by_name(talk):
    user = talk(REST, "es")
    user.say("¿tengo derecho a un abogado gratis?", answer("right_to_lawyer", first=True))
    user.say("english", LANGUAGE_SET, lang="en")
    user.say("who can see my case file?", answer("case_file_access"))
    user.say("si", more("right_to_lawyer", "case_file_access"))  # "si" is a short reply, not Spanish


def test_socketio_spanish_to_english_please(talk):
    user = talk(SOCKETIO, "es")
    user.say("¿mi terapia es privada?", answer("therapy_privacy", first=True))
    user.say("English please", LANGUAGE_SET, lang="en")
    user.say("can ICE get my therapy notes?", answer("therapy_notes_ice"))


def test_sms_spanish_to_english_then_numbered_pick(talk):
    user = talk(SMS, "es")
    user.say("hola", answer("menu", first=True))
    user.say("English", LANGUAGE_SET, lang="en")
    user.say("can i get a free lawyer?", answer("right_to_lawyer", first_legal=True))
    user.press(label("common.button_legal_help"), ASK_CUSTODY)


def test_rest_english_a_spanish_question_switches_outside_a_form(talk):
    user = talk(REST, "en")
    user.say("what is a child advocate?", answer("child_advocate", first=True))
    user.say("¿Quién puede ver mi expediente en el albergue?", answer("case_file_access"), lang="es")


def test_rest_spanish_an_english_state_name_in_a_form_keeps_spanish(talk):
    user = talk(REST, "es")
    user.say("necesito encontrar ayuda legal gratis", ASK_CUSTODY)
    user.say("estoy en un albergue", ASK_STATE)
    user.say("New York", ASK_LANGUAGE)  # a state's name is an answer, not a language choice


LANGUAGE_MENU = Reply(
    "choose_language",
    (t("common.choose_language_prompt"),),
    lambda lang: [*(LANGUAGE_NAMES[code] for code in live()), content.answer("mayan_language", lang).title],
)


def test_socketio_english_change_language_menu_then_espanol(talk):
    user = talk(SOCKETIO, "en")
    user.say("is what i tell my counselor private?", answer("therapy_privacy", first=True))
    user.say("change language", LANGUAGE_MENU)
    user.press(label("common.language_spanish"), LANGUAGE_SET, lang="es")


def test_sms_english_hello_is_answered_in_english(talk):
    user = talk(SMS, "en")
    user.say("hello", answer("menu", first=True))
    user.press(answer_title("therapy_privacy"), answer("therapy_privacy", first_legal=True))
