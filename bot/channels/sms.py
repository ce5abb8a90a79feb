"""SMS text rules: GSM-7 vs UCS-2 encoding, segment counting, GSM-friendly text and letters, splitting.

Counts follow the GSM 03.38 basic set and extension table: extension characters take two
septets. A single-part SMS holds 160 GSM-7 / 70 UCS-2 units; concatenated parts hold 153 / 67.
UCS-2 counts UTF-16 code units (an emoji is two).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = set("^{}\\[~]|€\f")

# Typographic characters that force UCS-2 but have a plain GSM-7 equivalent.
_GSM_REPLACEMENTS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2012": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2011": "-",
    "\u2026": "...",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u200b": "",
    "\u2022": "-",
    "\u00b7": "-",
    "\t": " ",
}

SINGLE = {"GSM-7": 160, "UCS-2": 70}
MULTI = {"GSM-7": 153, "UCS-2": 67}


@dataclass(frozen=True)
class SmsSize:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int


def is_gsm7(text: str) -> bool:
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text)


def to_gsm_friendly(text: str) -> str:
    """Replace typographic quotes, dashes, ellipses and odd spaces with GSM-7 equivalents
    (letters: ``plain_letters``)."""
    return "".join(_GSM_REPLACEMENTS.get(ch, ch) for ch in text)


# Letters with no GSM-7 form whose plain letters NFKD does not give.
_LIGATURES = {"œ": "oe", "Œ": "OE"}


def _plain_letter(ch: str) -> str:
    if ch in _LIGATURES:
        return _LIGATURES[ch]
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if base and is_gsm7(base) else ch


def plain_letters(text: str) -> str:
    """``text`` with the accented letters GSM-7 lacks (á í ó ú ã õ â ê ô ç ...) written plain, when
    that makes the whole text GSM-7; otherwise ``text`` unchanged.

    One "á" turns a whole SMS into UCS-2, where a segment holds 67 characters instead of 153: the
    first Portuguese answer cost 7 segments for its "robô"/"não" notice and "grátis" options, and
    Spanish legal-aid results 10 for their "país"/"mías" (QA session 30). Texting without these
    accents is how these languages are usually typed on phones (the Portuguese SMS answers are written
    so), and é, è, à, ñ, ü, ¿ and ¡, which GSM-7 has, are kept. A text that would stay UCS-2 anyway
    (an emoji, another script) keeps its accents: dropping them would save nothing.
    """
    if is_gsm7(text):
        return text
    plain = "".join(ch if ch in GSM7_BASIC or ch in GSM7_EXTENSION else _plain_letter(ch) for ch in text)
    return plain if is_gsm7(plain) else text


def measure(text: str) -> SmsSize:
    """Encoding, length in encoding units and number of segments of ``text``."""
    if is_gsm7(text):
        encoding = "GSM-7"
        units = sum(2 if ch in GSM7_EXTENSION else 1 for ch in text)
    else:
        encoding = "UCS-2"
        units = len(text.encode("utf-16-le")) // 2
    if units == 0:
        segments = 0
    elif units <= SINGLE[encoding]:
        segments = 1
    else:
        segments = -(-units // MULTI[encoding])
    return SmsSize(encoding, units, segments)


def segments(text: str) -> int:
    return measure(text).segments


# Coarsest cut first, each level joined back the way it was written: paragraphs (a legal-aid
# result is one paragraph: name, why it fits, contacts), then lines, then sentences, then words.
_CUTS = (
    (re.compile(r"\n\s*\n"), "\n\n"),
    (re.compile(r"\n"), "\n"),
    (re.compile(r"(?<=[.!?…])\s+"), " "),
    (re.compile(r"\s+"), " "),
)


def split_for_sms(text: str, max_segments: int = 3) -> list[str]:
    """Split ``text`` into messages of at most ``max_segments`` segments each.

    Paragraphs are packed greedily and kept whole where they fit; one too long is cut at its line
    ends, a line at sentence ends, a sentence at word boundaries, so a contact never straddles
    two messages unless it cannot fit in one.
    """
    text = text.strip()
    if not text:
        return []
    return _split(text, max_segments, 0)


def _split(text: str, max_segments: int, level: int) -> list[str]:
    if segments(text) <= max_segments or level == len(_CUTS):
        return [text]  # a single word over the limit is sent as it is (the carrier concatenates it)
    pattern, joiner = _CUTS[level]
    messages: list[str] = []
    current = ""
    for piece in (p.strip() for p in pattern.split(text)):
        if not piece:
            continue
        candidate = f"{current}{joiner}{piece}" if current else piece
        if segments(candidate) <= max_segments:
            current = candidate
            continue
        if current:
            messages.append(current)
        *whole, current = _split(piece, max_segments, level + 1)
        messages.extend(whole)
    if current:
        messages.append(current)
    return messages
