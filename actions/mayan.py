"""Speakers of Mayan languages (issue #12 item 4): the interpreter answer and the recorded language need.

The answer (answers.<lang>.yml ``mayan_language``) goes out in simple Spanish, the language most such
children share with staff, and also in the conversation's language when that is another one the user
chose, was already answered in, or wrote decisively (a Mayan sentence's detection is none of these). Nothing
is written in a Mayan language: no such text has been written and checked by a speaker.
Which Mayan language comes from the message by the legal-aid parser's spellings
(data/legal_aid/phrases.yml), so legal-aid routing ranks entries that state interpreter services and
the handoff carries the need.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import catalogue, content
from bot.content.replies import answer_buttons, full_text, with_privacy_notice
from bot.legal_aid import routing
from bot.nlu.caregivers import caregiver_writing
from bot.nlu.languages import conversation_language, explicit_choice, last_reply_language

ANSWER_ID = "mayan_language"
SPANISH = "es"


def mayan_need(text: str) -> str:
    """The Mayan language named in ``text`` ("kiche", "mam" ...), or "mayan" when none is named exactly."""
    need = routing.parse_language_need(text or "")
    return need if need and routing.is_mayan(need) else "mayan"


class ActionMayanLanguage(Action):
    def name(self) -> str:
        return "action_mayan_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        # A Mayan sentence read by the language detector comes out as Creole, French or English; that is no
        # language of the user's (QA session 29: a K'iche' greeting got the Spanish note plus a Creole one,
        # then the legal-aid questions in Creole). Without a language chosen, already spoken, or decisively
        # detected ("my language is Mam"): Spanish only.
        latest = tracker.latest_message or {}
        decisive = any(e.get("entity") == "language" for e in latest.get("entities") or [])
        known = decisive or explicit_choice(latest) or last_reply_language(tracker.events)
        lang = conversation_language(tracker) if known else SPANISH
        sms = tracker.get_latest_input_channel() == catalogue.SMS
        first = not _bot_spoke(tracker.events)
        for index, reply_lang in enumerate(dict.fromkeys((SPANISH, lang))):
            answer = content.answer(ANSWER_ID, reply_lang)
            text = content.fill(answer.short, **content.dynamic_params()) if sms else full_text(answer, reply_lang)
            if first and index == 0:
                text = with_privacy_notice(text, reply_lang)
            last = reply_lang == lang
            dispatcher.utter_message(
                text=text,
                buttons=answer_buttons(answer.next, lang, caregiver_writing(tracker)) if last else [],
                topic=ANSWER_ID,
                lang=reply_lang,
            )
        return [SlotSet("language_need", mayan_need(tracker.latest_message.get("text") or ""))]


def _bot_spoke(events: list[dict[str, Any]]) -> bool:
    """Whether the bot already replied in this session (the first reply carries the privacy notice)."""
    for event in reversed(events):
        if event.get("event") == "session_started":
            return False
        if event.get("event") == "bot":
            return True
    return False
