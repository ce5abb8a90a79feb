"""Rasa's training cache must see changes to the detector's code and word lists (bot.nlu.fingerprint)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.nlu import fingerprint
from bot.nlu.components.language_detector import LanguageDetector
from bot.nlu.components.multilingual_tokenizer import MultilingualSpacyTokenizer

pytestmark = pytest.mark.unit


def _tree(root: Path) -> tuple[str, ...]:
    (root / "code").mkdir()
    (root / "code" / "rules.py").write_text("VOTES = 2\n")
    (root / "code" / "__pycache__").mkdir()
    (root / "code" / "__pycache__" / "rules.pyc").write_bytes(b"\x00")
    (root / "words.yml").write_text("pt: [oq]\n")
    return ("code", "words.yml", "missing.json")


def test_a_change_in_code_or_word_lists_changes_the_fingerprint(tmp_path: Path) -> None:
    names = _tree(tmp_path)
    before = fingerprint.digest(names, tmp_path)
    assert fingerprint.digest(names, tmp_path) == before  # stable
    (tmp_path / "code" / "__pycache__" / "rules.pyc").write_bytes(b"\x01")
    assert fingerprint.digest(names, tmp_path) == before  # caches do not count
    (tmp_path / "words.yml").write_text("pt: [oq, vc]\n")
    after_words = fingerprint.digest(names, tmp_path)
    assert after_words != before
    (tmp_path / "code" / "rules.py").write_text("VOTES = 3\n")
    assert fingerprint.digest(names, tmp_path) != after_words


def test_the_components_give_rasa_the_same_fingerprint_as_training_decisions() -> None:
    expected = fingerprint.nlu_fingerprint()
    assert LanguageDetector.fingerprint_addon({}) == expected
    assert MultilingualSpacyTokenizer.fingerprint_addon({}) == expected
