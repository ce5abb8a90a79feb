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
    answer_title,
    check_visible,
    crisis_with_photos,
    label,
    say,
    turn_bot_events,
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


# Right after the crisis answer, a follow-up that reads as harmless alone ("hes back", "what do i do",
# "ya volvio", "il est revenu", "ele voltou") gets the crisis answer again; the crisis answer's own menu
# button and the SMS keywords still get their usual answer (data/stories/core.yml, actions/crisis_follow_up.py).
def test_rest_english_follow_ups_after_the_crisis_answer_get_it_again(talk):
    user = talk(REST, "en")
    user.say("my uncle hits me when he drinks", answer("crisis"))  # safety first: no privacy notice
    user.say("hes back", answer("crisis"))  # read alone: the menu
    user.say("what do i do", answer("crisis"))  # again after a repeat: a call for help
    user.press(answer_title("menu"), answer("menu"))  # the button still opens the menu


def test_rest_english_the_same_words_without_a_crisis_before_get_the_usual_answer(talk):
    """Read alone, "hes back" is unclear: the usual answer to an unclear first message (the menu, or "I can't
    answer that", as the classifier reads it; both end with the danger line), not the crisis answer."""
    user = talk(REST, "en")
    seen = user.client.send("hes back")
    [topic] = [(e.get("metadata") or {}).get("topic") for e in turn_bot_events(user.live.tracker(user.sender))]
    assert topic in ("menu", "out_of_scope"), topic
    check_visible(seen, [answer(topic, first=True)], "en", REST)


def test_sms_spanish_follow_up_after_the_crisis_answer_then_the_menu_keyword(talk):
    user = talk(SMS, "es")
    user.say("mi padrastro me pega cuando toma", answer("crisis"))
    user.say("ya volvio", answer("crisis"))  # read alone: cancel
    user.say("MENU", answer("menu"))  # a keyword is a payload: the menu


def test_socketio_french_he_is_back_after_the_crisis_answer(talk):
    user = talk(SOCKETIO, "fr")
    user.say("mon oncle me frappe tous les soirs", answer("crisis"))
    user.say("il est revenu", answer("crisis"))
    user.press(answer_title("menu"), answer("menu"))


def test_sms_portuguese_unclear_follow_up_after_the_crisis_answer(talk):
    user = talk(SMS, "pt")
    user.say("meu padrasto me bate quando bebe", answer("crisis"))
    user.say("ele voltou", answer("crisis"))
    user.press(answer_title("menu"), answer("menu"))  # SMS: its number


# After a repeat, "bye" ends it: the crisis answer is never a loop the user cannot leave.
def test_rest_spanish_goodbye_after_a_repeat_ends_the_conversation(talk):
    user = talk(REST, "es")
    user.say("mi tio me pega cuando lee mi cel", answer("crisis"))
    user.say("ya llego", answer("crisis"))  # read alone: goodbye
    user.say("adios", say("menu", "common.goodbye"))


# Inside a form the rules above do not run: the form's validation does the same. Before, the legal-aid form
# took "hes back" as a skipped answer and asked the next question (actions/crisis_follow_up.py).
def test_rest_english_follow_ups_after_a_crisis_inside_the_legal_aid_form(talk):
    user = talk(REST, "en")
    user.say("find a lawyer near me", ASK_CUSTODY)
    user.say("my uncle hits me", CRISIS, ASK_CUSTODY)
    user.say("hes back", CRISIS, ASK_CUSTODY)
    user.say("what do i do", CRISIS, ASK_CUSTODY)
    user.press(label("legal_aid.button_in_shelter"), ASK_STATE)  # an answer: the form goes on
    # No crisis answer just before, but soon after danger (session 40's blind tests): the check-in, not a skipped
    # answer, and the question again.
    user.say("hes back", answer("danger_check_in"), ASK_STATE)
    user.say("Texas", ASK_LANGUAGE)


