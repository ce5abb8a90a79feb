"""Replace personal data in user text with placeholders before anything is stored.

``redact(text)`` returns the redacted text and the *kinds* found (never the values), e.g.
``"call me at 555-0134" -> "call me at <PHONE>"``. Kinds: PHONE, EMAIL, A_NUMBER, DOB,
ADDRESS, NAME. Recall is measured on ``tests/data/pii_synthetic.yml`` by ``bench/redaction.py``.

Design: every detector returns character spans; overlaps are resolved by a fixed priority
(a span already claimed by a stronger detector is never re-labelled); the text is rebuilt once.
Pure functions over module-level compiled regexes, so it is safe to call from any process.
Bias: when in doubt, redact. Over-redacting a number costs a re-phrase; under-redacting
can cost a child's safety.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import phonenumbers

from bot.privacy import redact_patterns as P

KINDS = ("EMAIL", "DOB", "A_NUMBER", "PHONE", "ADDRESS", "NAME")
PLACEHOLDER = {kind: f"<{kind}>" for kind in KINDS}
# Redaction reads at most this many characters and drops the rest: every pattern is linear, but
# the work must also be bounded (channels cut messages at settings.max_message_chars(), 1,000 by
# default; our longest texts that echo user input, the handoff summary, are far below this).
MAX_REDACT_CHARS = 4000
# Regions whose number formats our users type: US plus Mexico and Central America.
PHONE_REGIONS = ("US", "MX", "GT", "HN", "SV", "NI", "CR", "PA")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class RedactionResult:
    text: str
    kinds: list[str] = field(default_factory=list)  # one entry per redacted span, in text order

    @property
    def changed(self) -> bool:
        return bool(self.kinds)


# Intros after which only a capitalized word is a name ("je suis Marie", not "je suis perdu").
WEAK_INTROS = frozenset({"this is", "named", "is called", "i'm", "im", "i am", "sou", "je suis", "se mwen"})


def _name_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    for intro in P.NAME_INTRO.finditer(text):
        trigger = intro.group(0).strip().lower()
        is_soy = trigger == "soy"
        weak = is_soy or trigger in WEAK_INTROS or trigger.startswith(("it", "c'", "c "))
        pos = intro.end()
        if trigger.startswith(("me dicen", "call me", "they call me")):
            art = P.ARTICLE_AFTER.match(text, pos)
            if art and P.NAME_WORD.match(text, art.end()) and text[art.end()].isupper():
                pos = art.end()
        words: list[tuple[int, int]] = []
        while len(words) < 3:
            m = P.NAME_WORD.match(text, pos)
            if not m:
                break
            word = m.group(0)
            low = word.lower().strip("'’")
            if low in P.NAME_STOP:
                break
            if weak and not word[0].isupper():
                # "soy maria" is a name, "soy hondureña" / "soy menor" are not.
                if len(low) >= 6 and low.endswith(P.NAME_STOP_SUFFIXES):
                    break
                if not words and not is_soy:
                    break  # lowercase after "this is"/"named" is too often not a name
            words.append((m.start(), m.end()))
            pos = m.end()
            if low in P.TITLES and text[pos : pos + 1] == ".":
                pos += 1  # "Lic. Fulana", "Dr. Sample"
                words[-1] = (words[-1][0], pos)
            gap = P.NAME_GAP.match(text, pos)
            if not gap:
                break
            pos = gap.end()
        if words:
            spans.append(Span(words[0][0], words[-1][1], "NAME"))
    return spans


# ---------------------------------------------------------------------------
def _digits(s: str) -> int:
    return sum(ch.isdigit() for ch in s)


def _classify_digit_run(text: str, start: int, value: str) -> str | None:
    n = _digits(value)
    if value.lstrip().startswith("+"):
        return "PHONE" if 8 <= n <= 15 else None
    if n < 7 or n > 13:
        return None
    before = text[max(0, start - 40) : start]
    if P.REFERENCE_BEFORE.search(before):
        return None
    a_ctx = P.A_CONTEXT.search(before) is not None
    p_ctx = P.PHONE_CONTEXT.search(before) is not None
    if n in (8, 9) and a_ctx and not (p_ctx and not a_ctx):
        return "A_NUMBER"
    if n == 9:
        return "PHONE" if p_ctx else "A_NUMBER"
    if n == 8:
        if p_ctx or re.fullmatch(r"\d{4}[ .\-]\d{4}", value.strip()):
            return "PHONE"  # Central American 8-digit numbers are written 4-4
        return "A_NUMBER"
    return "PHONE"  # 7, 10-13 digits: US local / US / MX / with country code


def _phone_windows(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Runs of digits and phone punctuation holding 7+ digits, and the windows phonenumbers reads.

    A run longer than one window is covered by overlapping windows (a formatted number is far
    shorter than the overlap), so every number lies whole inside at least one window.
    """
    runs, windows = [], []
    for m in P.PHONE_RUN.finditer(text):
        if _digits(m.group(0)) < 7:
            continue
        runs.append((m.start(), m.end()))
        lo, hi = max(0, m.start() - P.PHONE_MARGIN), min(len(text), m.end() + P.PHONE_MARGIN)
        while True:
            windows.append((lo, min(hi, lo + P.PHONE_WINDOW)))
            if lo + P.PHONE_WINDOW >= hi:
                break
            lo += P.PHONE_WINDOW - P.PHONE_OVERLAP
    return runs, windows


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans joined, so a number seen whole in one window and cut in another is one span."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _phone_spans(text: str) -> list[Span]:
    """Phone numbers found by ``phonenumbers`` in small windows around runs of digits.

    Scanning the whole message cost ~30 us per character and region, 0.25 s for 1,000 digits
    (issue #15). A message needing more windows than any real one is not parsed at all: each
    run of 7+ digits is taken for a phone (when in doubt, redact), so the work stays bounded.
    """
    runs, windows = _phone_windows(text)
    if len(windows) > P.MAX_PHONE_WINDOWS:
        found = runs
    else:
        found = []
        for lo, hi in windows:
            window = text[lo:hi]
            for region in PHONE_REGIONS:
                for match in phonenumbers.PhoneNumberMatcher(window, region, leniency=phonenumbers.Leniency.POSSIBLE):
                    found.append((lo + match.start, lo + match.end))
    return [Span(s, e, "PHONE") for s, e in _merged(found) if not P.REFERENCE_BEFORE.search(text[max(0, s - 20) : s])]


