"""Whether a typed message asks, in so many words, to erase this chat.

The phrases are data (data/privacy/delete_requests.yml explains the grammar and why it exists).
The NLU process reads this (bot.nlu.components.delete_requests): an explicit request deletes at once,
anything else the classifier calls a delete request is answered with what the chat keeps and a
"Delete my chat" button, because a wrong guess would wipe the conversation and any unsent handoff.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import yaml

from bot import settings
from bot.nlu.languages import LANGUAGES, fold, words

PHRASES_FILE = settings.PROJECT_ROOT / "data" / "privacy" / "delete_requests.yml"
KEYS = ("before", "erase", "alone", "forget", "erase_what", "what", "and", "whole", "after", "then")
MOST_BEFORE_OR_AFTER = 3
# French elisions typed with a space or an apostrophe ("j ai", "j'ai") read as one word ("jai").
_ELISION = re.compile(r"\b(j|t|l|d|n|s|qu) (?=[aeiouyh])")
_CLAUSE_END = re.compile(r"[.,;:!?\n]+")


def _normal(text: str) -> str:
    return _ELISION.sub(r"\1", words(text))


def _variants(phrase: str) -> set[str]:
    # Texting writes "que" as "q" ("todo lo q te dije", "tudo q eu falei").
    normal = _normal(phrase)
    return {normal, re.sub(r"\bque\b", "q", normal)}


def _alternatives(phrases: Iterable[Any]) -> str:
    # Longest first, so "everything i said" is tried before "everything".
    folded = sorted(set().union(*(_variants(str(p)) for p in phrases)) - {""}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p) for p in folded) + ")"


def _grammar(entry: Mapping[str, Any]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One language's request pattern ([before] (verb what [and what] | alone | whole) [after]), and
    its connectors ("so", "donc") that end a lead-in clause."""
    part = {key: _alternatives(entry[key]) for key in KEYS}
    what = f"{part['what']}(?: {part['and']} {part['what']})?"
    request = (
        f"(?:{part['erase']} (?:{what}|{part['erase_what']})|{part['forget']} {what}|{part['alone']}|{part['whole']})"
    )
    n = MOST_BEFORE_OR_AFTER
    whole = re.compile(rf"^(?:{part['before']} ){{0,{n}}}{request}(?: {part['after']}){{0,{n}}}$")
    return whole, re.compile(rf"\b{part['then']} ")


def load(path: Any = PHRASES_FILE) -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    """Language code -> (request pattern, connectors). Fails loudly, naming the language and key, on a gap."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    missing = [f"{code}.{key}" for code in LANGUAGES for key in KEYS if not (raw.get(code) or {}).get(key)]
    if missing:
        raise ValueError(f"{path}: add phrases for {', '.join(missing)} (every language needs every key)")
    return {code: _grammar(raw[code]) for code in LANGUAGES}


@cache
def _patterns() -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    return load()


def is_explicit_delete_request(text: str) -> bool:
    """True when the whole message asks to erase the chat ("efface tout stp", "can you delete my data")."""
    normal = _normal(text)
    return bool(normal) and any(request.match(normal) for request, _ in _patterns().values())


def ends_with_delete_request(text: str) -> bool:
    """True when the message's last clause (after a comma, a full stop or a connector such as "so",
    "asi q", "donc") is an explicit request: "im on my cousins phone so erase my messages pls".

    Weaker than the whole message, since the lead-in is not checked: only used when the classifier
    also says the message is a delete request."""
    clauses = [c for c in _CLAUSE_END.split(fold(text)) if words(c)]
    for start in range(len(clauses)):
        tail = _normal(" ".join(clauses[start:]))
        for request, connectors in _patterns().values():
            if request.match(tail):
                return True
            if any(request.match(tail[m.end() :]) for m in connectors.finditer(tail)):
                return True
    return False
