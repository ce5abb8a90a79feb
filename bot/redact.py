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
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import phonenumbers

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
    kinds: List[str] = field(default_factory=list)  # one entry per redacted span, in text order

    @property
    def changed(self) -> bool:
        return bool(self.kinds)


# ---------------------------------------------------------------------------
# E-mail
# Every quantifier is bounded (local part <= 64, labels <= 63, <= 8 labels, little whitespace):
# with "+" a long run of word characters made this pattern quadratic (issue #15: a 30,000-
# character message blocked the server for 30 s).
_EMAIL = re.compile(
    r"[\w.+'-]{1,64}\s{0,3}(?:@|[(\[](?:at|arroba)[)\]]|\s{1,3}arroba\s{1,3})\s{0,3}[\w-]{1,63}"
    r"(?:\s{0,3}(?:\.|[(\[](?:dot|punto)[)\]]|\s{1,3}punto\s{1,3})\s{0,3}[\w-]{1,63}){1,8}",
    re.IGNORECASE,
)

# ---------------------------------------------------------------------------
# Dates (any full date is treated as a date of birth; partial dates only with birth context)
_MONTHS_EN = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTHS_ES = (
    r"enero|ene|febrero|feb|marzo|mar|abril|abr|mayo|may|junio|jun|julio|jul|agosto|ago|"
    r"septiembre|setiembre|sept?|octubre|oct|noviembre|nov|diciembre|dic"
)
_MONTH = rf"(?:{_MONTHS_EN}|{_MONTHS_ES})\.?"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th|ro|ero|er|º|°)?"
_YEAR = r"(?:19|20)\d{2}"
_DATE_FULL = re.compile(
    r"(?<![\w/.-])(?:"
    r"\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?(?:\d{4}|\d{2})"  # 03/14/2009, 14-03-2009, 3.14.09
    r"|(?:19|20)\d{2}[/.\-]\d{1,2}[/.\-]\d{1,2}"  # 2009-03-14
    rf"|{_MONTH}\s{{1,5}}{_DAY},?\s{{0,5}}(?:(?:de|del)\s{{1,5}})?{_YEAR}"  # March 14, 2009 / marzo 14 2009
    rf"|{_DAY}\s{{1,5}}(?:(?:de|of)\s{{1,5}})?{_MONTH},?\s{{0,5}}(?:(?:de|del|of)\s{{1,5}})?{_YEAR}"  # 14 de marzo de 2009
    rf"|{_DAY}\s?[/.\-]\s?{_MONTH}\s?[/.\-]\s?(?:{_YEAR}|\d{{2}})"  # 14-mar-2009
    r")(?![\w/])",
    re.IGNORECASE,
)
_BIRTH_CONTEXT = (
    r"(?:born|birthday|bday|b-day|date\s{1,5}of\s{1,5}birth|dob|d\.o\.b\.?|birth\s{0,5}date|"
    r"nac[ií]|naci[oó]|nacimiento|cumple(?:años|anos)?|cumplo|fecha\s{1,5}de\s{1,5}nac\w{0,40}|f\.?\s?nac\.?)"
)
_DATE_PARTIAL_WITH_CONTEXT = re.compile(
    rf"{_BIRTH_CONTEXT}[^.!?\n]{{0,25}}?"
    rf"(?:\b(?:en|in|el\s{{1,5}}año|del|de|on|el)\s{{1,5}})?"
    # a month's or a number's first character: skips the month alternation at most positions
    rf"(?=[\dadefjmnos])(?P<v>{_MONTH}\s{{1,5}}(?:(?:de|del|of)\s{{1,5}})?{_YEAR}|{_MONTH}\s{{1,5}}{_DAY}|{_DAY}\s{{1,5}}(?:(?:de|of)\s{{1,5}})?{_MONTH}|\d{{1,2}}\s?/\s?\d{{1,2}}|{_YEAR})(?![\w/])",
    re.IGNORECASE,
)

