"""The bot's own language model (bot.nlu.language_model) and how detect() uses it.

Sentences here were written for this test; none is a training example or from a frozen set.
"""

from __future__ import annotations

import stat

import pytest

from bot.nlu import language_model
from bot.nlu.language_detection import LEAN_OWN, SURE_OWN, Detection, combine, detect

pytestmark = pytest.mark.unit

TINY = [
    ("i need a lawyer", "en"),
    ("who reads my notes", "en"),
    ("necesito un abogado", "es"),
    ("quien lee mis notas", "es"),
    ("mwen bezwen yon avoka", "ht"),
    ("ki moun ki li nòt mwen yo", "ht"),
]


@pytest.mark.parametrize(
    "text",
    [
        "kote sant la ye",  # lingua alone: French
        "yo di m tann",  # lingua alone: Spanish ("yo", "di")
        "konbyen tan sa pran",
    ],
)
def test_everyday_creole_without_listed_words_is_creole(text: str) -> None:
    assert detect(text).code == "ht"


@pytest.mark.parametrize(
    "text, lang",
    [
        ("la psy note tout", "fr"),
        ("quand est ce que je sors", "fr"),
        ("a terapeuta conta pro ice", "pt"),
        ("vo ficar aqui ate quando", "pt"),
        ("y si me deportan", "es"),
        ("what if they deport me", "en"),
    ],
)
def test_the_other_languages_stay_themselves(text: str, lang: str) -> None:
    assert detect(text).code == lang


def test_long_examples_also_teach_one_short_piece_drawn_the_same_way_every_time() -> None:
    examples = [("ki moun ki ka li dosye timoun nan", "ht"), ("i need help", "en"), ("quien lee mis notas hoy", "es")]
    augmented = language_model.with_pieces(examples)
    assert augmented[:3] == examples  # the examples themselves come first, unchanged
    pieces = augmented[3:]
    assert [lang for _, lang in pieces] == ["ht", "es"]  # "i need help" is too short to cut
    for (piece, _lang), (text, _) in zip(pieces, [examples[0], examples[2]]):
        assert 2 <= len(piece.split()) <= 3 and f" {piece} " in f" {text} "
    assert language_model.with_pieces(examples) == augmented


def test_an_examples_piece_does_not_move_when_other_examples_are_added() -> None:
    # One shared random stream re-drew every later piece whenever an example was added above it, so the
    # fitted model (and short messages near a threshold) moved with unrelated edits.
    examples = [("ki moun ki ka li dosye timoun nan", "ht"), ("quien lee mis notas hoy en la tarde", "es")]
    before = dict(language_model.with_pieces(examples)[2:])
    more = [("o que acontece com meu processo quando eu sair", "pt"), *examples]
    after = dict(language_model.with_pieces(more)[3:])
    assert {piece: lang for piece, lang in after.items() if lang != "pt"} == before


@pytest.mark.parametrize("text", ["sikolog la", "map tann avoka a", "my case manager di m tann"])
def test_pieces_and_english_led_creole_are_creole(text: str) -> None:
    assert detect(text).code == "ht"


def test_ranks_only_the_languages_asked_for_and_sums_to_one() -> None:
    ranked = language_model.rank("mwen pa konprann", ("en", "es"))
    assert [lang for lang, _ in ranked] in (["en", "es"], ["es", "en"])
    assert sum(p for _, p in ranked) == pytest.approx(1.0)
    assert language_model.rank("hello", ("xx",)) == []


def test_the_model_overrules_only_when_sure() -> None:
    general = Detection("fr", 0.7)
    assert combine(general, [("ht", SURE_OWN), ("fr", 1 - SURE_OWN)]).code == "ht"
    assert combine(general, [("ht", SURE_OWN - 0.01), ("fr", 0.41)]) is general
    assert combine(general, [("fr", 0.99)]) is general  # agreeing changes nothing, not even confidence
    assert combine(None, [("es", 0.9)]).code == "es"
    assert combine(general, []) is general


def test_below_sure_the_model_decides_only_with_a_word_of_its_language() -> None:
    general = Detection("en", 0.99)
    leaning = [("pt", LEAN_OWN), ("en", 1 - LEAN_OWN)]
    # "minha" votes Portuguese, "therapist" English: a tie goes to the own model
    assert combine(general, leaning, text="minha therapist").code == "pt"
    assert combine(general, leaning, text="the therapist said") is general  # no Portuguese word
    assert combine(general, [("pt", LEAN_OWN - 0.01), ("en", 0.56)], text="minha therapist") is general
    assert combine(general, leaning) is general  # without the text (bench rows), only SURE_OWN counts
    assert LEAN_OWN < SURE_OWN


def test_explicit_requests_and_payloads_never_reach_the_model() -> None:
    assert detect("en español por favor") == Detection("es", 1.0, explicit=True)
    assert detect("/therapy_privacy") is None
    assert detect("555 0100") is None


def test_language_requests_are_not_training_examples_of_their_file() -> None:
    examples = language_model.training_examples(("es",))
    assert examples and {lang for _, lang in examples} == {"es"}
    assert "english please" not in {text.lower() for text, _ in examples}


@pytest.fixture
def tiny_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(language_model, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setattr(language_model, "training_examples", lambda: TINY)
    language_model._model.cache_clear()
    yield tmp_path / "cache"
    language_model._model.cache_clear()


def test_fitted_once_then_loaded_from_build_readable_by_others(tiny_cache, monkeypatch) -> None:
    (tiny_cache).mkdir()
    (tiny_cache / "0ld-sklearn0.pickle").write_bytes(b"stale")
    first = language_model._model()
    files = list(tiny_cache.glob("*.pickle"))
    assert files == [language_model.cache_path()]  # the stale one is gone
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o644
    assert not list(tiny_cache.glob("*.tmp"))

    language_model._model.cache_clear()
    monkeypatch.setattr(language_model, "build", lambda examples: pytest.fail("fitted again"))
    second = language_model._model()
    assert list(second.classes_) == list(first.classes_) == ["en", "es", "ht"]
    assert language_model.rank("ki moun ki li nòt yo", model=second)[0][0] == "ht"


def test_an_unwritable_build_folder_still_gives_a_model(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")  # a folder cannot be made under a file, even by root
    monkeypatch.setattr(language_model, "CACHE_DIR", blocker / "cache")
    monkeypatch.setattr(language_model, "training_examples", lambda: TINY)
    language_model._model.cache_clear()
    try:
        model = language_model._model()
    finally:
        language_model._model.cache_clear()
    assert language_model.rank("necesito un abogado", model=model)[0][0] == "es"


def test_detecting_many_texts_at_once_gives_what_one_at_a_time_gives() -> None:
    """Training detects every example in one call (detect_many); a served message goes alone (detect)."""
    from bot.nlu.language_detection import detect, detect_many

    texts = [
        "quien puede ver mis notas de terapia",
        "m bezwen yon avoka",
        "/therapy_privacy",
        "",
        "123",
        "en español por favor",
        "who can see my file",
        "qui lit les notes de mon case manager",
        "oq é um relatorio de incidente",
    ]
    many, single = detect_many(texts), [detect(text) for text in texts]
    assert [(d.code, d.explicit) if d else None for d in many] == [(d.code, d.explicit) if d else None for d in single]
    # scikit-learn's batch and single predictions differ in the last bits of a float only
    assert [d.confidence if d else 0.0 for d in many] == pytest.approx([d.confidence if d else 0.0 for d in single])
    assert detect_many([]) == []