def find_pii(text: str) -> list[Span]:
    """Non-overlapping spans of personal data in the first MAX_REDACT_CHARS of ``text``, by position."""
    if not text:
        return []
    text = text[:MAX_REDACT_CHARS]
    claimed: list[Span] = []

    def free(s: int, e: int) -> bool:
        return all(e <= c.start or s >= c.end for c in claimed)

    def claim(s: int, e: int, kind: str) -> None:
        # trim whitespace/punctuation at the edges so the placeholder sits where the value was
        while s < e and text[s] in " \t,;:":
            s += 1
        while e > s and text[e - 1] in " \t,;:":
            e -= 1
        if s < e and free(s, e):
            claimed.append(Span(s, e, kind))

    for m in P.EMAIL.finditer(text):
        claim(m.start(), m.end(), "EMAIL")
    for m in P.DATE_FULL.finditer(text):
        claim(m.start(), m.end(), "DOB")
    for m in P.DATE_PARTIAL_WITH_CONTEXT.finditer(text):
        claim(m.start("v"), m.end("v"), "DOB")
    for m in P.A_PREFIXED.finditer(text):
        claim(m.start(), m.end(), "A_NUMBER")
    # addresses before loose digit runs, so "calle 5 de mayo 123" is one address
    for rx in (P.ADDR_EN, P.ADDR_ES, P.ADDR_NUM_FIRST_ES, P.ADDR_NUM_AFTER_EN):
        for m in rx.finditer(text):
            if _digits(m.group(0)) and free(m.start(), m.end()):
                claim(m.start(), m.end(), "ADDRESS")
    runs = [(m.start(), m.end(), _classify_digit_run(text, m.start(), m.group(0))) for m in P.DIGIT_RUN.finditer(text)]
    for start, end, kind in runs:
        if kind == "A_NUMBER":
            claim(start, end, kind)
    for sp in _phone_spans(text):
        if free(sp.start, sp.end):
            claim(sp.start, sp.end, "PHONE")
    for start, end, kind in runs:
        if kind == "PHONE":
            claim(start, end, kind)
    for sp in _name_spans(text):
        claim(sp.start, sp.end, sp.kind)
    return sorted(claimed, key=lambda s: s.start)


