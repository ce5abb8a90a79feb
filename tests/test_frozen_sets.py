"""The frozen held-out NLU sets (tests/data/nlu_frozen/) stay frozen, loadable and complete.

They were written once, without reading the training data, to measure the classifier on a
voice it was never tuned on. Their value depends on never being edited, so a checksum guards
each file: a change fails here. To measure something new, add a new set instead.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
FROZEN_DIR = ROOT / "tests" / "data" / "nlu_frozen"
LANGS = ("en", "es")
MIN_PER_INTENT = 25
# Topic intents added on another branch; until it lands they are not yet in domain.yml.
NEW_TOPIC_INTENTS = frozenset(
    {"turning_18", "held_by_cbp_ice", "after_release", "asylum_interview", "sponsor_vetting", "hipaa"}
)
FROZEN_HEADER = "# FROZEN on 2026-12-03."


def _recorded_sums() -> dict[str, str]:
    """File name -> sha256 from SHA256SUMS (``sha256sum`` format)."""
    sums: dict[str, str] = {}
    for line in (FROZEN_DIR / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            sums[name.lstrip("*")] = digest
    return sums


def _intent_counts(lang: str) -> Counter[str]:
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(FROZEN_DIR / f"{lang}.yml"))
    return Counter(example.get("intent") for example in data.intent_examples)


def test_sha256sums_list_exactly_the_frozen_files() -> None:
    assert sorted(_recorded_sums()) == sorted(f"{lang}.yml" for lang in LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_frozen_file_is_unchanged(lang: str) -> None:
    path = FROZEN_DIR / f"{lang}.yml"
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    assert actual == _recorded_sums()[path.name], (
        f"{path.relative_to(ROOT)} is a FROZEN evaluation set and must never be edited "
        "(not to fix a typo, not to relabel). Restore it with `git checkout` and add a new set instead."
    )


@pytest.mark.parametrize("lang", LANGS)
def test_frozen_file_says_it_is_frozen(lang: str) -> None:
    first_line = (FROZEN_DIR / f"{lang}.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith(FROZEN_HEADER)


@pytest.mark.parametrize("lang", LANGS)
def test_every_intent_has_enough_examples(lang: str) -> None:
    counts = _intent_counts(lang)
    short = {intent: n for intent, n in counts.items() if n < MIN_PER_INTENT}
    assert counts and not short, f"{lang}: fewer than {MIN_PER_INTENT} examples: {short}"


def test_both_languages_cover_the_same_intents() -> None:
    assert set(_intent_counts("en")) == set(_intent_counts("es"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_intent_is_a_known_intent(lang: str) -> None:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    # Domain intents are plain names or one-key mappings (name -> options).
    domain_intents = {i if isinstance(i, str) else next(iter(i)) for i in domain["intents"]}
    unknown = set(_intent_counts(lang)) - domain_intents - NEW_TOPIC_INTENTS
    assert not unknown, f"{lang}: intents neither in domain.yml nor new topic ids: {sorted(unknown)}"
