"""Pure functions behind legal-aid routing: understand short answers in English or Spanish,
however typed, and rank directory entries for a user.

Each parser returns a canonical value, ``SKIP`` when the user chose not to answer, or ``None``
when it did not understand (the form then asks again once, then moves on as skipped).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.legal_aid.directory import US_STATES, Org
from bot.legal_aid.phrases import (
    MAYAN_LANGUAGES,
    OTHER_LANGUAGES,
    PHRASES,
    is_exact_skip,
    is_skip,
    mayan_language_named,
    unspoken_language_named,
)
from bot.legal_aid.phrases import has as _has
from bot.legal_aid.phrases import words as _words
from bot.nlu.languages import LANGUAGES

SKIP = "skip"
IN_CUSTODY = "in_custody"
RELEASED = "released"

CANCEL_WORDS = tuple(PHRASES["cancel"])
MENU_WORDS = frozenset(_words(p) for p in PHRASES["menu"]) | frozenset(
    _words(w) for language in LANGUAGES.values() for w in language.help_words
)
# What the SMS channel and the web page's menu buttons send (bot.channels.twilio_sms): "/menu", or
# '/menu{"language":"es"}' for a keyword of one language ("AYUDA").
_MENU_PAYLOAD = re.compile(r"^/menu(\{.*\})?$")


def is_cancel(text: str) -> bool:
    """ "cancel"/"cancelar" typed alone (or nearly alone) ends the flow."""
    w = _words(text)
    return w in CANCEL_WORDS or any(w == f"{c} please" or w == f"{c} por favor" for c in CANCEL_WORDS)


# How sure the classifier must be that a longer message ("i don't want to do this anymore") means
# cancel before a form ends on it. Only used when no parser read the message as an answer, so a
# real answer ("no", "Texas") is never taken for a cancel; below it the form skips or asks again.
CANCEL_CONFIDENCE = 0.8


def cancel_meant(message: dict[str, Any]) -> bool:
    """The classifier is confident the user wants out (for messages that are no form answer)."""
    intent = message.get("intent") or {}
    return intent.get("name") == "cancel" and float(intent.get("confidence") or 0.0) >= CANCEL_CONFIDENCE


DECLINE_WORDS = frozenset(_words(p) for p in PHRASES["decline"])


def is_decline(text: str) -> bool:
    """ "no thanks" / "no gracias" / "non mesi" typed alone: the user turns the form down (where it is no answer)."""
    return _words(text) in DECLINE_WORDS


WAIT_WORDS = frozenset(_words(p) for p in PHRASES["wait"])


def is_wait(text: str) -> bool:
    """ "wait" / "un momento" / "tann" typed alone: the user needs a moment, the question stays open."""
    return _words(text) in WAIT_WORDS


def is_menu(text: str) -> bool:
    """ "menu"/"help" typed alone, or the SMS HELP/MENU keyword: the user wants out of the form."""
    return bool(_MENU_PAYLOAD.match(text.strip())) or _words(text) in MENU_WORDS


# --- custody -------------------------------------------------------------------------------
_CUSTODY_IN = tuple(PHRASES["in_custody"])
_CUSTODY_OUT = tuple(PHRASES["released"])
# Out-phrases that mean "I left" even when the shelter is named ("ya salí del albergue", "I left the shelter").
_LEFT = tuple(PHRASES["left_shelter"])


_YES = frozenset(_words(p) for p in PHRASES["yes_words"])


def is_yes(text: str) -> bool:
    """A bare yes in a language the bot speaks ("si", "sim", "oui", "wi", "yes i do")."""
    return _words(text) in _YES


def parse_custody(text: str) -> str | None:
    """``in_custody``, ``released``, ``SKIP`` or None. The question is "are you in a shelter now?"."""
    if is_skip(text):
        return SKIP
    said = custody_said(text)
    if said:
        return said
    w = _words(text)
    if is_yes(text):
        return IN_CUSTODY
    if w in ("no", "n", "nope", "nel", "ya no"):
        return RELEASED
    return None


def custody_said(text: str) -> str | None:
    """``in_custody`` or ``released`` when the words say where the user is ("estoy en un albergue", "ya
    salí"), not a bare yes or no: such words answer the shelter question at any question."""
    w = _words(text)
    out = any(_has(p, w) for p in _CUSTODY_OUT)
    inside = any(_has(p, w) for p in _CUSTODY_IN)
    if out and not (inside and not any(_has(p, w) for p in _LEFT)):
        return RELEASED  # "ya salí del albergue" mentions the shelter but means released
    if inside:
        return IN_CUSTODY
    return None


# --- state -------------------------------------------------------------------------------
_STATE_NAMES: dict[str, list[str]] = PHRASES["state_names"]
# Cities where children are often held or released (a small table; "in Houston" -> TX).
_CITIES: dict[str, list[str]] = PHRASES["cities"]
# Two-letter codes that are also everyday words: accepted only as the whole answer or in capitals.
_AMBIGUOUS_CODES = frozenset(PHRASES["ambiguous_state_codes"])
_NAME_TABLE: list[tuple[str, str]] = sorted(
    [(name, code) for code, names in _STATE_NAMES.items() for name in names]
    + [(_words(city), code) for code, cities in _CITIES.items() for city in cities],
    key=lambda item: -len(item[0]),  # longest first: "west virginia" before "virginia"
)


def parse_state(text: str) -> str | None:
    """Two-letter state code, ``SKIP`` or None ("Tejas", "TX", "tx", "in Houston", "Nueva York")."""
    if is_skip(text):
        return SKIP
    w = _words(text)
    if w.upper() in US_STATES and (w.upper() not in _AMBIGUOUS_CODES or text.strip().isupper()):
        return w.upper()
    for name, code in _NAME_TABLE:
        if _has(name, w):
            return code
    # A code inside a longer answer ("I'm in TX", "estoy en tx"): capitals, or an unambiguous code.
    for token in re.findall(r"(?<![\w'])[A-Za-z]{2}(?![\w'])", text):
        code = token.upper()
        if (
            code in US_STATES
            and (token.isupper() or code not in _AMBIGUOUS_CODES)
            and token.lower() not in ("in", "me")
        ):
            return code
    return None


# How close a misspelt answer must be to a state's name (difflib's ratio): "texsa" (Texas) 0.8, "florda" 0.92,
# "wakanda" no state above 0.6.
MISSPELT_STATE_CUTOFF = 0.8
_STATE_SPELLINGS = {name: code for name, code in _NAME_TABLE if len(name) >= 5}


def state_misspelt(text: str) -> str | None:
    """The state a one- or two-word answer to "Which state?" misspells ("texsa", "florda", "new yrok"), if one is
    close enough; answers and names of five letters or more only (short ones match too much: "mine" is not Maine)."""
    w = _words(text)
    if len(w.replace(" ", "")) < 5 or len(w.split()) > 2:
        return None  # "mine", "main": too short to guess from
    close = difflib.get_close_matches(w, _STATE_SPELLINGS, n=1, cutoff=MISSPELT_STATE_CUTOFF)
    return _STATE_SPELLINGS[close[0]] if close else None


def state_named(text: object) -> str | None:
    """The state a free-text answer names, if any (never ``SKIP``): a custody answer such as "in a
    shelter in Texas" answers the state question too, so the forms do not ask it again. A bare yes is
    never one: Haitian Creole "wi" is Wisconsin's code only where the state is asked."""
    state = parse_state(text) if isinstance(text, str) and not is_yes(text) else None
    return None if state == SKIP else state


# --- language need -----------------------------------------------------------------------
MAYAN = MAYAN_LANGUAGES
_SPANISH = tuple(PHRASES["spanish"])
_ENGLISH = tuple(PHRASES["english"])
_NO_NEED = tuple(PHRASES["no_language_need"])
LANGUAGE_NEED_NONE = "none"


def is_mayan(code: str | None) -> bool:
    return bool(code) and code in MAYAN


def parse_language_need(text: str) -> str | None:
    """A language id ("kiche", "mam", "es", "en", "pt" ...), ``none`` (no special need), ``SKIP`` or None."""
    if is_exact_skip(text):
        return SKIP
    mayan = mayan_language_named(text)
    if mayan:
        return mayan
    w = _words(text)
    for code, names in OTHER_LANGUAGES.items():
        if any(_has(_words(n), w) for n in names):
            return code  # before a skip phrase inside the message: "francais et pular" names two languages
    unspoken = unspoken_language_named(text)  # "je parle pular"
    if unspoken:
        return unspoken
    if is_skip(text):
        return SKIP
    if any(_has(_words(n), w) for n in MAYAN["mayan"]):
        return "mayan"
    if any(_has(n, w) for n in _SPANISH):
        return "es"
    if any(_has(n, w) for n in _ENGLISH):
        return "en"
    if w in _NO_NEED or is_decline(text):
        return LANGUAGE_NEED_NONE  # "no thanks" to "do you need another language?" (elsewhere it ends the form)
    return None


def needs_interpreter(language_need: str | None) -> bool:
    """True for a language other than English or Spanish (a Mayan language, Portuguese, French, Creole...): legal aid
    groups work in those two, so the user asks for an interpreter, even where this bot speaks their language (stop
    47's blind test: "portugues" typed in a Portuguese conversation was silently dropped from the results)."""
    return bool(language_need) and language_need not in (SKIP, LANGUAGE_NEED_NONE, "en", "es")


# --- ranking -----------------------------------------------------------------------------
@dataclass
class Match:
    org: Org
    score: float
    reasons: list[str] = field(default_factory=list)  # content keys: legal_aid.reason.<name>


def audience(custody: str | None, role: str | None = None) -> str | None:
    if role == "caregiver":
        return "caregivers"
    if custody == IN_CUSTODY:
        return "youth_in_custody"
    if custody == RELEASED:
        return "released_youth"
    return None


def rank(
    directory: Iterable[Org],
    custody: str | None,
    state: str | None,
    language_need: str | None,
    role: str | None = None,
    limit: int = 3,
    handoff_only: bool = False,
) -> list[Match]:
    """The best ``limit`` entries with the reasons they fit, best first.

    A local organization that serves this kind of user beats a national one; an entry that
    confirmed the user's language or interpreters wins over one that did not say.
    """
    custody = None if custody == SKIP else custody
    state = None if state in (SKIP, None) else state
    who = audience(custody, role)
    matches: list[Match] = []
    for org in directory:
        if handoff_only and not org.accepts_handoffs:
            continue
        if not org.covers(state) and not org.national:
            continue
        if state is None and not org.national:
            continue  # a state-only organization can't be recommended without knowing the state
        m = Match(org, 0.0)
        if who:
            if who not in org.serves:
                continue
            m.score += 3
            m.reasons.append("serves_" + who)
        elif "youth_in_custody" in org.serves or "released_youth" in org.serves:
            m.score += 1
        if not org.national:
            m.score += 4
            m.reasons.append("local")
        else:
            m.reasons.append("national")
        lang = language_need if language_need not in (None, SKIP, LANGUAGE_NEED_NONE) else None
        if lang:
            mayan = is_mayan(lang)
            if lang in org.languages or (mayan and "mayan" in org.languages):
                m.score += 3
                m.reasons.append("language")
            elif org.interpreters:
                m.score += 2
                m.reasons.append("interpreters")
        if org.kind in ("legal_services", "child_advocate"):
            m.score += 1 if org.kind == "legal_services" else 0.5
        if org.kind == "helpline" and who == "youth_in_custody":
            continue  # the ORR call center is for parents, sponsors and released children
        matches.append(m)
    matches.sort(key=lambda m: (-m.score, m.org.name))
    return matches[:limit]
