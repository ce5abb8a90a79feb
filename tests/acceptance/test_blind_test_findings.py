"""What session 42's blind testers met under the launched bot, as whole conversations on every channel.

A mother told of a staff member touching her daughter and got the caregivers' general answer; "😭😭😭 🔪" got "I can't
answer"; "i dont want to be a snitch tho" right after the crisis answer got the crisis answer again; "hola necesito
abogado" got the greeting; "when can i call my mom" got "no legal-aid office can receive requests from me"; "are you
ICE?" got the answer on Border Patrol custody; personal details with a birth date got the turning-18 answer; "no
quiero seguir" went on to the next question of the lawyer form; a Spanish teen's "ola" started in Portuguese.
"""

from __future__ import annotations

from bot import content
from tests.acceptance.journey import (
    ASK_CUSTODY,
    ASK_STATE,
    LEGAL_AID_CANCELLED,
    PERSONAL_DETAILS_NOTE,
    REST,
    SMS,
    SOCKETIO,
    answer,
    first_reply,
)


def test_rest_english_a_mother_tells_of_a_staff_member_touching_her_daughter(talk):
    user = talk(REST, "en")
    user.say(
        "My daughter Ana (15) told me on the phone that a staff member at her shelter touches her and she is "
        "scared. I am her mom in Georgia. What do I do?",
        answer("crisis", caregiver=True),
    )


def test_socketio_only_danger_emoji_get_the_crisis_answer(talk):
    talk(SOCKETIO, "en").say("😭😭😭 🔪", answer("crisis"))


def test_sms_english_a_fear_of_snitching_after_the_crisis_answer_gets_the_telling_answer(talk):
    user = talk(SMS, "en")
    user.say("my roommate keeps hitting me at night", answer("crisis"))
    user.say("i dont want to be a snitch tho", answer("telling_after_danger"))


def test_rest_spanish_dont_tell_anyone_after_wanting_to_die_gets_the_telling_answer_with_988(talk):
    user = talk(REST, "es")
    user.say("es q me quiero morir y nadie sabe", answer("crisis"))
    user.say("no le digas a nadie xfa", answer("telling_after_danger"))
    assert "988" in content.answer("telling_after_danger", "es").short


def test_a_greeting_and_a_request_for_a_lawyer_start_the_lawyer_questions(talk):
    for channel, lang, message in [
        (REST, "es", "hola necesito abogado"),
        (SMS, "ht", "alo m bezwen yon avoka"),
        (SOCKETIO, "es", "ola necesito abogado"),
    ]:
        talk(channel, lang).say(message, first_reply(ASK_CUSTODY))


def test_sms_spanish_no_quiero_seguir_ends_the_lawyer_questions(talk):
    user = talk(SMS, "es")
    user.say("hola necesito abogado", first_reply(ASK_CUSTODY))
    user.say("en un albergue", ASK_STATE)
    user.say("no quiero seguir", LEGAL_AID_CANCELLED)


def test_asking_to_call_family_gets_the_rule_on_calls_not_the_legal_aid_handoff(talk):
    for channel, lang, message in [
        (REST, "en", "when can i call my mom"),
        (SOCKETIO, "ht", "eske m ka rele manman m"),
    ]:
        talk(channel, lang).say(message, answer("feelings", first=True))
    # Portuguese was right before: the rights answer, which gives the same rule.
    talk(SMS, "pt").say("posso ligar pra minha mae?", answer("rights_in_custody", first=True))


def test_asking_who_or_what_the_bot_is_gets_the_answer_that_starts_im_a_bot_not_ice(talk):
    for channel, lang, message in [
        (REST, "en", "are you ICE?"),
        (SMS, "es", "eres de la migra?"),
        (SOCKETIO, "pt", "tem alguem ai?"),
    ]:
        talk(channel, lang).say(message, answer("bot_privacy", first=True))


def test_sms_english_personal_details_with_a_birth_date_get_the_note_not_the_turning_18_answer(talk):
    note = PERSONAL_DETAILS_NOTE
    talk(SMS, "en").say("im Dario Mendez 555-555-0123 A-222-333-444 born 01/05/2011 at Brightwater shelter", note)


def test_sms_ola_starts_the_conversation_in_spanish(talk):
    """SMS carries no page language: the first message decides."""
    talk(SMS, "es").say("ola", answer("menu", first=True))


def test_who_hears_what_a_case_manager_is_told_gets_the_case_file_answer(talk):
    for channel, lang, message in [
        (REST, "es", "mi case manager le dice a ice lo q le cuento?"),
        (SOCKETIO, "en", "does my case manager tell ice stuff"),
    ]:
        talk(channel, lang).say(message, answer("case_file_access", first=True))


def test_promise_you_wont_tell_gets_no_promise_and_an_adult_to_tell(talk):
    """It got "I can't answer", just before a disclosure: now what the chat keeps, and tell an adult you trust."""
    talk(SOCKETIO, "en").say("promise u wont tell", answer("bot_privacy", first=True))
    assert "adult you trust" in content.answer("bot_privacy", "en").short


def test_rest_a_spanish_button_title_typed_after_hi_switches_to_spanish(talk):
    user = talk(REST, "en")
    user.say("hi", answer("menu", first=True))
    user.say("¿Qué guarda este chat?", answer("bot_privacy"), lang="es")
