"""Parents, sponsors and relatives are answered as such, not as the child (QA session 30, rows 5-6: "le pueden
deportar?" got "always go to *your* hearings"; "should I tell him not to talk to the psychologist?" got "You
can say 'I don't want to talk about that'"; "yo soy la mama no el" got the child's greeting)."""

from __future__ import annotations

from tests.acceptance.journey import REST, SMS, SOCKETIO, answer, for_caregivers, say, simpler


def test_a_mother_is_answered_about_her_child_from_the_moment_she_says_who_she_is(talk):
    user = talk(REST, "es")
    user.say("hola, mi hijo esta en un albergue", answer("caregiver_help", first=True, caregiver=True))
    user.say("le pueden deportar?", for_caregivers("court_and_asylum"))
    user.say("tiene derecho a abogado?", for_caregivers("right_to_lawyer"))


def test_a_mother_who_only_says_who_she_is_gets_what_a_parent_can_do(talk):
    user = talk(REST, "es")
    user.say("yo soy la mama no el", answer("caregiver_help", first=True, caregiver=True))


def test_a_father_by_sms_and_i_dont_understand_after_the_short_caregivers_form(talk):
    user = talk(SMS, "en")
    user.say("my daughter is in a shelter in texas", answer("caregiver_help", first=True, caregiver=True))
    user.say("so should i tell him to not talk to the psychologist?", for_caregivers("what_to_share"))
    user.say("i dont understand", simpler("what_to_share", caregiver=True))  # the SMS reply: who can explain it


def test_a_creole_mother_on_the_web_page(talk):
    user = talk(SOCKETIO, "ht")
    user.say(
        "bonjou, pitit gason m gen 14 an li nan yon abri nan Florida",
        answer("caregiver_help", first=True, caregiver=True),
    )
    user.say("eske ICE ka wè nòt terapi li yo?", for_caregivers("therapy_notes_ice"))
    # The caregivers' form was already the short one: who can explain it, on the web too.
    user.say(
        "m pa konprann",
        say(
            "therapy_notes_ice",
            "common.simpler_sms",
            "answers.therapy_privacy.caregiver_title",
            "answers.what_to_share.caregiver_title",
            "common.button_legal_help",
        ),
    )


def test_a_child_is_still_answered_as_the_child(talk):
    user = talk(REST, "en")
    user.say("can they deport me?", answer("court_and_asylum", first=True))


def test_a_parents_buttons_speak_of_the_child_and_do_what_the_childs_do(talk):
    """Stop 45's list: a mother saw the child's own words ("¿Puedo tener abogado gratis?") under her answers."""
    user = talk(SOCKETIO, "es")
    seen = user.say("hola, mi hijo esta en un albergue", answer("caregiver_help", first=True, caregiver=True))
    assert "¿Abogado gratis para mi hijo?" in seen.options and "¿Puedo tener abogado gratis?" not in seen.options
    user.press(lambda lang: "¿Abogado gratis para mi hijo?", for_caregivers("right_to_lawyer"))
    user.say("¿Qué derechos tiene mi hijo?", for_caregivers("rights_in_custody"))  # a title typed


def test_a_father_by_sms_picks_a_numbered_option_in_his_words(talk):
    user = talk(SMS, "en")
    seen = user.say("my son is in a shelter", answer("caregiver_help", first=True, caregiver=True))
    assert "Free lawyer for my child?" in seen.options and "Can I get a free lawyer?" not in seen.options
    user.press(lambda lang: "Free lawyer for my child?", for_caregivers("right_to_lawyer"))


def test_a_portuguese_mother_who_greets_and_says_where_her_son_is(talk):
    """Stop 46's list: "oi, meu filho está num abrigo" was taken for the case-file question (0.57)."""
    user = talk(SMS, "pt")
    user.say("oi, meu filho está num abrigo", answer("caregiver_help", first=True, caregiver=True))
    user.say("ele tem direito a advogado?", for_caregivers("right_to_lawyer"))


def test_a_mother_whose_son_said_he_wants_to_die_gets_what_she_can_do(talk):
    """Stop 47's blind test: the mother got crisis help written to the child ("tell any staff member"), then the
    answer that leads with therapy notes once given to ICE when she asked if telling the psychologist is safe."""
    user = talk(SOCKETIO, "es")
    user.say("hola, mi hijo esta en un albergue", answer("caregiver_help", first=True, caregiver=True))
    user.say("me llamó llorando y me dijo que se quiere matar", answer("crisis", caregiver=True))
    user.say(
        "le van a decir a inmigracion si el le cuenta eso a la psicologa?",
        answer("telling_after_danger", caregiver=True),
    )
