"""Which intent a whole message asks for when it only asks one thing the classifier misreads, greetings around it
allowed ("hola necesito abogado", "are you ICE?"), and whether a message asks who sees what a case manager is told
("mi case manager le dice a ice?"); data/whole_requests.yml."""

from __future__ import annotations

import functools

import yaml

from bot import settings
from bot.nlu.phrase_lists import says_each, says_only

PHRASES_FILE = settings.PROJECT_ROOT / "data" / "whole_requests.yml"
FIND_LEGAL_AID = "find_legal_aid"
ABOUT_THE_BOT = "bot_privacy"
CASE_FILE = "case_file_access"
CASE_IMPACT = "therapy_notes_ice"
RIGHTS = "rights_in_custody"
HANDOFF = "human_handoff"
COURT = "court_and_asylum"
# The groups of the file, each named after the intent it gives (the follow-ups about the previous answer, in the
# spellings the classifier does not place: "how do u know", "wdym", "como asi").
INTENTS = (FIND_LEGAL_AID, ABOUT_THE_BOT, CASE_IMPACT, RIGHTS, HANDOFF, COURT, "ask_source", "explain_simpler")
# Groups that replace only a guess the classifier could not place, a greeting, a goodbye or the menu: for "necesito
# abogado" both lawyer answers are right. "will they deport me" replaces any guess but crisis, disclosure and delete:
# "eske yo pral depote m" read as therapy_notes_ice (0.74) told a child the ICE therapy-notes story (QA46).
ONLY_OVER_UNPLACED = frozenset({FIND_LEGAL_AID, HANDOFF})
INTERPRETER = "interpreter"


def requested_intent(text: str) -> str | None:
    """The intent of the group whose phrases (with fillers) make up the whole of ``text``, or None ("oi preciso de
    advogado" -> find_legal_aid; "i need a lawyer because he hits me" -> None). A button payload never has one."""
    return next((intent for intent in INTENTS if says_only(PHRASES_FILE, intent, text)), None)


def asks_only_for_interpreter(text: str) -> bool:
    """The whole of ``text`` asks for an interpreter or a translator, no language named ("ayuda interprete", "i need an
    interpreter"); the file's ``interpreter`` group."""
    return says_only(PHRASES_FILE, INTERPRETER, text)


def asks_who_hears_case_manager(text: str) -> bool:
    """``text`` names a case manager and ICE or privacy ("does my case manager tell ice stuff", "is what i tell my case
    manager private"): who sees the case manager's notes is the case-file answer."""
    return says_each(PHRASES_FILE, ("case_manager", "privacy_or_ice"), text)


def legal_means_nice(text: str) -> bool:
    """``text`` uses Portuguese "legal" for "nice" ("ele é legal comigo as vezes") and names no lawyer or legal help."""
    return says_each(PHRASES_FILE, ("legal_as_nice",), text) and not says_each(PHRASES_FILE, ("lawyer_words",), text)


def asks_whether_ice_hears_therapist(text: str) -> bool:
    """``text`` names a therapist or counselor and ICE ("puede ICE ver lo que mi hijo le dice a la terapeuta?"): the
    answer on whether ICE can get therapy notes."""
    return says_each(PHRASES_FILE, ("therapist", "ice"), text)


@functools.cache
def replaced_also(intent: str) -> frozenset[str]:
    """The guesses a whole message of ``intent``'s group replaces besides those every group replaces (the file's
    ``replaces_also``: "will this hurt my case" over a crisis guess)."""
    raw = yaml.safe_load(PHRASES_FILE.read_text(encoding="utf-8")) or {}
    return frozenset((raw.get("replaces_also") or {}).get(intent) or ())
