"""What session 44's and 45's blind tests met under the launched bot and session 45 fixed, as whole conversations.

"cuando me van a soltar?" got the crisis answer and "how long until i get released" the answer on life after release;
"i want to go back to my country" got the disclosure guard ("I'm sorry you went through hard things"); a teen picked up
from the shelter by an uncle who hits him was told to tell staff; "le monitor ... je dois aller dans son bureau seul"
got "I can't answer"; "what if staff dont believe me" and "i dont have a phone" after the crisis answer got it again;
"ele é legal comigo" ("he is nice to me") after it started the lawyer questions; an English child asked online for
pictures got no word about photos; a mother's "can ICE see what my son tells the therapist" got the caregivers'
general answer; Arabic got the French greeting; "ahora en español porfa" got the language picker.
"""

from __future__ import annotations

from bot import content
from tests.acceptance.journey import (
    ASK_ROLE,
    REST,
    SMS,
    SOCKETIO,
    answer,
    answer_title,
    crisis_with_photos,
    first_reply,
    say,
)

LANGUAGE_SET = say("choose_language", "common.language_set")


def test_when_will_i_leave_the_shelter_gets_an_honest_answer_in_each_language(talk):
    for channel, lang, message in [
        (REST, "es", "cuando me van a soltar?"),  # was the crisis answer
        (SMS, "en", "how long until i get released"),  # was the answer on life after release
        (SOCKETIO, "pt", "quanto tempo vou ficar aqui"),
        (SMS, "ht", "kilè m ap soti"),
    ]:
        talk(channel, lang).say(message, answer("leaving_the_shelter", first=True))
    user = talk(REST, "en")
    user.say("how long will i be in the shelter", answer("leaving_the_shelter", first=True))  # was the parents' answer
    user.press(answer_title("sponsor_vetting"), answer("sponsor_vetting"))


def test_wanting_to_go_back_home_gets_tell_your_lawyer_first_not_the_disclosure_guard(talk):
    user = talk(SOCKETIO, "en")
    user.say("i want to go back to my country", answer("going_home", first=True))
    user.press(answer_title("lawyer_privacy"), answer("lawyer_privacy"))
    talk(SMS, "es").say("quiero regresar a honduras", answer("going_home", first=True))
    talk(REST, "fr").say("je veux rentrer chez moi", answer("going_home", first=True))
    # A parent says it of a child: the form for caregivers.
    talk(REST, "es").say("mi hijo quiere regresar a su pais", answer("going_home", first=True, caregiver=True))
    # With danger in the same message, the crisis answer comes first.
    talk(REST, "en").say("i want to go back to my country, my sponsor hits me", answer("crisis"))


def test_a_teen_picked_up_from_the_shelter_gets_help_outside_a_shelter(talk):
    user = talk(SMS, "en")
    user.say("my uncle picked me up from the shelter yesterday and now he hits me", answer("crisis", released=True))


def test_french_told_to_go_alone_to_a_staff_members_office_is_danger(talk):
    user = talk(REST, "fr")
    user.say(
        "le monitor me dit que si je suis sage il va m acheter un telephone mais je dois aller dans son bureau seul",
        answer("crisis"),  # was "I can't answer"
    )
    user.say("c est normal?", answer("telling_after_danger"))  # was "I can't answer", then the crisis answer again


def test_fears_after_the_crisis_answer_get_the_telling_answer(talk):
    user = talk(REST, "en")
    user.say("theres this older kid in my room he says if i tell anyone he will beat me up", answer("crisis"))
    user.say("what if staff dont believe me", answer("telling_after_danger"))
    user = talk(SOCKETIO, "pt")
    user.say("o moço da equipe fica me tocando de noite", answer("crisis"))
    user.say("ele é legal comigo as vezes", answer("telling_after_danger"))  # was the lawyer questions
    # About photos, the next message gets the photos answer (it says "not your fault" and "tell an adult" too).
    user = talk(SOCKETIO, "pt")
    user.say("o moço da equipe fica tirando foto de mim quando to no banho", crisis_with_photos())
    user.say("ele é legal comigo as vezes", answer("sextortion"))
    user = talk(SMS, "es")
    user.say("hay un señor del staff q me dice q soy su favorita y me manda mensajes en la noche", answer("crisis"))
    user.say("no se si es malo", answer("telling_after_danger"))  # was the crisis answer again


def test_no_phone_after_the_crisis_answer_and_the_crisis_answer_says_none_is_needed(talk):
    user = talk(REST, "en")
    seen = user.say("i want to hurt myself", answer("crisis"))
    assert "don't need one" in seen.text
    user.say("i dont have a phone", answer("telling_after_danger"))


def test_english_an_online_stranger_asking_for_pictures_gets_the_photos_answer(talk):
    user = talk(REST, "en")
    user.say("someone online keeps asking me for pics, he says he loves me and hes 17 too", crisis_with_photos())
    user.say("should i block him", answer("sextortion"))  # was the telling answer, nothing about photos