def test_sms_spanish_follow_up_after_a_crisis_inside_the_handoff_form(talk):
    user = talk(SMS, "es")
    drive_handoff_to(user, "age", "quiero que un abogado me llame")
    user.say("me quiero matar", CRISIS, ASK_AGE)
    user.say("ya volvio", CRISIS, ASK_AGE)  # read alone: cancel, which would have ended the form
    user.say("16", ASK_CONTACT)


def test_socketio_portuguese_follow_up_after_a_crisis_at_the_state_question(talk):
    user = talk(SOCKETIO, "pt")
    user.say("o que eu falo pra minha terapeuta é segredo?", answer("therapy_privacy", first=True))
    user.press(label("common.button_legal_help"), ASK_CUSTODY)
    user.press(label("legal_aid.button_in_shelter"), ASK_STATE)
    user.say("meu padrasto me bate quando bebe", CRISIS, ASK_STATE)
    user.say("ele voltou", CRISIS, ASK_STATE)
    user.say("Texas", ASK_LANGUAGE)


# Outside a form: "hes here" (inform) and "no se que hacer" (deny) right after the crisis answer.
def test_rest_spanish_i_dont_know_what_to_do_after_the_crisis_answer(talk):
    user = talk(REST, "es")
    user.say("mi padrastro me pega cuando toma", answer("crisis"))
    user.say("no se que hacer", answer("crisis"))  # read alone: "no", the menu


# QA session 29 (a tester who used the launched bot as its users would; /work/lots/qa29 in the session notes).
def test_sms_spanish_i_am_scared_alone_gets_the_crisis_answer(talk):
    user = talk(SMS, "es")
    user.say("tengo miedo", answer("crisis"))  # was the goodbye


def test_rest_english_i_am_scared_then_three_follow_ups_the_third_gets_the_menu(talk):
    user = talk(REST, "en")
    user.say("im scared", answer("crisis"))  # was the out-of-scope answer
    user.say("what do i do", answer("crisis"))
    user.say("what can you help with?", answer("crisis"))
    # Never a loop: the short check-in (not the crisis answer, not the greeting), whose buttons lead on.
    user.say("what can you help with?", answer("danger_check_in"))


def test_rest_spanish_the_fear_of_telling_right_after_the_crisis_answer_gets_the_telling_answer(talk):
    user = talk(REST, "es")
    # Out of the shelter: the forms for a child who has no staff to tell (session 41).
    user.say("salí del albergue y mi patrocinador me pega", answer("crisis", released=True))
    # Was "you can say 'I don't want to talk'", then the crisis answer again word for word (stop 47's blind test).
    user.say("y si me mandan a mi pais por decir", answer("telling_after_danger", released=True))


def test_rest_english_a_state_right_after_a_crisis_in_the_form_is_an_answer(talk):
    user = talk(REST, "en")
    user.say("find a lawyer near me", ASK_CUSTODY)
    user.say("someone here hits me", CRISIS, ASK_CUSTODY)
    user.say("Florida", ASK_LANGUAGE)  # the state: the shelter question is skipped, not the crisis answer again


def test_rest_portuguese_then_a_crisis_written_in_spanish_is_answered_in_spanish(talk):
    user = talk(REST, "pt")
    user.say("alguém me machuca aqui", answer("crisis"))
    user.say("alguien me pega", answer("crisis"), lang="es")  # was the Portuguese crisis answer


# QA session 30: after a forced-labour crisis answer, the fear of telling got the legal-aid refusal.
def test_rest_spanish_afraid_to_tell_anyone_after_the_crisis_answer_gets_the_telling_answer(talk):
    user = talk(REST, "es")
    user.say("el señor donde vivo no me deja salir y me hace trabajar todo el dia sin pagarme", answer("crisis"))
    user.say("me da miedo decirle a alguien", answer("telling_after_danger"))  # was the crisis answer again


def test_sms_english_afraid_to_tell_anyone_alone_gets_the_crisis_answer(talk):
    user = talk(SMS, "en")
    user.say("i'm scared to tell anyone", answer("crisis"))


# Stop 47's blind test (a helper who used the launched bot as new users would, in pt/fr/ht).
def test_sms_french_i_cant_take_it_anymore_gets_the_crisis_answer(talk):
    user = talk(SMS, "fr")
    user.say("salut", answer("menu", first=True))
    user.say("j'en peux plus", answer("crisis"))  # was the goodbye


