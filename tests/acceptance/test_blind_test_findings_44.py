"""What session 43's blind test met under the launched bot and session 44 fixed, as whole conversations.

"el staff me puede pegar?" and "can staff hit me?" got "I can't answer" (or the crisis answer alone); "ayuda interprete"
and "i need an interpreter" got "I can't answer", "necesito un interprete" the greeting; "hola yo k'iche no entiende
bien" got "I can't answer"; "how do u know", "wdym" and "como asi?" after an answer got "I can't answer", the menu or
nothing of the answer; "ok what now" after the lawyers' list got the whole greeting again ("Hi! I'm a bot...").
"""

from __future__ import annotations

from tests.acceptance.flows import results
from tests.acceptance.journey import (
    ASK_CUSTODY,
    ASK_LANGUAGE,
    ASK_STATE,
    HANDOFF_OFFER,
    REST,
    SMS,
    SOCKETIO,
    answer,
    answer_title,
    first_reply,
    menu_again,
    simpler,
    sources,
)


def test_whether_staff_may_hit_gets_the_rights_answer_that_says_they_may_not(talk):
    for channel, lang, message in [
        (REST, "es", "el staff me puede pegar?"),
        (SOCKETIO, "en", "can staff hit me?"),
        (SMS, "fr", "est-ce qu'ils peuvent me frapper ?"),
    ]:
        talk(channel, lang).say(message, answer("rights_in_custody", first=True))
    # Told as something that happens, it is danger: the crisis answer.
    talk(REST, "es").say("el staff me pego ayer", answer("crisis"))  # safety first: no privacy notice


def test_asking_for_an_interpreter_gets_how_to_ask_for_one_and_the_mayan_path(talk):
    for channel, lang, message in [
        (REST, "es", "ayuda interprete"),
        (SMS, "en", "i need an interpreter"),
        (SOCKETIO, "ht", "mwen bezwen yon entèprèt"),
    ]:
        user = talk(channel, lang)
        user.say(message, answer("other_language", first=True))
    # The answer's second button is the Mayan-language path.
    user = talk(REST, "es")
    user.say("necesito un interprete", answer("other_language", first=True))
    user.press(answer_title("mayan_language"), answer("mayan_language"))


def test_a_kiche_speaker_who_does_not_understand_well_gets_the_mayan_language_answer(talk):
    talk(SOCKETIO, "es").say("hola yo k'iche no entiende bien", answer("mayan_language", first=True))


def test_follow_ups_in_sms_spelling_get_the_sources_and_fewer_words(talk):
    user = talk(REST, "en")
    user.say("can ICE see my therapy notes?", answer("therapy_notes_ice", first=True))
    user.say("how do u know", sources("therapy_notes_ice"))
    user.say("wdym", simpler("therapy_notes_ice"))
    user = talk(SMS, "es")
    user.say("mi terapia es privada?", answer("therapy_privacy", first=True))
    user.say("de donde sacas eso", sources("therapy_privacy"))


def test_the_menu_asked_for_after_the_lawyers_list_is_not_a_second_greeting(talk):
    user = talk(REST, "en")
    user.say("I need to find a free lawyer near me", ASK_CUSTODY)
    user.say("we are in a shelter", ASK_STATE)
    user.say("Texas", ASK_LANGUAGE)
    user.say("no, English is fine", results(in_custody=True, state="TX"), HANDOFF_OFFER)
    user.say("what now", menu_again())
    # On SMS, the MENU keyword after an answer: the same.
    user = talk(SMS, "es")
    user.say("mi terapia es privada?", answer("therapy_privacy", first=True))
    user.say("MENU", menu_again())
    # After the crisis answer alone, the menu still says what the bot is.
    user = talk(SOCKETIO, "en")
    user.say("my uncle hits me when he drinks", answer("crisis"))
    user.press(answer_title("menu"), answer("menu"))


def test_sms_twilios_stop_at_a_lawyer_question_ends_the_questions(talk):
    """Twilio answers STOP itself; the bot now also ends the open questions, so a text after opting in again is not
    read as the answer to a question asked before."""
    user = talk(SMS, "en")
    user.say("find a lawyer near me", first_reply(ASK_CUSTODY))
    seen = user.client.send("STOP")
    assert seen.text.strip() == "" and not seen.options
    user.say("hi", menu_again())


def test_asking_to_call_family_gets_the_rule_on_calls_with_family(talk):
    for channel, lang, message in [
        (REST, "es", "puedo llamar a mi mama"),  # offered the rights answer and a parent's "how do I help my child"
        (SMS, "en", "how many calls do i get"),  # "I can't answer"
    ]:
        talk(channel, lang).say(message, answer("feelings", first=True))


# Session 44's own blind test (after the fixes above): danger that got no help.
def test_an_adult_asking_the_child_to_come_alone_after_secrets_is_danger_and_is_it_my_fault_is_answered(talk):
    user = talk(REST, "en")
    user.say("one of the staff gives me candy and phone time and says its our secret, is that ok?", answer("crisis"))
    user.say("he wants me to come to the office alone", answer("crisis"))  # was the list of legal-aid groups
    user.say("is it my fault", answer("telling_after_danger"))  # "It is not your fault" (was the crisis answer again)


def test_sms_spanish_a_child_who_ran_away_from_the_sponsor_gets_help_outside_a_shelter(talk):
    user = talk(SMS, "es")
    user.say("me escape de la casa de mi patrocinador, estoy en la calle", answer("crisis", released=True))


def test_a_mother_who_says_they_hit_her_son_gets_the_parents_danger_answer(talk):
    user = talk(REST, "es")
    user.say("mi hijo me dijo q lo tratan mal en el albergue q hago", answer("crisis", caregiver=True))
    user.say("le pegan", answer("crisis", caregiver=True))  # was "I can't answer"


def test_someone_to_talk_to_gets_the_counselor_and_988_not_the_lawyers_questions(talk):
    talk(REST, "en").say("i need someone to talk to", answer("feelings", first=True))  # was "Who are you?" (handoff)
    # Right after the crisis answer, "nobody helps me" gets what telling leads to, not the lawyers.
    user = talk(SOCKETIO, "fr")
    user.say("je veux mourir", answer("crisis"))
    user.say("personne m aide", answer("telling_after_danger"))


def test_sms_spanish_no_phone_right_after_the_crisis_answer_gets_the_telling_answer(talk):
    """ "no tengo telefono" got the crisis answer again, word for word (call 911, call or text 988); the telling answer
    says to tell any staff member or the counselor, and another staff member or the lawyer if staff is hurting."""
    user = talk(SMS, "es")
    user.say("me quiero matar", answer("crisis"))
    user.say("no tengo telefono", answer("telling_after_danger"))
