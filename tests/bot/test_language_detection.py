import pytest

from bot.language_detection import detect, is_decisive


@pytest.mark.parametrize(
    "text, code",
    [
        ("can my therapist tell ICE what I said?", "en"),
        ("mi terapeuta le puede decir a ICE lo que le cuento?", "es"),
        ("q pasa con mis notas de terapia", "es"),
        ("who can see my file at the shelter", "en"),
        ("necesito un abogado gratis", "es"),
    ],
)
def test_detects_and_decides_on_clear_sentences(text, code):
    detection = detect(text)
    assert detection is not None and detection.code == code
    assert is_decisive(text, detection)


@pytest.mark.parametrize("text", ["ok", "no", "si", "hola", "mi therapist", "ICE?", "sponsor", "k"])
def test_short_or_mixed_messages_never_switch_the_language(text):
    detection = detect(text)
    assert detection is None or not is_decisive(text, detection)


def test_explicit_language_names_are_decisive():
    detection = detect("español")
    assert detection.code == "es" and detection.explicit and is_decisive("español", detection)


def test_payloads_numbers_and_emoji_are_not_detected():
    assert detect("/therapy_privacy") is None
    assert detect("2") is None
    assert detect("🙂🙂") is None
    assert detect("") is None


@pytest.mark.parametrize(
    "text, code",
    [("mi therapist le dice a ICE?", "es"), ("mi sponsor puede ir a la corte?", "es"), ("can my sponsor ir?", "en")],
)
def test_spanglish_best_guess_follows_the_function_words(text, code):
    assert detect(text).code == code
