from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.legal_aid import routing
from bot.legal_aid.directory import load_directory
from bot.legal_aid.routing import IN_CUSTODY, RELEASED, SKIP


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Tejas", "TX"),
        ("TX", "TX"),
        ("tx", "TX"),
        ("in Houston", "TX"),
        ("California", "CA"),
        ("Nueva York", "NY"),
        ("nueva york", "NY"),
        ("estoy en Texas", "TX"),
        ("I'm in TX", "TX"),
        ("Carolina del Norte", "NC"),
        ("west virginia", "WV"),
        ("Virginia", "VA"),
        ("Washington DC", "DC"),
        ("Chicago", "IL"),
        ("McAllen", "TX"),
        ("Arizona!", "AZ"),
        ("Nuevo México", "NM"),
        ("no se", SKIP),
        ("no sé", SKIP),
        ("skip", SKIP),
        ("prefiero no decir", SKIP),
        ("la casa", None),
        ("ok", None),
        ("me", None),
        ("México", None),
        ("", None),
    ],
)
def test_parse_state(text, expected):
    assert routing.parse_state(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("estoy en un albergue", IN_CUSTODY),
        ("shelter", IN_CUSTODY),
        ("In a shelter", IN_CUSTODY),
        ("sí", IN_CUSTODY),
        ("ya sali", RELEASED),
        ("ya salí del albergue", RELEASED),
        ("I'm with my sponsor", RELEASED),
        ("estoy con mi tía", RELEASED),
        ("no", RELEASED),
        ("no sé", SKIP),
        ("prefiero no decir", SKIP),
        ("skip", SKIP),
        ("banana", None),
        # The button titles, typed (en/es), and leaving phrases that name the shelter.
        ("Already out", RELEASED),
        ("Ya salí", RELEASED),
        ("En un albergue", IN_CUSTODY),
        ("I left the shelter", RELEASED),
        ("I got out of the shelter last week", RELEASED),
        ("I'm out of the shelter", RELEASED),
        ("still in the shelter", IN_CUSTODY),
        ("ya no", RELEASED),
        ("ya no estoy en el albergue", RELEASED),
        ("i'm no longer in the shelter", RELEASED),
        ("No, he is not in a shelter anymore", RELEASED),
        ("nope, my son isn't in the shelter anymore", RELEASED),
        ("actually i dont want to do this anymore", None),  # "anymore" alone is no answer
        ("no, mi hijo ya no está en el albergue", RELEASED),
        ("não, ela não está mais no abrigo", RELEASED),
        ("non, il n'est plus au foyer", RELEASED),
        ("non, li pa nan abri a ankò", RELEASED),
        ("we are not living in the shelter anymore", RELEASED),  # session 38: was read as in a shelter
        ("we dont live in the shelter anymore", RELEASED),
        ("i am living in the shelter", IN_CUSTODY),
        # French and Creole answers typed instead of pressed (they were not understood before session 24).
        ("je suis toujours au foyer", IN_CUSTODY),
        ("je suis sortie du foyer la semaine passée", RELEASED),
        ("chez mon oncle", RELEASED),
        ("m toujou nan abri a", IN_CUSTODY),
        ("m soti nan abri a", RELEASED),
        ("m lakay tonton m", RELEASED),
        # "ya no" inside a sentence is no answer (a classifier-sure cancel may then end the form).
        ("ya no quiero seguir con esto", None),
    ],
)
def test_parse_custody(text, expected):
    assert routing.parse_custody(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("K'iche'", "kiche"),
        ("kiche", "kiche"),
        ("mam", "mam"),
        ("Mam", "mam"),
        ("hablo q'anjobal", "qanjobal"),
        ("Q’anjob’al", "qanjobal"),
        ("maya", "mayan"),
        ("español", "es"),
        ("Spanish", "es"),
        ("English", "en"),
        ("portugués", "pt"),
        ("no", routing.LANGUAGE_NEED_NONE),
        ("skip", SKIP),
        ("no se", SKIP),
        ("con mi mamá", None),
    ],
)
def test_parse_language_need(text, expected):
    assert routing.parse_language_need(text) == expected


@given(st.text(max_size=40))
def test_parsers_never_crash(text):
    routing.parse_state(text)
    routing.parse_custody(text)
    routing.parse_language_need(text)
    routing.is_cancel(text)


def test_cancel_words():
    assert routing.is_cancel("cancel") and routing.is_cancel("Cancelar") and routing.is_cancel("cancel please")
    assert not routing.is_cancel("can I cancel my court date?")