def test_socketio_creole_and_rest_english_i_cant_anymore_get_the_crisis_answer(talk):
    talk(SOCKETIO, "ht").say("m pa ka anko", answer("crisis"))  # was the greeting
    talk(REST, "en").say("i cant take it anymore", answer("crisis"))  # was "cancel"


def test_socketio_french_who_the_therapist_tells_after_saying_staff_touch_me(talk):
    """After a danger, what telling leads to comes first, not the notes once given to ICE."""
    user = talk(SOCKETIO, "fr")
    user.say("y a un monsieur du staff qui me touche qd personne regarde", answer("crisis"))
    user.say("si je le dis au therapeute il va le dire a qui?", answer("telling_after_danger"))
    user.press(answer_title("mandatory_reporting"), answer("mandatory_reporting"))  # its button: what it says


def test_rest_spanish_fears_of_telling_after_a_staff_member_hits_get_answered_once(talk):
    """Stop 47's second blind test: every fear got the same crisis answer again, then the greeting."""
    user = talk(REST, "es")
    user.say("aqui en el albergue un señor del personal me pega cuando nadie ve", answer("crisis"))
    user.say("si le digo me van a deportar?", answer("telling_after_danger"))
    user.say("y van a saber q fui yo", answer("telling_after_danger"))  # a second fear: not the greeting


# Stop 47's third blind test: "ok", "what do i do", "es verdad?" soon after danger got the greeting.
def test_sms_spanish_ok_and_what_do_i_do_after_danger_get_the_check_in_not_the_greeting(talk):
    user = talk(SMS, "es")
    user.say("mi tio me quita todo el dinero q gano y me pega", answer("crisis"))
    user.say("dice q si le digo a alguien me van a deportar", answer("telling_after_danger"))
    user.say("ok", answer("danger_check_in"))


def test_rest_creole_who_can_i_tell_after_the_crisis_answer_gets_the_telling_answer(talk):
    """Stop 47's third blind test: "kiyes m ka di" (who can I tell) got "what else do you want to know?"."""
    user = talk(REST, "ht")
    user.say("m pa ka anko", answer("crisis"))
    user.say("kiyes m ka di", answer("telling_after_danger"))


# Session 40's blind tests (three helpers who used the launched bot as new users would).
def test_rest_spanish_the_check_ins_is_it_safe_to_tell_button_pressed_or_typed_gets_the_telling_answer(talk):
    """Its button sent an intent the domain did not know: the English greeting or "I can't answer that"."""
    user = talk(REST, "es")
    user.say("alguien de aqui me hace cosas q no me gustan en la noche", answer("crisis"))
    user.say("ok", answer("danger_check_in"))
    user.press(answer_title("telling_after_danger"), answer("telling_after_danger"))
    user2 = talk(REST, "es")
    user2.say("me pegan aqui", answer("crisis"))
    user2.say("ok", answer("danger_check_in"))
    user2.say("¿Es seguro contarlo?", answer("telling_after_danger"))  # typed: was the check-in again, a loop


def test_sms_spanish_the_check_ins_second_option_gets_the_telling_answer(talk):
    user = talk(SMS, "es")
    user.say("un señor del albergue me toca", answer("crisis"))
    user.say("ok", answer("danger_check_in"))
    user.press(answer_title("telling_after_danger"), answer("telling_after_danger"))  # "2": was "I don't know that"


def test_sms_spanish_after_a_crisis_in_the_form_one_menu_and_ok_gets_the_check_in_not_a_skip(talk):
    """The crisis answer's menu and the form's question shared one SMS with two numbered lists; then "ok" and "y
    ahora q" were taken as skipped answers and the child got a lawyer list."""
    user = talk(SMS, "es")
    user.say("necesito encontrar ayuda legal gratis", ASK_CUSTODY)
    user.say("no puedo dormir xq un muchacho de aqui me toca cuando no hay nadie", CRISIS, ASK_CUSTODY)
    user.say("ok", answer("danger_check_in"), ASK_CUSTODY)
    user.say("y ahora q", answer("danger_check_in"), ASK_CUSTODY)
    user.press(label("legal_aid.button_in_shelter"), ASK_STATE)  # an answer is still an answer


