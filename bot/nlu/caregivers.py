"""Whether a typed message is written by a parent, sponsor or other caregiver (data/caregiver_phrases.yml).

Parents were answered as if they were the child (QA session 30: "should I tell him not to talk to the
psychologist?" got "You can say 'I don't want to talk about that'"; "le pueden deportar?" got "always go
to *your* hearings"). A message that says who is writing ("my daughter", "soy la mama", "pitit gason m")
marks the conversation; bot.nlu.components.caregiver_voice turns that into the ``writer`` entity, which
fills the ``writer`` slot, and the NLG then picks an answer's ``for_caregivers`` form.
"""

from __future__ import annotations

from typing import Any

from bot import settings
from bot.nlu.phrase_lists import says_any, says_only

PHRASES_FILE = settings.PROJECT_ROOT / "data" / "caregiver_phrases.yml"
INTRODUCTIONS_FILE = settings.PROJECT_ROOT / "data" / "caregiver_introductions.yml"
CAREGIVER = "caregiver"
WRITER_SLOT = "writer"  # the entity and the slot (domain.yml) that hold CAREGIVER
CAREGIVER_HELP = "caregiver_help"  # the answer for what a parent, sponsor or relative can do


def writes_as_caregiver(text: str) -> bool:
    """``text`` says its writer is a child's parent, sponsor or relative ("mi hijo", "i'm her sponsor").
    A button payload ("/...") never does."""
    return says_any(PHRASES_FILE, text)


def only_says_where_child_is(text: str) -> bool:
    """``text`` is a caregiver saying only that their child is in a shelter or held ("oi, meu filho está num
    abrigo", "hello, my daughter is in a shelter"; data/caregiver_introductions.yml): nothing asked yet, so the
    caregivers' answer is what they need."""
    return says_only(INTRODUCTIONS_FILE, "placed", text, also_file=PHRASES_FILE) and writes_as_caregiver(text)


def caregiver_writing(tracker: Any) -> bool:
    """A conversation (Rasa's or rasa-sdk's tracker) in which a parent, sponsor or relative said so."""
    return tracker.get_slot(WRITER_SLOT) == CAREGIVER