# ---------------------------------------------------------------------------
# A-numbers (USCIS alien registration numbers): 8-9 digits, usually written with an "A".
_A_PREFIXED = re.compile(
    r"(?<![\w])(?:A|a)\s?(?:-|#|\.|:|\s)?\s?\d(?:[-\s.]?\d){6,8}(?![\w-])",
)
_A_CONTEXT = re.compile(
    r"(?:\ba[\s-]?(?:number|num|no|#)|\bn[uú]mero\s{1,5}(?:a|de\s{1,5}a|de\s{1,5}extranjero|de\s{1,5}registro|de\s{1,5}caso|alien)"
    r"|\balien|\bregistration|\bregistro|\buscis|\bcase\s{0,5}(?:number|no|#)|\bn[uú]m(?:ero)?\.?\s{1,5}de\s{1,5}caso"
    r"|\bexpediente|\bice\b|\beoir|\bimmigration\s{1,5}(?:number|no|#)|\bmigraci[oó]n)",
    re.IGNORECASE,
)
_PHONE_CONTEXT = re.compile(
    r"(?:phone|cell|cel\b|celular|m[oó]vil|tel\b|tel[eé]fono|tlf|\bnum\b|\bnumber\b|text\s{1,5}me|txt|call|llam|"
    r"whats(?:app)?|wsp|wasap|guasap|\bcontact|contacto|marca|\bph\b|\#\s{0,5}de\s{1,5}cel)",
    re.IGNORECASE,
)

# Numbers right after these words are legal citations or references, not people.
_REFERENCE_BEFORE = re.compile(
    r"(?:section|sec\.?|§|cfr|u\.?s\.?c\.?|secci[oó]n|part|parte|rule|regla|article|art[ií]culo|art\.|"
    r"page|p[aá]gina|pg\.?|ley|law|code|c[oó]digo|form|formulario|i-\d{1,20})\s{0,5}#?\s{0,5}$",
    re.IGNORECASE,
)

# ---------------------------------------------------------------------------
# Generic digit runs (phones written in ways phonenumbers does not match, bare A-numbers).
# One way to read each separator ("-" only through "\s?-\s?"): the old "[ .\-]|\s?-\s?" could
# split every dash two ways, exponential on a long "1-1-1-...-1x".
_DIGIT_RUN = re.compile(r"(?<![\w/])(?:\+\s?)?(?:\(\d{1,4}\)\s?)?\d{1,20}(?:(?:[ .]|\s?-\s?)\(?\d{1,20}\)?){0,30}(?![\w/])")

# Where phonenumbers is asked to look: runs of digits and phone punctuation (see _phone_spans).
_PHONE_RUN = re.compile(r"[+(\d][\d \t().+\-/]{0,4000}")
_PHONE_MARGIN, _PHONE_WINDOW, _PHONE_OVERLAP = 6, 48, 24
MAX_PHONE_WINDOWS = 8  # real messages need 1 per number; each costs up to ~2 ms (8 regions)

