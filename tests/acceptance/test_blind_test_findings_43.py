"""What session 42's blind testers met under the launched bot and session 43 fixed, as whole conversations.

"will this hurt my case" and "e se nao deixarem eu ligar?" got the whole crisis answer, "o que eu te falei antes?" the
disclosure guard; "nao entendi nada" then "explica mais facil" after the greeting got "that was not clear" twice; "wakanda" at "Which state?" went on in silence; "no thanks" at
it went on to the next question, and "OK, I stopped" had no way on; a Mam speaker's crisis answer said nothing of an
interpreter; on SMS "PARAR" and "ARRET" got the whole greeting and menu, "1" after the answer on what the chat keeps
deleted the chat, and "DELETE" in a Spanish chat confirmed in English.
"""

from __future__ import annotations

from bot import catalogue, content
from bot.content.replies import answer_buttons, more_offers
from tests.acceptance.journey import (
    ASK_CUSTODY,
    ASK_LANGUAGE,
    ASK_STATE,
    LEGAL_AID_CANCELLED,
    REST,
    SMS,
    SOCKETIO,
    Reply,
    answer,
    answer_title,
    first_reply,
    label,
    menu_again,
    say,
    simpler,
    t,
)


def test_will_this_hurt_my_case_gets_the_answer_on_who_can_get_what_a_child_tells(talk):
    for channel, lang, message in [
        (REST, "en", "will this hurt my case"),
        (SMS, "es", "me va a afectar en mi caso?"),
        (SOCKETIO, "pt", "isso vai prejudicar meu caso?"),
    ]:
        talk(channel, lang).say(message, answer("therapy_notes_ice", first=True))
    # After another answer, the same.
    user = talk(REST, "en")
    user.say("what if i dont want to talk to the therapist", answer("what_to_share", first=True))
    user.say("will this hurt my case", answer("therapy_notes_ice"))


def test_rest_english_a_state_the_form_does_not_know_is_said_once_and_a_typo_is_read(talk):
    user = talk(REST, "en")
    user.say("/find_legal_aid", first_reply(ASK_CUSTODY))
    user.press(label("legal_aid.button_in_shelter"), ASK_STATE)
    user.say("wakanda", say("find_legal_aid", "legal_aid.state_not_understood"), ASK_STATE)
    user.say("texsa", ASK_LANGUAGE)


def test_sms_spanish_two_unknown_states_in_a_row_skip_the_question(talk):
    user = talk(SMS, "es")
    user.say("hola necesito abogado", first_reply(ASK_CUSTODY))
    user.say("en un albergue", ASK_STATE)
    user.say("wakanda", say("find_legal_aid", "legal_aid.state_not_understood"), ASK_STATE)
    user.say("asdfgh", ASK_LANGUAGE)


def test_no_thanks_ends_the_lawyer_questions_with_the_menu_button(talk):
    for channel, lang, start, decline in [
        (SOCKETIO, "es", "hola necesito abogado", "no gracias"),
        (SMS, "en", "/find_legal_aid", "no thanks"),
    ]:
        user = talk(channel, lang)
        user.say(start, first_reply(ASK_CUSTODY))
        user.say(decline, LEGAL_AID_CANCELLED)
        user.press(answer_title("menu"), menu_again())


def test_socketio_a_mam_speakers_crisis_answer_says_to_ask_for_an_interpreter(talk):
    user = talk(SOCKETIO, "es")
    interpreter = t("common.crisis_interpreter", language="Mam")
    crisis = answer("crisis")
    with_line = Reply("crisis", (*crisis.texts, interpreter), crisis.buttons)
    user.say("un senor del albergue me pega, yo hablo mam poquito espanol", with_line)
    user.say("tengo miedo", with_line)


def test_sms_stop_words_the_carrier_does_not_read_get_one_short_line(talk):
    for lang, word in [("es", "PARAR"), ("fr", "ARRET")]:
        user = talk(SMS, lang)
        seen = user.client.send(word)
        assert seen.text.strip() == content.t("sms.stopped", lang) and not seen.options
    # In the lawyer questions the word also ends them: the next message is a new start, not an answer.
    user = talk(SMS, "es")
    user.say("hola necesito abogado", first_reply(ASK_CUSTODY))
    seen = user.client.send("parar")
    assert seen.text.strip() == content.t("sms.stopped", "es")
    user.say("hola", menu_again())


def test_sms_after_what_the_chat_keeps_a_reflex_1_is_the_menu_and_delete_follows_the_chats_language(talk):
    user = talk(SMS, "en")
    user.say("what does this chat keep?", answer("bot_privacy", first=True))
    assert user.last.options[-1] == content.t("common.button_delete", "en")
    user.say("1", menu_again())  # after an answer: "what else do you want to know?"
    spanish = talk(SMS, "es")
    spanish.say("hola", answer("menu", first=True))
    spanish.say_wiped("DELETE", t("privacy.deleted"), t("privacy.sms_carrier"))


def test_what_if_they_dont_let_me_call_gets_the_rights_answer(talk):
    for channel, lang, message in [
        (SOCKETIO, "pt", "e se nao deixarem eu ligar?"),
        (REST, "en", "what if they dont let me call"),
        (SMS, "es", "y si no me dejan llamar?"),
    ]:
        talk(channel, lang).say(message, answer("rights_in_custody", first=True))
    # Not being let to call one's mother or family is also a sign of isolation: the safety patterns answer it first.
    talk(SMS, "es").say("y si no me dejan llamar a mi mama?", answer("crisis"))


def test_rest_portuguese_what_did_i_tell_you_gets_what_the_chat_keeps_not_the_disclosure_guard(talk):
    user = talk(REST, "pt")
    user.say("o que eu te falei antes?", answer("bot_privacy", first=True))


def test_rest_portuguese_i_dont_understand_after_the_greeting_gets_it_in_fewer_words_then_who_can_help(talk):
    user = talk(REST, "pt")
    user.say("oi", answer("menu", first=True))
    user.say("nao entendi nada", simpler("menu"))
    not_clear = Reply(
        "menu",
        (t("common.simpler_none"),),
        lambda lang: [b["title"] for b in answer_buttons(more_offers([], lang, catalogue.topic_ids(), "menu"), lang)],
    )
    user.say("explica mais facil", not_clear)


def test_rest_spanish_yo_mam_in_danger_gets_the_interpreter_line_without_saying_hablo(talk):
    """Session 43's blind test: "yo mam, hombre de albergue me pega" named the language without "hablo"."""
    user = talk(REST, "es")
    user.say("hola", answer("menu", first=True))
    crisis = answer("crisis")
    with_line = Reply("crisis", (*crisis.texts, t("common.crisis_interpreter", language="Mam")), crisis.buttons)
    user.say("yo mam, hombre de albergue me pega, tengo miedo", with_line)


def test_sms_spanish_not_wanting_to_tell_staff_after_the_crisis_answer_gets_the_telling_answer(talk):
    """Session 43's blind test: "no le quiero decir al staff" got "Dile ya a alguien del personal" again."""
    user = talk(SMS, "es")
    user.say("me kiero matar ya no aguanto estar aqui", answer("crisis"))
    user.say("no le quiero decir al staff", answer("telling_after_danger"))


def test_help_with_my_case_starts_the_lawyer_questions(talk):
    """ "necesito ayuda con mi caso" got "I can't answer" (session 43's blind test)."""
    talk(REST, "es").say("necesito ayuda con mi caso", first_reply(ASK_CUSTODY))