def test_a_mothers_question_whether_ice_hears_the_therapist_gets_that_answer(talk):
    user = talk(REST, "es")
    user.say(
        "hola soy la mama de un niño que esta en un albergue en texas, puede ICE ver lo que mi hijo le dice a la terapeuta?",
        answer("therapy_notes_ice", first=True, caregiver=True),  # was the caregivers' general answer
    )
    talk(SMS, "en").say(
        "hi im his mom. can ICE see what my son tells the therapist",
        answer("therapy_notes_ice", first=True, caregiver=True),
    )


def test_a_message_in_a_script_the_chat_does_not_read_gets_the_interpreter_answer(talk):
    user = talk(REST, "en")
    user.say("اريد محامي مجاني", answer("other_language", first=True))  # was the French greeting, in French
    talk(SMS, "en").say("زه وکیل غواړم", answer("other_language", first=True))


def test_asking_to_switch_language_with_now_or_please_switches_without_the_picker(talk):
    user = talk(REST, "en")
    user.say("is my therapy private", answer("therapy_privacy", first=True))
    user.say("ahora en español porfa", LANGUAGE_SET, lang="es")  # was the language picker
    user.say("cuando me van a soltar?", answer("leaving_the_shelter"))
    user.say("now english again", LANGUAGE_SET, lang="en")


def test_idioms_of_missing_family_are_not_danger(talk):
    talk(REST, "es").say("me estoy muriendo de ganas de ver a mi mama", answer("feelings", first=True))
    talk(SMS, "pt").say("to morrendo de saudade da minha mae", answer("feelings", first=True))


def test_asking_the_bot_to_call_a_lawyer_starts_the_request_that_asks_for_a_yes(talk):
    # was both lawyer answers offered, with no word that the bot cannot call (QA session 44)
    talk(REST, "en").say("can you call a lawyer for me", first_reply(ASK_ROLE))
    talk(SMS, "es").say("puedes llamar a un abogado por mi?", first_reply(ASK_ROLE))


def test_will_they_deport_me_gets_the_court_answer(talk):
    talk(REST, "es").say("ok ya, me van a deportar?", answer("court_and_asylum", first=True))  # was "I can't answer"
    talk(SMS, "en").say("will i get deported", answer("court_and_asylum", first=True))


def test_a_worry_about_telling_the_therapist_about_gangs_is_not_taken_for_danger(talk):
    # was the crisis answer three times ("staff may write it down, that is OK"), never "tell your lawyer first"
    user = talk(REST, "es")
    seen = user.client.send("me van a mandar de regreso a mi pais si le cuento a la terapeuta lo de las maras?")
    assert content.answer("crisis", "es").full.splitlines()[0] not in seen.text
    assert seen.text.strip()


def test_pain_for_days_that_staff_ignore_gets_the_health_answer(talk):
    # was the disclosure guard ("stop, I don't need your past")
    talk(REST, "fr").say(
        "j ai mal au ventre depuis 3 jours et personne m ecoute ici", answer("health_care", first=True)
    )


# Session 45's second blind test (QA46).
def test_a_parent_whose_child_fears_a_later_release_gets_the_telling_answer_not_the_reports_answer(talk):
    user = talk(REST, "en")
    user.say("my daughter told me a staff at her shelter touches her what do i do", answer("crisis", caregiver=True))
    # was the incident-reports answer: "reports can lead to ... a longer stay, and a later release"
    user.say("she is scared it will delay her release", answer("telling_after_danger", caregiver=True))
    # French: "Si l'enfant est en danger maintenant et n'est pas dans un foyer" (was said as a fact)
    user = talk(REST, "fr")
    user.say(
        "ma fille m a dit au telephone qu un educateur du centre la touche, qu est ce que je fais",
        answer("crisis", caregiver=True),
    )


def test_danger_in_a_script_the_chat_does_not_read_gets_the_danger_line(talk):
    seen = talk(REST, "en").say("سلام، زه په کمپ کې یم او یو سړی ما وهي", answer("other_language", first=True))
    assert "911" in seen.text and "1-800-422-4453" in seen.text  # was no safety line at all
    talk(SMS, "es").say("quiero regresar a mi pais, puedo?", answer("going_home", first=True))
    talk(REST, "pt").say("oi quando eu vou sair do abrigo", answer("leaving_the_shelter", first=True))


def test_sms_creole_will_they_deport_me_after_a_release_question_gets_the_court_answer(talk):
    user = talk(SMS, "ht")
    user.say("kile m ap soti nan abri a", answer("leaving_the_shelter", first=True))
    user.say("eske yo pral depote m", answer("court_and_asylum"))  # was the ICE therapy-notes story (QA46)
