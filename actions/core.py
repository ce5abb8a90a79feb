"""Core conversation actions: "what else?" after an answer."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import catalogue, content
from bot.content.replies import answer_buttons
from bot.conversation import topics_answered
from bot.nlu.languages import conversation_language

MENU_ID = "menu"


class ActionMore(Action):
    """Offers the most useful next questions not yet asked, plus legal help."""

    def name(self) -> str:
        return "action_more"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = conversation_language(tracker)
        asked = topics_answered(tracker.events)
        legal = [t for t in asked if t in catalogue.topic_ids()]
        candidates: list[str] = []
        for topic in reversed(legal):  # follow-ups of the latest answers first
            candidates += [n for n in content.answer(topic, lang).next if n not in asked]
        candidates += [n for n in content.answer(MENU_ID, lang).next if n not in asked]
        offered = list(dict.fromkeys(c for c in candidates if c != "find_legal_aid"))[:3] + ["find_legal_aid"]
        text = content.t("common.more_prompt", lang) if len(offered) > 1 else content.t("common.more_none", lang)
        dispatcher.utter_message(text=text, buttons=answer_buttons(offered, lang), topic=MENU_ID, lang=lang)
        return []
