"""Reply pieces shared by the Rasa server's NLG (bot.server.nlg) and the action server's actions.

Kept free of Rasa imports: the action server needs only rasa-sdk, and importing the NLG
would load Rasa's core (and its dependencies) into it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from bot import content, settings
from bot.conversation import AFTER_DANGER_ANSWER, SEXTORTION_ANSWER, topics_answered
from bot.legal_aid.phrases import OTHER_LANGUAGE_ANSWER
from bot.nlu.definitions import definition_answers
from bot.nlu.everyday_questions import everyday_answers
from bot.nlu.languages import LANGUAGES, SUPPORTED, words
from bot.nlu.who_sees import ENTITY as FOLLOW_UP

# Each language's own name (data/languages.yml), for menus and the handoff summary.
LANGUAGE_NAMES = {code: language.native for code, language in LANGUAGES.items()}
# Next-step IDs that are flows rather than answers: their button labels.
BUTTON_KEYS = {
    "find_legal_aid": "common.button_legal_help",
    "human_handoff": "common.button_handoff",
    "delete_my_data": "common.button_delete",
}
# Answers that are no intent (dialogue answers, data/topics.yml) but that a button offers: the button sends
# `out_of_scope` with the answer's ID in the `follow_up` entity, and the NLG gives that answer (bot.server.nlg), as it
# does for "who else can read it?" (bot.nlu.who_sees). "/telling_after_danger", an intent the domain does not know,
# got the greeting or "I can't answer that" (session 40's blind test: "Is it safe to tell?" after danger).
ASKED_BY_ENTITY = frozenset({AFTER_DANGER_ANSWER, OTHER_LANGUAGE_ANSWER, SEXTORTION_ANSWER})


def button_payload(answer_id: str) -> str:
    """What pressing the button for ``answer_id`` sends (an SMS number sends the same)."""
    if answer_id in ASKED_BY_ENTITY:
        return f'/out_of_scope{{"{FOLLOW_UP}":"{answer_id}"}}'
    return f"/{answer_id}"


def asked_answer(parse: Mapping[str, Any]) -> str | None:
    """The answer of ASKED_BY_ENTITY a parsed message's ``follow_up`` entity asks for (its button), or None."""
    for entity in parse.get("entities") or []:
        if entity.get("entity") == FOLLOW_UP and entity.get("value") in ASKED_BY_ENTITY:
            return str(entity["value"])
    return None


def answer_buttons(ids: Iterable[str], lang: str, caregiver: bool = False) -> list[dict[str, str]]:
    """Quick replies for next steps: each ID's title and payload (button_payload). ``caregiver``: a
    parent, sponsor or relative is writing, who sees an answer's ``caregiver_title`` where it has one."""
    buttons = []
    for next_id in ids:
        if next_id in BUTTON_KEYS:
            title = content.t(BUTTON_KEYS[next_id], lang)
        elif caregiver and content.has(f"answers.{next_id}.caregiver_title", lang):
            title = content.raw(f"answers.{next_id}.caregiver_title", lang)
        elif content.has(f"answers.{next_id}.title", lang):
            title = content.raw(f"answers.{next_id}.title", lang)
        else:
            continue
        buttons.append({"title": title, "payload": button_payload(next_id)})
    return buttons


def stopped_message(key: str, topic: str, lang: str) -> dict[str, Any]:
    """A form's "OK, I stopped" (text ``key``) with the menu's button: alone it was a dead end (session 42's blind
    test). Keyword arguments for ``dispatcher.utter_message``."""
    return {"text": content.t(key, lang), "buttons": answer_buttons(["menu"], lang), "topic": topic, "lang": lang}


# Typed, these stay with their own checks: a delete request deletes only when plainly asked
# (bot.nlu.components.delete_requests). `feelings` is no intent and no button: its answer comes from
# the words of the message (bot.nlu.feelings), and so do `health_care`, `pregnancy` and the definitions
# (bot.nlu.definitions: "what is a sponsor?" is asked in many ways, none of them only the title), and so do the
# everyday questions (bot.nlu.everyday_questions).
NOT_BY_TITLE = frozenset(
    {"delete_my_data", "feelings", "health_care", "pregnancy"} | definition_answers() | everyday_answers()
)


def _all_titles() -> list[tuple[str, str, str]]:
    """(language, ID its payload names, folded title) for every button title: the answers' titles (the caregivers'
    ones too) and the flows' button labels."""
    found: list[tuple[str, str, str]] = []
    for lang in SUPPORTED:
        titles = [
            (i, content.raw(f"answers.{i}.{field}", lang))
            for i in content.answer_ids(lang)
            for field in ("title", "caregiver_title")
            if content.has(f"answers.{i}.{field}", lang)
        ]
        titles += [(i, content.t(key, lang)) for i, key in BUTTON_KEYS.items() if content.has(key, lang)]
        found += [
            (lang, answer_id, words(title))
            for answer_id, title in titles
            if answer_id not in NOT_BY_TITLE and isinstance(title, str) and words(title)
        ]
    return found