# ---------------------------------------------------------------------------
# Street addresses
_STREET_TYPES_EN = (
    r"st|street|str|ave|av|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|ct|court|way|pl|place|"
    r"pkwy|parkway|hwy|highway|ter|terrace|cir|circle|trl|trail|sq|square|loop|row|pike|alley|aly"
)
_UNIT = r"(?:,?\s{0,5}(?:apt|apartment|unit|ste|suite|#|depto|dpto|departamento|int|interior|casa)\.?\s{0,5}#?\s{0,5}[\w-]{1,6})?"
_CITY_STATE_ZIP = r"(?:,?\s{0,5}[A-Za-zÁÉÍÓÚáéíóúñÑ .]{2,30},\s{0,5}[A-Z]{2}\.?(?:\s{1,5}\d{5}(?:-\d{4})?)?)?"
_ADDR_EN = re.compile(
    rf"(?<![\w/-])\d{{1,6}}[A-Za-z]?\s{{1,5}}(?:[NSEW]\.?\s{{1,5}})?(?:(?:[A-Za-zÁÉÍÓÚáéíóúñÑ'.-]{{1,40}}|\d{{1,3}}(?:st|nd|rd|th))\s{{1,5}}){{1,3}}"
    rf"(?:{_STREET_TYPES_EN})\b\.?{_UNIT}{_CITY_STATE_ZIP}",
    re.IGNORECASE,
)
_STREET_TYPES_ES = (
    r"calle|c/|cll\.?|avenida|av\.?|avda\.?|ave\.?|bulevar|boulevard|blvd\.?|calzada|calz\.?|callej[oó]n|"
    r"carretera|carr\.?|pasaje|psje\.?|privada|priv\.?|diagonal|diag\.?|circuito|cerrada|andador|camino|"
    r"colonia|col\.?|barrio|bo\.?|residencial|res\.?|lotificaci[oó]n|manzana|mz\.?|lote|sector"
)
_ADDR_ES = re.compile(
    rf"(?<![\w])(?:(?:\d{{1,2}}(?:a|ª|era|ra|da|ta|va|o|º)?\.?)\s{{1,5}})?(?:{_STREET_TYPES_ES})\s{{1,5}}"
    # street name: up to 5 words (small words like "de/la" included), which may include small
    # numbers ("5 de mayo"); one alternative per word, so there is one way to read a name
    r"(?:[A-Za-zÁÉÍÓÚáéíóúñÑüÜ'.]{1,40}\s{1,5}|\d{1,3}\s{1,5}(?=(?:de\b|#|no\b|no\.|n[uú]m|n°|nº))){0,5}"
    r"(?:[A-Za-zÁÉÍÓÚáéíóúñÑüÜ'.]{1,40}\s{0,5},?\s{0,5})?"
    r"(?:(?:#|no\.?|n[uú]m\.?|n[uú]mero|n°|nº|casa|bloque|lote|mz\.?|manzana)\s{0,5})?\d{1,5}(?:[-/]\d{1,4}|\s?[A-Za-z]\b)?"
    r"(?:,?\s{0,5}(?:zona|z\.)\s{0,5}\d{1,2})?"
    rf"{_UNIT}"
    r"(?:,?\s{0,5}(?:col\.?|colonia|barrio|zona)\s{1,5}[A-Za-zÁÉÍÓÚáéíóúñÑ]{1,40}(?:\s{1,5}[A-Za-zÁÉÍÓÚáéíóúñÑ]{1,40})?)?",
    re.IGNORECASE,
)
# "1234 calle falsa" (number first, Spanish street type)
_ADDR_NUM_FIRST_ES = re.compile(
    r"(?<![\w/-])\d{1,5}\s{1,5}(?:calle|avenida|av\.?|avda\.?|calzada|boulevard|bulevar|camino|carretera|pasaje|privada)"
    r"\s{1,5}[A-Za-zÁÉÍÓÚáéíóúñÑüÜ'.]{1,40}(?:\s{1,5}(?:de|del|la|los|las)\s{1,5}[A-Za-zÁÉÍÓÚáéíóúñÑüÜ'.]{1,40})?",
    re.IGNORECASE,
)
# "Elm St number 40", "Pine Street #40" (English street named first, number after)
_ADDR_NUM_AFTER_EN = re.compile(
    rf"(?<![\w])(?:[A-Z][A-Za-z'.-]{{1,40}}\s{{1,5}}){{1,3}}(?i:{_STREET_TYPES_EN})\.?,?\s{{1,5}}(?i:number|no\.?|#)\s{{0,5}}\d{{1,6}}[A-Za-z]?\b",
)
# Guatemala/Honduras style "4a avenida 3-21 zona 1" is covered by _ADDR_ES (ordinal + type + number).

