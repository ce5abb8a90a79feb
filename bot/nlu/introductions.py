"""Whether a typed message only gives the writer's name ("my name is Jo", "hola, me llamo Ana";
data/introductions.yml). QA session 35: "my name is Jo Fakeperson" got the disclosure guard's "I'm sorry you
went through hard things"; such a message gets the note that the bot does not need a name (actions/privacy.py).

The name is found the way the redactor finds one (bot.privacy.redact: the introducing words, the name's words
and where it ends), so "me llamo Ana tengo miedo" is a name and more."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from bot import settings
from bot.nlu.languages import words
from bot.nlu.phrase_lists import alternation, clauses, group_phrases
from bot.privacy import redact_patterns
from bot.privacy.redact import find_pii

INTRODUCTIONS_FILE = settings.PROJECT_ROOT / "data" / "introductions.yml"


@functools.cache
def _greetings(path: Path) -> re.Pattern[str]:
    greeting = alternation(group_phrases(path, "greetings"))
    return re.compile(rf"(?:{greeting})(?: (?:{greeting}))*")


def only_introduction(text: str, path: Path = INTRODUCTIONS_FILE) -> bool:
    """The whole of ``text`` is greetings, then a name as the redactor finds one ("my name is Jo", "hola, me llamo
    Ana María", "mwen rele Jo"), and nothing after it. A button payload ("/...") never is."""
    if not text or text.startswith("/"):
        return False
    spans = find_pii(text)
    if len(spans) != 1 or spans[0].kind != "NAME" or words(text[spans[0].end :]):
        return False
    before = text[: spans[0].start]
    intro = next((m for m in redact_patterns.NAME_INTRO.finditer(before) if m.end() == len(before)), None)
    if intro is None:
        return False
    return all(_greetings(path).fullmatch(clause) for clause in clauses(before[: intro.start()]))


# "18" in any of the bot's languages: a message with personal details that also says it is about turning 18 keeps
# the turning-18 answer.
_EIGHTEEN = re.compile(r"(?<!\w)(18|eighteen|dieciocho|dezoito|dix huit|dixhuit|dizuit)(?!\w)")


def details_not_about_age(text: str) -> bool:
    """``text`` gives two or more kinds of personal details (a name, a phone number, an A-number, a birth date...)
    and does not speak of turning 18 (session 42's blind test: "im Dario Mendez 555-555-0123 A-222-333-444 born
    01/05/2011" and "me llamo Fernanda Ruiz, tengo 13, mi A es A 301 222 999" got the turning-18 answer)."""
    if not text or text.startswith("/"):
        return False
    return len({span.kind for span in find_pii(text)}) >= 2 and _EIGHTEEN.search(words(text)) is None