def test_rest_spanish_shame_or_who_can_i_talk_to_after_the_crisis_answer_gets_the_telling_answer(talk):
    """Both got the legal-aid refusal ("no office can receive requests from me") and a list of lawyers."""
    user = talk(REST, "es")
    user.say("un man en insta me pide fotos y dice q si no le mando va a publicar las q ya tengo", crisis_with_photos())
    # About photos, the next message gets the photos answer first ("not your fault", tell an adult; session 45 added
    # asking for photos to data/image_threats.yml), then the telling answer.
    user.say("me da verguenza decirle a alguien", answer("sextortion"))
    user.say("con quien puedo hablar", answer("telling_after_danger"))


def test_sms_portuguese_staff_is_the_one_who_tell_gets_the_telling_answer(talk):
    """The same crisis SMS came back word for word, and never said whom to tell when staff hurt the child."""
    user = talk(SMS, "pt")
    user.say(
        "a mulher q trabalha aqui a noite pega meu celular e fala q se eu contar pro case manager eu nunca vou sair daqui",
        answer("crisis"),
    )
    user.say("mas ela é da equipe, conto pra quem?", answer("telling_after_danger"))


# Session 40's second blind tests (the build above).
def test_sms_portuguese_an_adult_asking_a_14_year_old_for_photos_then_shame(talk):
    """Was the turning-18 answer, then "tenho vergonha" got the goodbye ("Se cuide... escreva APAGAR")."""
    user = talk(SMS, "pt")
    user.say("tenho 14 anos e um adulto aqui me pede fotos", crisis_with_photos())
    user.say("tenho vergonha", answer("sextortion"))  # "it is not your fault", don't send, tell an adult
    user.say("quem vai saber?", answer("telling_after_danger"))


def test_rest_french_after_i_want_to_die_ok_gets_the_check_in_with_988(talk):
    user = talk(REST, "fr")
    user.say("je veux plus vivre", answer("crisis"))
    user.say("jai honte", answer("telling_after_danger"))  # was the goodbye
    seen = user.say("ok", answer("danger_check_in"))
    assert "988" in seen.text  # was 911 and Childhelp only


# Session 40's blind test: sextortion got the crisis answer, then "i sent one already" the answer on leaving the
# shelter, "is it serious?" a list of sources, and nothing ever about photos.
def test_rest_english_sextortion_gets_the_photos_answer_next(talk):
    user = talk(REST, "en")
    user.say(
        "someone i met online has a pic of me with no shirt and says he'll send it to everyone unless i send more",
        crisis_with_photos(),
    )
    user.say("i sent one already", answer("sextortion"))
    user.say("is it bad?", answer("danger_check_in"))  # was a list of sources
    user.press(answer_title("telling_after_danger"), answer("telling_after_danger"))


def test_sms_spanish_sextortion_gets_the_photos_answer_next_once(talk):
    user = talk(SMS, "es")
    user.say(
        "un tipo de internet tiene fotos mias sin ropa y dice q las va a subir si no le mando dinero",
        crisis_with_photos(),
    )
    user.say("ya le mande una foto", answer("sextortion"))
    user.say("ok", answer("danger_check_in"))


def test_socketio_portuguese_the_photos_button_of_the_crisis_answer(talk):
    user = talk(SOCKETIO, "pt")
    user.say("um cara tem fotos minhas pelada e diz que vai postar se eu não mandar mais", crisis_with_photos())
    user.press(answer_title("sextortion"), answer("sextortion"))


def test_sms_spanish_a_mother_whose_son_is_asked_for_money_for_his_photos(talk):
    """Her forms: "your child", not "you"."""
    user = talk(SMS, "es")
    user.say(
        "mi hijo me dijo que un tipo tiene fotos de el sin ropa y le pide dinero", crisis_with_photos(caregiver=True)
    )
    user.say("y que hacemos con eso", answer("sextortion", caregiver=True))
