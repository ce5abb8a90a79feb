"""When to offer two answers instead of guessing: the top two intents are a listed pair
(data/ambiguous_pairs.yml) and close. Used by the NLU graph's offer step and the clarify action."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot import settings

FALLBACK_INTENT = "nlu_fallback"


@cache
def load_pairs(path: Path) -> tuple[frozenset[frozenset[str]], float]:
    """The listed pairs (unordered) and the minimum second/first confidence ratio."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    pairs = frozenset(frozenset(pair) for pair in raw.get("pairs") or [])
    return pairs, float(raw.get("min_ratio", 1.0))


def offered_pair(parse: Mapping[str, Any], path: Path | None = None) -> tuple[str, str] | None:
    """The two intents to offer (most likely first) for a parse, or None to answer as usual.

    Never when the safety override decided the intent: crisis help is not offered as a choice.
    """
    if parse.get("safety_override"):
        return None
    ranking = [r for r in parse.get("intent_ranking") or [] if r.get("name") != FALLBACK_INTENT]
    if len(ranking) < 2:
        return None
    pairs, min_ratio = load_pairs(path or settings.ambiguous_pairs_file())
    first, second = ranking[0], ranking[1]
    if frozenset((first["name"], second["name"])) not in pairs:
        return None
    if second["confidence"] < min_ratio * first["confidence"]:
        return None
    return first["name"], second["name"]
