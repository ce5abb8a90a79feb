"""Core conversation actions: "what else?" after an answer."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import catalogue, content
from bot.content.replies import answer_buttons, more_offers
from bot.conversation import telling_answer_due, topics_answered
from bot.nlu.caregivers import caregiver_writing
from bot.nlu.languages import conversation_language

MENU_ID = "menu"
# A bare yes or no with nothing answered yet is a greeting of sorts: the menu, as before.
MENU_BEFORE_ANY_ANSWER = frozenset({"affirm", "deny"})


class ActionMore(Action):
    """Offers the most useful next questions not yet asked, plus legal help.

    Also the reply to a bare "ok", "yes" or "no" after an answer (QA session 30: it got the whole
    greeting, three SMS segments); before any answer, those get the menu.
    """

    def name(self) -> str:
        return "action_more"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = conversation_language(tracker)
        asked = topics_answered(tracker.events)
        typed = not str((tracker.latest_message or {}).get("text") or "").startswith("/")
        if typed and telling_answer_due(tracker.events, again=True):
            # Soon after danger "what else?" is no answer to "kiyes m ka di" or "ok": the NLG gives the menu's place
            # to the check-in, or to the telling answer for a fear of telling (stop 47's blind test).
            dispatcher.utter_message(response="utter_menu")
            return []
        if not any(t in catalogue.topic_ids() for t in asked) and _intent(tracker) in MENU_BEFORE_ANY_ANSWER:
            dispatcher.utter_message(response="utter_menu")
            return []
        offered = more_offers(asked, lang, catalogue.topic_ids(), MENU_ID)
        text = content.t("common.more_prompt", lang) if len(offered) > 1 else content.t("common.more_none", lang)
        dispatcher.utter_message(
            text=text, buttons=answer_buttons(offered, lang, caregiver_writing(tracker)), topic=MENU_ID, lang=lang
        )
        return []


def _intent(tracker: Tracker) -> str | None:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")
