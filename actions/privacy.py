"""Delete my data: forget the sender's pending legal-aid requests and confirm what was deleted.

The conversation itself is wiped by the tracker store (``bot.stores.tracker_store``) when it
sees this action among the events it saves, so this action returns no events.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import catalogue, content
from bot.content.replies import answer_buttons, with_notice_if_first
from bot.legal_aid.directory import handoffs_possible
from bot.nlu.languages import conversation_language
from bot.privacy.redact import shares_personal_details

logger = logging.getLogger(__name__)

ACTION_NAME = "action_delete_my_data"
TOPIC = "delete_my_data"
SMS_CHANNEL = catalogue.SMS


@dataclass(frozen=True)
class Forgotten:
    pending_removed: int
    delivered: int
    failed: bool = False


def forget_handoffs(sender_id: str) -> Forgotten:
    """Remove the sender's undelivered handoffs; count the delivered ones (they cannot be recalled)."""
    try:
        from bot.handoff.outbox import Outbox
    except ImportError:
        return Forgotten(0, 0)  # handoff feature not installed: nothing was ever stored there
    try:
        result = Outbox.from_settings().forget_sender(sender_id)
        return Forgotten(int(result.pending_removed), int(result.delivered))
    except Exception as exc:
        logger.warning("Could not forget handoffs for a sender (%s); user told to retry.", type(exc).__name__)
        return Forgotten(0, 0, failed=True)


def deletion_message(forgotten: Forgotten, lang: str, channel: str | None) -> str:
    """What was removed and what cannot be recalled, in ``lang``."""
    parts = [content.t("privacy.deleted", lang)]
    if forgotten.failed:
        parts.append(content.t("privacy.outbox_unavailable", lang))
    if forgotten.pending_removed:
        key = "one" if forgotten.pending_removed == 1 else "other"
        parts.append(content.t(f"privacy.pending_removed_{key}", lang, count=forgotten.pending_removed))
    if forgotten.delivered:
        key = "one" if forgotten.delivered == 1 else "other"
        parts.append(content.t(f"privacy.delivered_{key}", lang, count=forgotten.delivered))
    if channel == SMS_CHANNEL:
        parts.append(content.t("privacy.sms_carrier", lang))
    return " ".join(parts)


class ActionDeleteMyData(Action):
    def name(self) -> str:
        return ACTION_NAME

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = conversation_language(tracker)
        forgotten = forget_handoffs(tracker.sender_id)
        text = deletion_message(forgotten, lang, tracker.get_latest_input_channel())
        dispatcher.utter_message(text=text, topic=TOPIC, lang=lang)
        return []


PERSONAL_DETAILS_TOPIC = "personal_details"


def note_personal_details(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """A name, number or case number typed where no question asked for it (QA session 30: "my number is
    555-..." got the menu, "can a lawyer call me at ..." an unrelated answer): say the bot does not need it
    and offer the handoff, which asks for consent (or, where no listed office takes requests, the legal-aid
    list), and deletion; True when sent. Only for messages the bot could not place otherwise (a form answer
    with no form asking, an unclear message): a question that mentions a name keeps its answer."""
    if not shares_personal_details(str((tracker.latest_message or {}).get("text") or "")):
        return False
    lang = conversation_language(tracker)
    # The handoff only where some listed office takes requests (none does in the default directory): else
    # the legal-aid list, which the user contacts themselves.
    handoff = handoffs_possible()
    text = content.t("common.personal_details_note" + ("" if handoff else "_no_handoff"), lang)
    text = with_notice_if_first(text, lang, tracker.events)
    buttons = answer_buttons(["human_handoff" if handoff else "find_legal_aid", "delete_my_data"], lang)
    dispatcher.utter_message(text=text, buttons=buttons, topic=PERSONAL_DETAILS_TOPIC, lang=lang)
    return True
