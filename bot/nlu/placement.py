"""Whether the conversation is about a child no longer in a shelter (data/out_of_shelter.yml).

The danger answers told a child living with a sponsor to "tell any staff member or your counselor", again and
again (session 40's blind tests). A message that says the child left the shelter or was released marks the
conversation: bot.nlu.components.out_of_shelter turns it into the ``placement`` entity, which fills the
``placement`` slot, and the NLG then picks an answer's ``for_released`` form. The legal-aid form's answer to
"are you in a shelter now?" (``custody_status``) counts too.
"""

from __future__ import annotations

from typing import Any

from bot import settings
from bot.legal_aid.routing import RELEASED  # the legal-aid form's answer "not in a shelter"
from bot.nlu.phrase_lists import says_any

PHRASES_FILE = settings.PROJECT_ROOT / "data" / "out_of_shelter.yml"
PLACEMENT_SLOT = "placement"  # the entity and the slot (domain.yml) that hold RELEASED
CUSTODY_SLOT = "custody_status"


def says_out_of_shelter(text: str) -> bool:
    """``text`` says the child is no longer in a shelter ("ya sali del albergue", "my son was released to his
    cousin"). A button payload ("/...") never does."""
    return says_any(PHRASES_FILE, text)


def out_of_shelter(tracker: Any) -> bool:
    """A conversation (Rasa's or rasa-sdk's tracker) in which the child was said to be out of a shelter."""
    return RELEASED in (tracker.get_slot(PLACEMENT_SLOT), tracker.get_slot(CUSTODY_SLOT))
