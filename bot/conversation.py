"""What a conversation covered, read from serialized tracker events (metadata only, never text)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any


def topics_answered(events: Iterable[Mapping[str, Any]]) -> list[str]:
    """IDs the bot answered since the last session start (bot-event ``metadata.topic``), oldest first."""
    seen: list[str] = []
    for event in events:
        if event.get("event") == "session_started":
            seen = []
        topic = (event.get("metadata") or {}).get("topic") if event.get("event") == "bot" else None
        if topic and topic not in seen:
            seen.append(topic)
    return seen


# Intents of a typed message that reads as harmless alone but, right after the crisis answer, is the danger
# going on: "hes back" / "what do i do" (menu), "ya volvio" (cancel), "ya llego" (goodbye), "hes here"
# (inform), "no se que hacer" / "m pa konnen" (deny), "ele voltou" (nothing the classifier can place), and
# the fear of telling ("y si me mandan a mi pais por decir", what_to_share, whose answer opens with "you can
# say 'I don't want to talk about that'": QA session 29), and "no entiendo" / "why?" (explain_simpler,
# ask_source: the crisis answer again, not its sources). The first rule after `utter_crisis` in
# data/stories/core.yml lists the same intents (tests/bot/test_conversation.py).
CRISIS_FOLLOW_UP_INTENTS = frozenset(
    {
        "nlu_fallback",
        "out_of_scope",
        "menu",
        "cancel",
        "goodbye",
        "inform",
        "deny",
        "what_to_share",
        "explain_simpler",
        "ask_source",
    }
)
CRISIS_TOPIC = "crisis"
# The crisis answer at most this many times in a row: after it and two repeats, the next message gets its
# usual answer (the menu ends with the danger line), so typing "what can you help with?" a third time is
# never a loop the user cannot leave (QA session 29).
MAX_CRISIS_IN_A_ROW = 3


def crisis_answers_in_a_row(events: Sequence[Mapping[str, Any]]) -> int:
    """How many of the user's latest messages before the current one got the crisis answer, in a row.

    ``events`` end with the user's current message (as an action or a form's validation sees them); the
    reply to a message is every bot event between it and the next user message.
    """
    users = [i for i, event in enumerate(events) if event.get("event") == "user"]
    count = 0
    for start, end in reversed(list(zip(users, users[1:]))):
        if not any(
            event.get("event") == "bot" and (event.get("metadata") or {}).get("topic") == CRISIS_TOPIC
            for event in events[start + 1 : end]
        ):
            break
        count += 1
    return count


def previous_reply(events: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The bot events that answered the user's previous message (``events`` end with the current one)."""
    users = [i for i, event in enumerate(events) if event.get("event") == "user"]
    if len(users) < 2:
        return []
    return [event for event in events[users[-2] + 1 : users[-1]] if event.get("event") == "bot"]


def crisis_follow_up_due(events: Sequence[Mapping[str, Any]]) -> bool:
    """The reply to the previous message included the crisis answer, and it has not been repeated too often."""
    return 0 < crisis_answers_in_a_row(events) < MAX_CRISIS_IN_A_ROW


# Soon after the crisis answer, a question about what telling leads to ("si je le dis au therapeute il va le dire a
# qui?", a mother's "le van a decir a inmigracion si ella cuenta eso a la psicologa?") got the answers that lead with
# notes once given to ICE, and a fear of telling ("si le digo me van a deportar?", "will i get in trouble") the same
# crisis answer again or the greeting (stop 47's blind tests). Read right then, those can keep a child from telling.
# Such a message gets instead an answer that it is not their fault, that staff must tell to keep them safe, how to
# report and where to go (answers.*.yml: telling_after_danger), once; its buttons then get their own answers.
TELLING_TOPICS = frozenset({"therapy_privacy", "therapy_notes_ice", "case_file_access", "what_to_share"})
AFTER_DANGER_ANSWER = "telling_after_danger"
# In the same messages, a typed message the bot would answer with the greeting or "I can't answer that" ("ok", "what
# do i do", "es verdad?": stop 47's third blind test) gets a short check-in instead: still here, not your fault, the
# safest next step, 911 and Childhelp, with the way to the telling answer and legal help as buttons.
CHECK_IN_ANSWER = "danger_check_in"
CHECK_IN_REPLACES = frozenset({"menu", "out_of_scope"})
# The user's messages before the current one that count as "soon after": 3 until session 40, whose blind tests saw
# "q hago", "dont tell anyone", "ayuda" four or five messages after a disclosure get the greeting ("lost the thread").
DANGER_LATELY = 5


def telling_answer_due(events: Sequence[Mapping[str, Any]], messages: int = DANGER_LATELY, again: bool = False) -> bool:
    """The crisis answer was part of the reply to one of the user's last ``messages`` messages before the current
    one (``events`` end with the current message, as crisis_answers_in_a_row reads them), and, unless ``again``,
    AFTER_DANGER_ANSWER has not been given since: a telling topic gets it once, then its own answer (the therapy
    titles typed from its buttons); a fear of telling gets it each time (the greeting was worse)."""
    users = [i for i, event in enumerate(events) if event.get("event") == "user"]
    topics = [
        (event.get("metadata") or {}).get("topic")
        for start, end in list(zip(users, users[1:]))[-messages:]
        for event in events[start + 1 : end]
        if event.get("event") == "bot"
    ]
    if CRISIS_TOPIC not in topics:
        return False
    last_crisis = len(topics) - 1 - topics[::-1].index(CRISIS_TOPIC)
    return again or AFTER_DANGER_ANSWER not in topics[last_crisis:]


def latest_topic(events: Sequence[Mapping[str, Any]]) -> str | None:
    """The ``metadata.topic`` of the bot's latest reply in the current session, if any."""
    for event in reversed(events):
        if event.get("event") == "session_started":
            return None
        topic = (event.get("metadata") or {}).get("topic") if event.get("event") == "bot" else None
        if topic:
            return topic
    return None


# A crisis answer to a message about the child's photos ("some guy online has pics of me and wants money"; data/image_
# threats.yml) carries this bot-event metadata (``danger``). Soon after it, the child's next typed message that no
# safety pattern flags ("i already sent one", "es grave?", "what do i do") gets the answer on someone holding photos
# (session 40's blind test: the answer on leaving the shelter, a list of sources, the greeting), once.
DANGER_KEY = "danger"
IMAGES = "images"
SEXTORTION_ANSWER = "sextortion"


def sextortion_answer_due(events: Sequence[Mapping[str, Any]], messages: int = DANGER_LATELY) -> bool:
    """A crisis answer marked IMAGES was part of the reply to one of the user's last ``messages`` messages before the
    current one, and SEXTORTION_ANSWER has not been given since (``events`` end with the current message)."""
    users = [i for i, event in enumerate(events) if event.get("event") == "user"]
    replies = [
        event.get("metadata") or {}
        for start, end in list(zip(users, users[1:]))[-messages:]
        for event in events[start + 1 : end]
        if event.get("event") == "bot"
    ]
    marked = [
        i for i, meta in enumerate(replies) if meta.get("topic") == CRISIS_TOPIC and meta.get(DANGER_KEY) == IMAGES
    ]
    return bool(marked) and all(meta.get("topic") != SEXTORTION_ANSWER for meta in replies[marked[-1] :])
