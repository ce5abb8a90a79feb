"""A child no longer in a shelter, and relatives of released children, in danger (session 40's blind tests).

The danger answers told a child living with a sponsor who takes his pay to "tell any staff member or your
counselor", again and again; a father whose released son is made to work and hit got the caregivers' general answer
(ORR passes messages to the shelter, sponsors face ICE risks), with no 911 and no trafficking line.
"""

from __future__ import annotations

from tests.acceptance.journey import (
    ASK_CUSTODY,
    ASK_STATE,
    REST,
    SMS,
    SOCKETIO,
    answer,
    answer_title,
    check_visible,
    turn_bot_events,
)


def test_rest_english_released_child_whose_sponsor_takes_his_pay_gets_help_without_staff(talk):
    user = talk(REST, "en")
    user.say(
        "i left the shelter last year, my sponsor takes my whole paycheck and says ill get deported if i complain",
        answer("crisis", released=True),
    )
    # Right after the crisis answer, a message that reads as harmless gets it again (bot.conversation): here the form
    # for a child outside a shelter, as before.
    user.say("i dont have staff or a counselor anymore", answer("crisis", released=True))
    user.say("what if he finds out i told", answer("telling_after_danger", released=True))
    user.say("ok", answer("danger_check_in", released=True))
    user.press(answer_title("telling_after_danger"), answer("telling_after_danger", released=True))


def test_sms_spanish_a_child_who_says_she_left_the_shelter_after_the_crisis_answer(talk):
    """Said after the first crisis answer: the next danger answers speak to a child outside a shelter (they told her
    to tell staff four times)."""
    user = talk(SMS, "es")
    user.say("mi tio me quita todo lo que gano y me pega", answer("crisis"))
    user.say("pero ya no estoy en el albergue", answer("crisis", released=True))  # was the shelter form again
    user.say("me da verguenza", answer("telling_after_danger", released=True))
    user.say("ok", answer("danger_check_in", released=True))


def test_socketio_spanish_released_answer_at_the_legal_aid_form_then_danger(talk):
    """The form's answer "ya salí" counts: a crisis at the next question gets the released form, then the question."""
    user = talk(SOCKETIO, "es")
    user.say("necesito encontrar ayuda legal gratis", ASK_CUSTODY)
    user.say("ya salí, vivo con mi tía", ASK_STATE)
    user.say("el esposo de mi tia me pega", answer("crisis", released=True), ASK_STATE)


def test_sms_english_a_father_whose_released_son_is_made_to_work_and_hit_gets_crisis_help(talk):
    user = talk(SMS, "en")
    user.say(
        "hi im a dad, my son 16 was released to his cousin in georgia and he told me the cousin makes him work at a "
        "construction site all day and takes his pay and hits him. what should i do",
        answer("crisis", caregiver=True),
    )


def test_rest_portuguese_a_mother_tells_of_her_released_daughter_without_naming_abuse(talk):
    user = talk(REST, "pt")
    user.say(
        "olá, sou mãe de uma menina de 15 anos que foi liberada para a casa de uma tia em Massachusetts. Ela me "
        "ligou chorando dizendo que o marido da tia entra no quarto dela de noite",
        answer("crisis", caregiver=True),
    )


def test_rest_english_a_child_in_a_shelter_still_gets_tell_any_staff_member(talk):
    """The released form is kept for children who said so: "my sponsor" alone does not count."""
    user = talk(REST, "en")
    user.say("my future sponsor said he will hit me when i get there", answer("crisis"))


def test_rest_spanish_a_mother_of_a_released_son_asks_what_now(talk):
    """Session 40's blind test: "y ahora que hago" got the answer on leaving the shelter, written for a child."""
    user = talk(REST, "es")
    user.say(
        "hola, mi hijo de 16 salio del albergue y vive con un primo en houston, el primo le quita todo lo que gana y "
        "lo amenaza con echarlo de la casa",
        answer("crisis", caregiver=True),
    )
    # Not the answer on leaving the shelter: right after the crisis answer, "what now?" gets the check-in when the
    # classifier reads a topic into it, and the crisis answer again when it cannot place it (a call for help).
    seen = user.client.send("y ahora que hago")
    [topic] = [(e.get("metadata") or {}).get("topic") for e in turn_bot_events(user.live.tracker(user.sender))][-1:]
    assert topic in ("danger_check_in", "crisis"), topic
    check_visible(seen, [answer(topic, caregiver=True)], "es", REST)


def test_socketio_portuguese_a_child_who_says_she_left_the_shelter_right_after_danger(talk):
    """ "ja sai do abrigo" right after the crisis answer got the answer on leaving the shelter (court dates)."""
    user = talk(SOCKETIO, "pt")
    user.say("meu tio me bate todo dia", answer("crisis"))
    user.say("ja sai do abrigo", answer("danger_check_in", released=True))