def typed_titles() -> dict[str, str]:
    """Every button title in every language, folded as ``words`` folds typed text, -> the ID its payload
    names (``/<id>``). A title two IDs share is left out."""
    found: dict[str, set[str]] = {}
    for _, answer_id, title in _all_titles():
        found.setdefault(title, set()).add(answer_id)
    return {title: next(iter(ids)) for title, ids in found.items() if len(ids) == 1}


# Shorter titles ("Sí", "Saltar", "Ya salí") are the short answers that never change a conversation's language.
TITLE_WORDS_FOR_LANGUAGE = 3


def title_languages() -> dict[str, str]:
    """Every folded button title of three words or more that only one language uses -> that language ("que guarda
    este chat" -> es)."""
    found: dict[str, set[str]] = {}
    for lang, _, title in _all_titles():
        if len(title.split()) >= TITLE_WORDS_FOR_LANGUAGE:
            found.setdefault(title, set()).add(lang)
    return {title: next(iter(langs)) for title, langs in found.items() if len(langs) == 1}


def with_privacy_notice(text: str, lang: str) -> str:
    """The first reply of a conversation starts with the short privacy notice."""
    return f"{content.t('common.privacy_notice_first', lang, **content.dynamic_params())}\n\n{text}"


def with_notice_if_first(text: str, lang: str, events: Iterable[Mapping[str, Any]]) -> str:
    """``text`` with the privacy notice when no answer came before it in the conversation (``events``: a tracker's,
    serialized), as bot.server.nlg does for answers and form questions."""
    return text if topics_answered(events) else with_privacy_notice(text, lang)


def source_list(answer: content.Answer, urls: bool = True) -> str:
    """One line per source of ``answer``: title and date, and its address unless ``urls`` is False
    (SMS: an address costs a segment, and the title names the document)."""
    return "\n".join(f"- {s.title} ({s.date})" + (f": {s.url}" if urls else "") for s in answer.sources)


def full_text(answer: content.Answer, lang: str) -> str:
    """An answer's full form as the web shows it: text, its sources and the review date."""
    parts = [content.fill(answer.full, **content.dynamic_params()).strip()]
    if answer.sources:
        parts.append(f"{content.t('common.sources_label', lang)}:\n{source_list(answer)}")
    if answer.last_reviewed:
        parts.append(f"{content.t('common.reviewed_label', lang)}: {answer.last_reviewed}")
    return "\n\n".join(parts)


def simpler_text(answer: content.Answer, lang: str, shown_short: bool) -> str:
    """The reply to "I don't understand" after ``answer``: its short form (the web showed the full one),
    and who can explain it; where a short form was the answer (SMS, the caregivers' form), only who can
    explain it."""
    if shown_short:
        return content.t("common.simpler_sms", lang)
    short = content.fill(answer.short, **content.dynamic_params()).strip()
    return f"{content.t('common.simpler_intro', lang)}\n\n{short}\n\n{content.t('common.simpler_help', lang)}"


def sources_text(answer: content.Answer, lang: str, sms: bool) -> str:
    """The reply to "why?" / "who told you that?" after ``answer``: its sources, when people last checked
    it, and that it is general information a lawyer can apply to the user's case."""
    if not answer.sources:
        return content.t("common.source_none", lang)
    parts = [f"{content.t('common.source_intro', lang)}\n{source_list(answer, urls=not sms)}"]
    if answer.last_reviewed:
        parts.append(f"{content.t('common.reviewed_label', lang)}: {answer.last_reviewed}")
    parts.append(content.t("common.source_outro", lang))
    return "\n\n".join(parts)


def offered_answers(pair: tuple[str, str], path: Path | None = None) -> list[str]:
    """The pair, then what ``also_offer`` (data/ambiguous_pairs.yml) adds for either of them: a lawyer
    request offered as "do I get one" or "have one contact me" still shows where to find one. Kept out
    of bot/nlu, whose files are part of the model's fingerprint: this changes buttons, not training."""
    raw = yaml.safe_load((path or settings.ambiguous_pairs_file()).read_text(encoding="utf-8")) or {}
    extra = raw.get("also_offer") or {}
    return list(dict.fromkeys([*pair, *(extra[i] for i in pair if i in extra)]))


def more_offers(asked: list[str], lang: str, topic_ids: Iterable[str], menu_id: str = "menu") -> list[str]:
    """What "what else?" offers after the answers ``asked`` (oldest first): the next steps of the
    latest answers not yet asked, then the menu's, at most three, and always legal help last."""
    legal = [t for t in asked if t in set(topic_ids)]
    candidates: list[str] = []
    for topic in reversed(legal):  # follow-ups of the latest answers first
        candidates += [n for n in content.answer(topic, lang).next if n not in asked]
    candidates += [n for n in content.answer(menu_id, lang).next if n not in asked]
    return list(dict.fromkeys(c for c in candidates if c != "find_legal_aid"))[:3] + ["find_legal_aid"]