# A toll-free number the user quotes (a hotline from the crisis answer) is not theirs.
_TOLL_FREE = re.compile(r"^\+?1?[\s.\-()]*8(00|33|44|55|66|77|88)\b")


def shares_personal_details(text: str) -> bool:
    """True when ``text`` holds personal data of the kinds ``find_pii`` finds (a name, a phone number that
    is not toll-free, an email, an A-number, a date of birth, an address)."""
    return any(not (span.kind == "PHONE" and _TOLL_FREE.match(text[span.start : span.end])) for span in find_pii(text))


def redact(text: str) -> RedactionResult:
    """``text`` with each personal value replaced by ``<KIND>``; the kinds found, in order."""
    if not isinstance(text, str) or not text:
        return RedactionResult(text if isinstance(text, str) else "", [])
    text = text[:MAX_REDACT_CHARS]  # the rest is dropped, never kept unredacted
    spans = find_pii(text)
    if not spans:
        return RedactionResult(text, [])
    out: list[str] = []
    pos = 0
    for sp in spans:
        out.append(text[pos : sp.start])
        out.append(PLACEHOLDER[sp.kind])
        pos = sp.end
    out.append(text[pos:])
    return RedactionResult("".join(out), [sp.kind for sp in spans])


def redact_text(text: Any) -> Any:
    """Redacted string, or the value unchanged when it is not a string."""
    return redact(text).text if isinstance(text, str) else text


def redact_value(value: Any) -> Any:
    """Redact every string inside lists/dicts (slot values can be structured)."""
    if isinstance(value, str):
        return redact(value).text
    if isinstance(value, list):
        return [redact_value(v) for v in value]
    if isinstance(value, tuple):
        return tuple(redact_value(v) for v in value)
    if isinstance(value, dict):
        return {k: redact_value(v) for k, v in value.items()}
    return value


# Entities whose whole value is personal, whatever it looks like ("Maria" has no pattern).
PII_ENTITIES: Mapping[str, str] = {
    "phone": "PHONE",
    "phone_number": "PHONE",
    "telephone": "PHONE",
    "email": "EMAIL",
    "e_mail": "EMAIL",
    "a_number": "A_NUMBER",
    "anumber": "A_NUMBER",
    "alien_number": "A_NUMBER",
    "dob": "DOB",
    "birth_date": "DOB",
    "date_of_birth": "DOB",
    "birthday": "DOB",
    "address": "ADDRESS",
    "street_address": "ADDRESS",
    "name": "NAME",
    "person": "NAME",
    "PERSON": "NAME",
    "first_name": "NAME",
    "last_name": "NAME",
    "contact_value": "PHONE",
}
_ENTITY_KEYS = ("entity", "start", "end", "value", "extractor", "confidence_entity", "role", "group", "processors")


def redact_entities(entities: Iterable[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    """Copies of Rasa entity dicts with personal values replaced (and unknown keys dropped)."""
    result: list[dict[str, Any]] = []
    for ent in entities or []:
        if not isinstance(ent, Mapping):
            continue
        clean = {k: ent[k] for k in _ENTITY_KEYS if k in ent}
        kind = PII_ENTITIES.get(str(ent.get("entity", "")))
        if kind == "PHONE" and "@" in str(ent.get("value", "")):
            kind = "EMAIL"  # contact values can be either
        if kind is not None:
            clean["value"] = PLACEHOLDER[kind]
        else:
            clean["value"] = redact_value(ent.get("value"))
        result.append(clean)
    return result


def kinds_summary(results: Sequence[RedactionResult]) -> dict[str, int]:
    """Counts per kind (for metrics; no values)."""
    counts: dict[str, int] = {}
    for r in results:
        for k in r.kinds:
            counts[k] = counts.get(k, 0) + 1
    return counts