def test_the_cancel_word_each_language_is_told_to_write_cancels():
    # The fr/ht form texts say "écris annuler" / "ekri anile": those words must end the form.
    for word in ("annuler", "Annuler", "anile", "cancelar", "cancel"):
        assert routing.is_cancel(word), word
    for phrase in ("forget it", "never mind", "stop this form", "laisse tomber", "kite sa", "olvídalo"):
        assert routing.is_cancel(phrase), phrase
    assert not routing.is_cancel("i forget it")  # only the phrase alone, not inside an answer


def test_a_longer_cancel_counts_only_when_the_classifier_is_sure():
    assert routing.cancel_meant({"intent": {"name": "cancel", "confidence": 0.9}})
    assert not routing.cancel_meant({"intent": {"name": "cancel", "confidence": 0.7}})
    assert not routing.cancel_meant({"intent": {"name": "deny", "confidence": 0.99}})
    assert not routing.cancel_meant({})  # a payload or a message with no parse


def test_mayan_speaker_in_texas_custody_gets_a_local_org_and_no_unsourced_language_claim():
    matches = routing.rank(load_directory(), IN_CUSTODY, "TX", "kiche")
    assert matches[0].org.id in {"probar", "raices"} and "local" in matches[0].reasons
    # No seeded organization states that it serves K'iche' speakers (data/sources.yml), so none may claim it.
    assert all("language" not in m.reasons and "interpreters" not in m.reasons for m in matches)
    assert len(matches) <= 3


def test_in_custody_arizona_gets_florence_and_never_the_helpline():
    ids = [m.org.id for m in routing.rank(load_directory(), IN_CUSTODY, "AZ", "es")]
    assert ids[0] == "florence_project"
    assert "orr_national_call_center" not in ids


def test_released_without_state_gets_national_only():
    matches = routing.rank(load_directory(), RELEASED, SKIP, None)
    assert matches and all(m.org.national for m in matches)
    assert all("released_youth" in m.org.serves for m in matches)


def test_everything_skipped_still_answers():
    assert len(routing.rank(load_directory(), SKIP, SKIP, SKIP)) == 3


def test_needs_interpreter():
    assert routing.needs_interpreter("mam")
    assert routing.needs_interpreter("pt")  # legal aid works in English and Spanish, whatever this bot speaks
    assert not routing.needs_interpreter("es") and not routing.needs_interpreter(SKIP)
    assert not routing.needs_interpreter(routing.LANGUAGE_NEED_NONE) and not routing.needs_interpreter(None)


def test_a_bare_yes_is_in_a_shelter_and_never_a_state():
    for yes in ("yes", "si", "Sí", "sim", "oui", "wi", "Wi"):
        assert routing.is_yes(yes)
        assert routing.parse_custody(yes) == routing.IN_CUSTODY
        assert routing.state_named(yes) is None  # "wi" (Haitian Creole yes) is not Wisconsin here
    assert routing.parse_state("wi") == "WI"  # asked for the state, it is
    assert not routing.is_yes("yes he hits me")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("estoy en un albergue", IN_CUSTODY),
        ("ya no estoy en el albergue", RELEASED),
        ("i already got out of the shelter", RELEASED),
        ("no", None),  # a bare yes or no answers only the question that asked it
        ("si", None),
        ("skip", None),
        ("Texas", None),
    ],
)
def test_custody_said_only_by_words_that_say_where(text, expected):
    assert routing.custody_said(text) == expected


@pytest.mark.parametrize(
    ("typed", "state"),
    [
        ("texsa", "TX"),
        ("Florda", "FL"),
        ("new yrok", "NY"),
        ("califronia", "CA"),
        ("nueva yorl", "NY"),
        ("wakanda", None),
        ("asdfgh", None),
        ("mine", None),
        ("hes back", None),
        ("y ahora que hago", None),
    ],
)
def test_a_misspelt_state_is_that_state(typed: str, state: str | None):
    """Session 42's blind test asked what a typo ("texsa") does at "Which state?": it was skipped in silence."""
    assert routing.state_misspelt(typed) == state


def test_every_sms_stop_word_also_ends_the_lawyer_questions():
    """On SMS the user sees only the stop line (bot.channels.twilio_sms); the bot reads the word, and a form that went
    on asking would take the next message as its answer."""
    from bot.nlu.languages import LANGUAGES

    words = [word for language in LANGUAGES.values() for word in language.stop_words]
    assert words and all(routing.is_cancel(word) for word in words)
