"""Right after the crisis answer: a follow-up that reads as harmless alone gets the crisis answer again."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

# What a button or an SMS keyword (a payload: "/menu") still gets, by intent: its usual answer.
USUAL_ANSWER = {
    "menu": "utter_menu",
    "cancel": "utter_menu",
    "goodbye": "utter_goodbye",
    "out_of_scope": "utter_out_of_scope",
}


class ActionCrisisFollowUp(Action):
    """Runs when the message after the crisis answer is unclear, a call for the menu, cancel or goodbye.

    The bot reads each message alone: "hes back", "what do i do", "il est revenu", "ya volvio" are the
    menu, cancel or nothing at all read alone; right after a message about danger they are the danger
    going on (data/stories/core.yml). Typed text gets the crisis answer again, whose first button is the
    menu; a payload (the crisis answer's own menu button, an SMS keyword) gets its usual answer. The answer
    is sent from here, not as a follow-up action: RulePolicy has no rule for the turn after a follow-up
    action, so the core fallback would add the out-of-scope answer (seen in the acceptance journeys).
    """

    def name(self) -> str:
        return "action_crisis_follow_up"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        message = tracker.latest_message or {}
        typed = not str(message.get("text") or "").startswith("/")
        intent = (message.get("intent") or {}).get("name") or "menu"
        dispatcher.utter_message(response="utter_crisis" if typed else USUAL_ANSWER.get(intent, "utter_menu"))
        return []
