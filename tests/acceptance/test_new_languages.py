"""Portuguese, French and Haitian Creole journeys, and the Mayan-language path, through the stack
`make run` starts (issue #12). Messages are everyday ones written for these tests."""

from __future__ import annotations

from bot import content
from tests.acceptance.flows import results
from tests.acceptance.journey import (
    ASK_CUSTODY,
    ASK_LANGUAGE,
    ASK_STATE,
    HANDOFF_OFFER,
    REST,
    SMS,
    SOCKETIO,
    Fragment,
    Reply,
    answer,
    label,
    say,
)

LANGUAGE_SET = say("choose_language", "common.language_set")


def test_rest_portuguese_question_then_free_lawyer(talk):
    user = talk(REST, "pt")
    user.say("o que eu falo pra minha terapeuta é segredo?", answer("therapy_privacy", first=True))
    user.press(label("common.button_legal_help"), ASK_CUSTODY)


def test_sms_french_keyword_then_question(talk):
    user = talk(SMS, "fr")
    user.say("AIDE", answer("menu", first=True))
    user.say("est-ce que l'ICE peut lire les notes de ma thérapeute ?", answer("therapy_notes_ice", first_legal=True))


def test_socketio_haitian_creole_question(talk):
    user = talk(SOCKETIO, "ht")
    user.say("èske m ka jwenn yon avoka gratis?", answer("right_to_lawyer", first=True))


def test_rest_english_switches_to_creole_by_name(talk):
    user = talk(REST, "en")
    user.say("what is a child advocate?", answer("child_advocate", first=True))
    user.say("kreyòl tanpri", LANGUAGE_SET, lang="ht")


def _mayan_text(reply_lang: str) -> Fragment:
    def render(lang: str, channel: str) -> str:
        found = content.answer("mayan_language", reply_lang)
        return content.fill(found.short if channel == SMS else found.full, **content.dynamic_params())

    return render


def _mayan(reply_lang: str, buttons: bool = True) -> Reply:
    """The Mayan-language answer in ``reply_lang``; the last message of the turn carries the buttons."""
    return Reply(
        "mayan_language",
        (_mayan_text(reply_lang),),
        lambda lang: [content.t("common.button_legal_help", lang)] if buttons else [],
        lang=reply_lang,
    )


def test_rest_spanish_kiche_speaker_gets_interpreter_answer_and_no_language_question(talk):
    user = talk(REST, "es")
    user.say("hola, yo hablo k'iche' y poquito español", _mayan("es"))
    user.press(label("common.button_legal_help"), ASK_CUSTODY)
    user.say("estoy en un albergue", ASK_STATE)


def test_sms_english_mam_speaker_gets_spanish_then_english(talk):
    user = talk(SMS, "en")
    user.say("hello", answer("menu", first=True))
    user.say("my first language is Mam, I need an interpreter", _mayan("es", buttons=False), _mayan("en"))


def test_sms_a_first_message_in_kiche_gets_spanish_only_and_the_questions_in_spanish(talk):
    """The detector reads K'iche' as Creole: the note and the questions after it were in Creole (QA session 29)."""
    user = talk(SMS, "es")
    user.say("utz awach, k'iche' kinch'aw wi", _mayan("es"))
    user.press(label("common.button_legal_help"), ASK_CUSTODY)


def test_sms_a_kiche_speaker_who_misspells_speak_gets_the_interpreter_answer(talk):
    """QA session 30: "yo abla kiche" got the five-language menu (one model) or the rights answer (the next)."""
    user = talk(SMS, "es")
    user.say("yo no abla bien espanol yo abla kiche", _mayan("es"))


def test_rest_an_interpreter_asked_for_in_mam_gets_the_interpreter_answer(talk):
    """Stop 47's third blind test: "puedo pedir interprete en mam?" got the records answer."""
    user = talk(REST, "es")
    user.say("puedo pedir interprete en mam?", _mayan("es"))


# Session 40's blind test: "je parle pular et francais" got the crisis answer, "je parle peul" the goodbye.
def test_rest_french_a_language_the_chat_does_not_speak_gets_the_interpreter_answer(talk):
    user = talk(REST, "fr")
    user.say("bonjour", answer("menu", first=True))
    user.say("je parle pular et francais", answer("other_language"))
    talk(SMS, "fr").say("je parle peul", answer("other_language", first=True))


def test_sms_portuguese_the_language_question_offers_portuguese(talk):
    """A Portuguese speaker had no button for their language: only English/Spanish, a Mayan language, skip."""
    user = talk(SMS, "pt")
    user.say("preciso encontrar ajuda juridica gratis", ASK_CUSTODY)
    user.press(label("legal_aid.button_in_shelter"), ASK_STATE)
    user.say("texas", ASK_LANGUAGE)
    user.press("Português", results(state="TX", interpreter="português"), HANDOFF_OFFER)