# ---------------------------------------------------------------------------
# Names given by the user ("my name is", "me llamo", "soy", ...)
_NAME_INTRO = re.compile(
    r"(?:\bmy\s{1,5}names?\s{1,5}is|\bmy\s{1,5}names\b|\bname'?s|\bname\s{1,5}is|\bi'?m\s{1,5}called|\bi\s{1,5}am\s{1,5}called|\bcall\s{1,5}me|"
    r"\bthey\s{1,5}call\s{1,5}me|\bis\s{1,5}called|\bnamed|\bthis\s{1,5}is|\bit'?s\s{1,5}me,?|\bi'?m|\bi\s{1,5}am"
    r"|\bme\s{1,5}llamo|\bmi\s{1,5}nombre\s{1,5}es|\bnombre\s{1,5}de\s{1,5}(?:mi|su|tu)\s{1,5}\w{1,40}\s{1,5}es|\bnombre\s{1,5}es|\bse\s{1,5}llama|\bme\s{1,5}dicen|\bmi\s{1,5}nombre:|\bmy\s{1,5}name:|\bnombre:|\bname:"
    r"|\bsoy)\s{1,5}",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ][A-Za-zÁÉÍÓÚÜÑáéíóúüñ'’-]*")
# Words that end a name or show the intro was not a name at all.
_NAME_STOP = frozenset(
    """
    a an the and or but so i im i'm me my mine you your he she his her they their we our it its is am are was
    not no yes ok okay pls please plz thanks thank hi hello hey lol from in at on to of for with by about
    age years year old yo yrs and and also too very really just still only here there now today tomorrow
    scared afraid worried sad happy fine good bad sorry new 15 16 17 a-number number phone lawyer
    y o u e pero que qué de del la las los el lo un una unos unas mi mis tu tus su sus al en con por para sin
    tengo tiene años año edad hola gracias ok vale porfa por favor también tambien muy aqui aquí ahora hoy
    menor mayor nuevo nueva nuevos nuevas niño niña niños chico chica chamaco chamaca patojo patoja cipote cipota
    mamá mama papá papa tío tio tía tia hermano hermana primo prima abuelo abuela hijo hija
    hondureño hondureña guatemalteco guatemalteca salvadoreño salvadoreña mexicano mexicana nicaragüense
    nicaraguense costarricense panameño panameña americano americana latino latina
    inmigrante migrante indocumentado indocumentada estudiante trabajador trabajadora
    yo el ella ellos ellas nosotros usted ustedes quien quién como cómo cuando cuándo donde dónde
    sponsor patrocinador patrocinadora trabajadora social caseworker abogado abogada
    bien mal feliz triste solo sola nervioso nerviosa asustado asustada
    eso esto esta este ese esa aca acá alla allá tambien so like um uh ummm
    honduran guatemalan salvadoran mexican nicaraguan american latino latina hispanic undocumented
    ice orr uscis cbp dhs hhs eoir kyr bot chat sms ok menu
    """.split()
)
_NAME_STOP_SUFFIXES = ("ado", "ada", "ido", "ida", "oso", "osa", "eño", "eña", "ense", "ing", "ed")
_TITLES = frozenset("lic licda dr dra sr sra srta mr mrs ms miss don doña ing prof profe".split())
_NAME_GAP = re.compile(r"[ \t]{1,5}")
_ARTICLE_AFTER = re.compile(r"(?:el|la)\s+", re.IGNORECASE)  # "me dicen el Chino"


def _name_spans(text: str) -> List[Span]:
    spans: List[Span] = []
    for intro in _NAME_INTRO.finditer(text):
        trigger = intro.group(0).strip().lower()
        is_soy = trigger == "soy"
        weak = is_soy or trigger in ("this is", "named", "is called", "i'm", "im", "i am") or trigger.startswith("it")
        pos = intro.end()
        if trigger.startswith(("me dicen", "call me", "they call me")):
            art = _ARTICLE_AFTER.match(text, pos)
            if art and _NAME_WORD.match(text, art.end()) and text[art.end()].isupper():
                pos = art.end()
        words: List[Tuple[int, int]] = []
        while len(words) < 3:
            m = _NAME_WORD.match(text, pos)
            if not m:
                break
            word = m.group(0)
            low = word.lower().strip("'’")
            if low in _NAME_STOP:
                break
            if weak and not word[0].isupper():
                # "soy maria" is a name, "soy hondureña" / "soy menor" are not.
                if len(low) >= 6 and low.endswith(_NAME_STOP_SUFFIXES):
                    break
                if not words and not is_soy:
                    break  # lowercase after "this is"/"named" is too often not a name
            words.append((m.start(), m.end()))
            pos = m.end()
            if low in _TITLES and text[pos:pos + 1] == ".":
                pos += 1  # "Lic. Fulana", "Dr. Sample"
                words[-1] = (words[-1][0], pos)
            gap = _NAME_GAP.match(text, pos)
            if not gap:
                break
            pos = gap.end()
        if words:
            spans.append(Span(words[0][0], words[-1][1], "NAME"))
    return spans


# ---------------------------------------------------------------------------
def _digits(s: str) -> int:
    return sum(ch.isdigit() for ch in s)


def _classify_digit_run(text: str, start: int, value: str) -> Optional[str]:
    n = _digits(value)
    if value.lstrip().startswith("+"):
        return "PHONE" if 8 <= n <= 15 else None
    if n < 7 or n > 13:
        return None
    before = text[max(0, start - 40):start]
    if _REFERENCE_BEFORE.search(before):
        return None
    a_ctx = _A_CONTEXT.search(before) is not None
    p_ctx = _PHONE_CONTEXT.search(before) is not None
    if n in (8, 9) and a_ctx and not (p_ctx and not a_ctx):
        return "A_NUMBER"
    if n == 9:
        return "PHONE" if p_ctx else "A_NUMBER"
    if n == 8:
        if p_ctx or re.fullmatch(r"\d{4}[ .\-]\d{4}", value.strip()):
            return "PHONE"  # Central American 8-digit numbers are written 4-4
        return "A_NUMBER"
    return "PHONE"  # 7, 10-13 digits: US local / US / MX / with country code


def _phone_windows(text: str) -> Tuple[List[Tuple[int, int]], List[Tuple[int, int]]]:
    """Runs of digits and phone punctuation holding 7+ digits, and the windows phonenumbers reads.

    A run longer than one window is covered by overlapping windows (a formatted number is far
    shorter than the overlap), so every number lies whole inside at least one window.
    """
    runs, windows = [], []
    for m in _PHONE_RUN.finditer(text):
        if _digits(m.group(0)) < 7:
            continue
        runs.append((m.start(), m.end()))
        lo, hi = max(0, m.start() - _PHONE_MARGIN), min(len(text), m.end() + _PHONE_MARGIN)
        while True:
            windows.append((lo, min(hi, lo + _PHONE_WINDOW)))
            if lo + _PHONE_WINDOW >= hi:
                break
            lo += _PHONE_WINDOW - _PHONE_OVERLAP
    return runs, windows


def _merged(spans: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """Overlapping spans joined, so a number seen whole in one window and cut in another is one span."""
    out: List[Tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _phone_spans(text: str) -> List[Span]:
    """Phone numbers found by ``phonenumbers`` in small windows around runs of digits.

    Scanning the whole message cost ~30 us per character and region, 0.25 s for 1,000 digits
    (issue #15). A message needing more windows than any real one is not parsed at all: each
    run of 7+ digits is taken for a phone (when in doubt, redact), so the work stays bounded.
    """
    runs, windows = _phone_windows(text)
    if len(windows) > MAX_PHONE_WINDOWS:
        found = runs
    else:
        found = []
        for lo, hi in windows:
            window = text[lo:hi]
            for region in PHONE_REGIONS:
                for match in phonenumbers.PhoneNumberMatcher(window, region, leniency=phonenumbers.Leniency.POSSIBLE):
                    found.append((lo + match.start, lo + match.end))
    return [Span(s, e, "PHONE") for s, e in _merged(found)
            if not _REFERENCE_BEFORE.search(text[max(0, s - 20):s])]


def find_pii(text: str) -> List[Span]:
    """Non-overlapping spans of personal data in the first MAX_REDACT_CHARS of ``text``, by position."""
    if not text:
        return []
    text = text[:MAX_REDACT_CHARS]
    claimed: List[Span] = []

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

    for m in _EMAIL.finditer(text):
        claim(m.start(), m.end(), "EMAIL")
    for m in _DATE_FULL.finditer(text):
        claim(m.start(), m.end(), "DOB")
    for m in _DATE_PARTIAL_WITH_CONTEXT.finditer(text):
        claim(m.start("v"), m.end("v"), "DOB")
    for m in _A_PREFIXED.finditer(text):
        claim(m.start(), m.end(), "A_NUMBER")
    # addresses before loose digit runs, so "calle 5 de mayo 123" is one address
    for rx in (_ADDR_EN, _ADDR_ES, _ADDR_NUM_FIRST_ES, _ADDR_NUM_AFTER_EN):
        for m in rx.finditer(text):
            if _digits(m.group(0)) and free(m.start(), m.end()):
                claim(m.start(), m.end(), "ADDRESS")
    runs = [(m.start(), m.end(), _classify_digit_run(text, m.start(), m.group(0))) for m in _DIGIT_RUN.finditer(text)]
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


def redact(text: str) -> RedactionResult:
    """``text`` with each personal value replaced by ``<KIND>``; the kinds found, in order."""
    if not isinstance(text, str) or not text:
        return RedactionResult(text if isinstance(text, str) else "", [])
    text = text[:MAX_REDACT_CHARS]  # the rest is dropped, never kept unredacted
    spans = find_pii(text)
    if not spans:
        return RedactionResult(text, [])
    out: List[str] = []
    pos = 0
    for sp in spans:
        out.append(text[pos:sp.start])
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
    "phone": "PHONE", "phone_number": "PHONE", "telephone": "PHONE",
    "email": "EMAIL", "e_mail": "EMAIL",
    "a_number": "A_NUMBER", "anumber": "A_NUMBER", "alien_number": "A_NUMBER",
    "dob": "DOB", "birth_date": "DOB", "date_of_birth": "DOB", "birthday": "DOB",
    "address": "ADDRESS", "street_address": "ADDRESS",
    "name": "NAME", "person": "NAME", "PERSON": "NAME", "first_name": "NAME", "last_name": "NAME",
    "contact_value": "PHONE",
}
_ENTITY_KEYS = ("entity", "start", "end", "value", "extractor", "confidence_entity", "role", "group", "processors")


def redact_entities(entities: Optional[Iterable[Mapping[str, Any]]]) -> List[Dict[str, Any]]:
    """Copies of Rasa entity dicts with personal values replaced (and unknown keys dropped)."""
    result: List[Dict[str, Any]] = []
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


def kinds_summary(results: Sequence[RedactionResult]) -> Dict[str, int]:
    """Counts per kind (for metrics; no values)."""
    counts: Dict[str, int] = {}
    for r in results:
        for k in r.kinds:
            counts[k] = counts.get(k, 0) + 1
    return counts
