"""Rule-based safety net: does a message signal a crisis, or start telling the user's past?

The regular expressions are data (``data/safety/patterns.yml``; how to write them is
explained at the top of that file). They are compiled once at import. Every language's
list is checked on every message because users mix languages ("mi therapist ...").

Crisis recall matters more than precision: the crisis answer is resources only, so a
false alarm costs one extra message while a miss can cost a life.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from re import Pattern

import yaml

PATTERNS_FILE = Path(__file__).resolve().parents[2] / "data" / "safety" / "patterns.yml"

# SMS shorthand expanded before matching, so patterns only need the full word.
_SHORTHAND = {
    "q": "que",
    "k": "que",
    "ke": "que",
    "xq": "porque",
    "pq": "porque",
    "porq": "porque",
    "tmb": "tambien",
    "u": "you",
    "r": "are",
    "pls": "please",
    "plz": "please",
    "porfa": "por favor",
    "2": "to",
    "b": "be",
    # Haitian Creole's older French-like spelling of "mwen" (I, me, my): "moin vle touye tet moin".
    "moin": "mwen",
}
# "2" stays a number before what is counted ("faz 2 dias", "2 mil"): "to" only in "want 2 die".
_COUNTED = frozenset(  # compared after repeated letters collapse ("dollars" -> "dolars")
    re.sub(r"([a-z])\1+", r"\1", unit)
    for unit in "day days night nights week weeks hour hours hrs month months year years time times meal meals "
    "dia dias noche noches noite noites semana semanas hora horas mes meses ano anos vez veces vezes "
    "comida comidas refeicao refeicoes jour jours nuit nuits semaine semaines heure heures mois an ans "
    "fois repas jou nwit semen ed mwa lane fwa mil k dollars dolares reais pesos".split()
)
_SENTENCE_END = re.compile(r"[.!?;\n\r¡¿]+")
_APOSTROPHES = re.compile(r"['’`´]")
_NON_WORD = re.compile(r"[^a-z0-9. ]+")
# Emoji a child may send instead of words ("😭😭😭 🔪" got "Sorry, I can't answer that one": session 42's blind
# test). They become words before the rest is dropped, so a pattern can read them ("crying knife"); the words are
# English whatever the message's language, and the patterns that read them are in the `en` lists.
_EMOJI_WORDS = {
    "🔪": "knife",
    "🗡": "knife",
    "🔫": "gun",
    "🩸": "blood",
    "💊": "pills",
    "⚰": "coffin",
    "🪦": "grave",
    "🪢": "rope",
    "😭": "crying",
    "😢": "crying",
}
_EMOJI = re.compile("|".join(map(re.escape, _EMOJI_WORDS)))
_REPEATS = re.compile(r"([a-z])\1+")
# The same collapse applied to pattern source, skipping escapes such as "\s", so authors can
# write normal spelling ("kill", "pastillas") and still match "kil", "pastilas", "kiiill".
_PATTERN_REPEATS = re.compile(r"(?<!\\)([a-z])\1+")


def normalize(text: str) -> str:
    """Casefold, strip accents, expand shorthand, collapse repeated letters and spaces.

    Sentence punctuation is kept as " . " so a pattern can stop at the end of a clause.
    """
    text = _EMOJI.sub(lambda m: f" {_EMOJI_WORDS[m.group()]} ", text)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = _APOSTROPHES.sub("", folded)
    folded = _SENTENCE_END.sub(" . ", folded)
    folded = _NON_WORD.sub(" ", folded)
    folded = _REPEATS.sub(r"\1", folded)
    raw = folded.split()
    words = [
        w if w == "2" and i + 1 < len(raw) and raw[i + 1] in _COUNTED else _SHORTHAND.get(w, w)
        for i, w in enumerate(raw)
    ]
    return " ".join(words)


def pattern_files(path: Path = PATTERNS_FILE) -> list[Path]:
    """patterns.yml and the per-language files beside it (patterns.pt.yml ...), so translators of
    one language edit their own file; every file uses the same group names."""
    return [path] + sorted(path.parent.glob(f"{path.stem}.*.yml"))


def _load(path: Path = PATTERNS_FILE) -> dict[str, list[Pattern[str]]]:
    """Compile every group of every pattern file into one flat list (all languages together)."""
    groups: dict[str, list[Pattern[str]]] = {}
    for file in pattern_files(path):
        with file.open(encoding="utf-8") as handle:
            raw = yaml.safe_load(handle) or {}
        for group, by_language in raw.items():
            if file != path and group not in groups:
                raise ValueError(f"{file.name}: unknown group {group!r}; use the group names of {path.name}")
            groups.setdefault(group, []).extend(
                re.compile(_PATTERN_REPEATS.sub(r"\1", p)) for patterns in by_language.values() for p in patterns
            )
    return groups


_GROUPS = _load()
CRISIS_SELF_HARM = _GROUPS["crisis_self_harm"]
CRISIS_DANGER = _GROUPS["crisis_danger"]
CRISIS_DEPRIVATION = _GROUPS["crisis_deprivation"]
SILENCING_THREATS = _GROUPS["silencing_threats"]
CRISIS_ONGOING = _GROUPS["crisis_ongoing"]
DEPRIVATION_QUESTIONS = _GROUPS["deprivation_questions"]
CRISIS_NEGATIONS = _GROUPS["crisis_negations"]
REPORTING_MARKERS = _GROUPS["reporting_markers"]
REPORTING_HYPOTHETICALS = _GROUPS["reporting_hypotheticals"]
TELLING_HYPOTHETICALS = _GROUPS["telling_hypotheticals"]
DANGER_RULE_QUESTIONS = _GROUPS["danger_rule_questions"]
DANGER_ELSEWHERE = _GROUPS["danger_elsewhere"]
DISCLOSURE = _GROUPS["disclosure"]
DISCLOSURE_EXCEPTIONS = _GROUPS["disclosure_exceptions"]


def _remove(patterns: list[Pattern[str]], text: str) -> str:
    for pattern in patterns:
        text = pattern.sub(" . ", text)
    return text


def _without_reporting_hypotheticals(text: str) -> str:
    """Drop "if I say ..." clauses, but only in a message asking about reporting rules."""
    if any(p.search(text) for p in REPORTING_MARKERS):
        return _remove(REPORTING_HYPOTHETICALS, text)
    return text


def is_crisis(text: str) -> bool:
    """True for suicidal thoughts, self-harm, or abuse or danger happening now."""
    if not text:
        return False
    normalized = _remove(CRISIS_NEGATIONS, normalize(text))
    # Self-harm is never excused by hypothetical framing: recall first.
    if any(p.search(normalized) for p in CRISIS_SELF_HARM):
        return True
    # "He said if I tell anyone he'll hurt me" is a threat, even though it has an "if I tell" clause.
    if any(p.search(normalized) for p in SILENCING_THREATS):
        return True
    # "Is it allowed for staff to lock me in with no food since yesterday?" asks about a rule, but
    # says it is happening to the user now: no question or "what if" framing removes that.
    if any(p.search(normalized) for p in CRISIS_ONGOING):
        return True
    # "Does my counselor have to report if I say I was abused?" and "can staff lock me in?" ask
    # about a rule; "in guatemala my stepdad beat me" is the past back home (disclosure).
    danger_text = _without_reporting_hypotheticals(normalized)
    danger_text = _remove(DANGER_RULE_QUESTIONS, danger_text)
    danger_text = _remove(DANGER_ELSEWHERE, danger_text)
    if any(p.search(danger_text) for p in CRISIS_DANGER):
        return True
    # "They won't let me call my family, is that legal?" wants the rights or complaint answer.
    if any(p.search(normalized) for p in DEPRIVATION_QUESTIONS):
        return False
    return any(p.search(danger_text) for p in CRISIS_DEPRIVATION)


def is_self_harm(text: str) -> bool:
    """True for suicidal thoughts or self-harm (the crisis patterns no framing ever excuses)."""
    return bool(text) and any(p.search(_remove(CRISIS_NEGATIONS, normalize(text))) for p in CRISIS_SELF_HARM)


def is_disclosure(text: str) -> bool:
    """True when the user starts telling details of their past (violence, gangs, crimes, journey)."""
    if not text:
        return False
    normalized = normalize(text)
    # Hypothetical "if I tell them ..." clauses are questions about telling, not telling.
    normalized = _remove(TELLING_HYPOTHETICALS, normalized)
    normalized = _remove(DISCLOSURE_EXCEPTIONS, normalized)
    return any(p.search(normalized) for p in DISCLOSURE)
