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
from typing import Any, NamedTuple

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


class Grammar(NamedTuple):
    request: re.Pattern[str]  # [before] (verb what [and what] | alone | whole) [after], the whole text
    connectors: re.Pattern[str]  # "so", "donc": they end a lead-in clause
    longest: int  # no longer text can be a request: the last-clause search stops there


def _longest(phrases: Iterable[Any]) -> int:
    return max(len(v) for p in phrases for v in _variants(str(p)))


def _grammar(entry: Mapping[str, Any]) -> Grammar:
    """One language's request grammar."""
    part = {key: _alternatives(entry[key]) for key in KEYS}
    what = f"{part['what']}(?: {part['and']} {part['what']})?"
    request = (
        f"(?:{part['erase']} (?:{what}|{part['erase_what']})|{part['forget']} {what}|{part['alone']}|{part['whole']})"
    )
    n = MOST_BEFORE_OR_AFTER
    whole = re.compile(rf"^(?:{part['before']} ){{0,{n}}}{request}(?: {part['after']}){{0,{n}}}$")
    size = {key: _longest(entry[key]) + 1 for key in KEYS}
    core = max(size["erase"], size["forget"]) + 2 * size["what"] + size["and"]
    longest = n * size["before"] + max(core, size["alone"], size["whole"]) + n * size["after"]
    return Grammar(whole, re.compile(rf"\b{part['then']} "), longest)


def load(path: Any = PHRASES_FILE) -> dict[str, Grammar]:
    """Language code -> its grammar. Fails loudly, naming the language and key, on a gap."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    missing = [f"{code}.{key}" for code in LANGUAGES for key in KEYS if not (raw.get(code) or {}).get(key)]
    if missing:
        raise ValueError(f"{path}: add phrases for {', '.join(missing)} (every language needs every key)")
    return {code: _grammar(raw[code]) for code in LANGUAGES}


@cache
def _patterns() -> dict[str, Grammar]:
    return load()


def is_explicit_delete_request(text: str) -> bool:
    """True when the whole message asks to erase the chat ("efface tout stp", "can you delete my data")."""
    normal = _normal(text)
    return bool(normal) and any(grammar.request.match(normal) for grammar in _patterns().values())


def ends_with_delete_request(text: str) -> bool:
    """True when the message's last clause (after a comma, a full stop or a connector such as "so",
    "asi q", "donc") is an explicit request: "im on my cousins phone so erase my messages pls".

    Weaker than the whole message, since the lead-in is not checked: only used when the classifier
    also says the message is a delete request."""
    clauses = [c for c in _CLAUSE_END.split(fold(text)) if words(c)]
    grammars = _patterns().values()
    longest = max(grammar.longest for grammar in grammars)
    # From the last clause backwards, so a long message costs only the clauses a request could span.
    for start in reversed(range(len(clauses))):
        tail = _normal(" ".join(clauses[start:]))
        for grammar in grammars:
            if grammar.request.match(tail):
                return True
            if any(grammar.request.match(tail[m.end() :]) for m in grammar.connectors.finditer(tail)):
                return True
        if len(tail) > longest:
            break
    return False


def starts_with_delete_request(text: str) -> bool:
    """True when the message's first clause (before a comma, a full stop or a connector) is an explicit
    request and something follows: "delete the chat please, i dont want this saved", "borra la conversacion
    xfa, vuelvo la otra semana".

    Like ``ends_with_delete_request``, the rest is not read: only used when the classifier does not see
    danger in the message."""
    clauses = [c for c in _CLAUSE_END.split(fold(text)) if words(c)]
    grammars = _patterns().values()
    longest = max(grammar.longest for grammar in grammars)
    for end in range(1, len(clauses)):
        head = _normal(" ".join(clauses[:end]))
        for grammar in grammars:
            if grammar.request.match(head):
                return True
            if any(grammar.request.match(head[: m.start()].rstrip()) for m in grammar.connectors.finditer(head)):
                return True
        if len(head) > longest:
            break
    return False
