"""Loads the content files in ``data/locales`` for the running bot (python-i18n YAML, one file per area and language).

Files are named ``<area>.<lang>.yml`` with the language as root key, so a key such as
``answers.therapy_privacy.short`` lives in ``answers.es.yml`` under ``es: therapy_privacy: short:``.
A missing translation raises ``MissingContent``: it is never silently shown in another language.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import i18n

from bot import settings
from bot.content import sources as source_list
from bot.nlu.languages import SUPPORTED

LOCALES_DIR = settings.PROJECT_ROOT / "data" / "locales"  # the project's own; KYR_LOCALES_DIR may point elsewhere
_NO_FALLBACK = "no-fallback"  # python-i18n falls back to this locale, which never exists
_lock = threading.Lock()
_loaded_from: Path | None = None


class MissingContent(KeyError):
    """A key or translation is missing from the content files."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    date: str


@dataclass(frozen=True)
class Answer:
    id: str
    lang: str
    title: str
    short: str
    full: str
    next: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    last_reviewed: str = ""
    # Said to a parent, sponsor or relative ("your child ..."), where the answer has such a form.
    for_caregivers: str = ""
    # Said to a child no longer in a shelter (no staff to tell), where the answer has such a form: the danger answers.
    for_released: str = ""
    # The menu asked for again later in a conversation, on every channel (SMS-sized): not a second greeting.
    again: str = ""
    # The button title a caregiver sees ("What are my child's rights?" for "What are my rights here?").
    caregiver_title: str = ""


def load(directory: Path | None = None, force: bool = False) -> None:
    """Load every locale file once (eagerly, so lookups never touch the disk per message).

    Without ``directory``: the project's files, unless some directory is loaded already.
    """
    global _loaded_from
    with _lock:
        if not force and (
            _loaded_from is not None and directory in (None, _loaded_from)
        ):  # None == None must not skip the first load
            return
        directory = directory or settings.locales_dir()
        i18n.translations.container.clear()
        i18n.set("load_path", [str(directory)])
        i18n.set("filename_format", "{namespace}.{locale}.{format}")
        i18n.set("file_format", "yml")
        i18n.set("available_locales", list(SUPPORTED))
        i18n.set("fallback", _NO_FALLBACK)
        i18n.set("error_on_missing_translation", True)
        i18n.set("skip_locale_root_data", False)
        for path in sorted(directory.glob("*.yml")):
            parts = path.name.split(".")
            if len(parts) != 3:
                continue
            i18n.resource_loader.load_translation_file(path.name, str(directory), parts[1])
        _loaded_from = directory


def areas(directory: Path = LOCALES_DIR) -> list[str]:
    return sorted({p.name.split(".")[0] for p in directory.glob("*.yml") if len(p.name.split(".")) == 3})


def raw(key: str, lang: str) -> Any:
    """The stored value at ``key`` (string, list, ...) in ``lang``; MissingContent if absent."""
    load()
    if not i18n.translations.has(key, lang):
        raise MissingContent(f"{key} has no '{lang}' text in {_loaded_from}; add it to {key.split('.')[0]}.{lang}.yml")
    return i18n.translations.get(key, lang)


def has(key: str, lang: str) -> bool:
    load()
    return i18n.translations.has(key, lang)


def t(key: str, lang: str, **params: Any) -> str:
    """The text at ``key`` in ``lang`` with ``%{name}`` placeholders filled from ``params``."""
    value = raw(key, lang)
    if not isinstance(value, str):
        raise MissingContent(f"{key} in '{lang}' is not a text")
    return i18n.translator.TranslationFormatter(value).format(**{k: str(v) for k, v in params.items()})


def _source(cited: Any, lang: str) -> Source:
    """A cited source id resolved through data/sources.yml (bot.content.sources).

    An inline ``{title, url, date}`` is still read so small test fixtures need no source file;
    the content check accepts only ids in real content.
    """
    if isinstance(cited, dict):
        return Source(str(cited.get("title", "")), str(cited.get("url", "")), str(cited.get("date", "")))
    try:
        rec = source_list.get(str(cited))
    except source_list.SourceError as exc:
        raise MissingContent(str(exc)) from None
    if lang not in rec.date:
        raise MissingContent(f"source '{rec.id}' has no '{lang}' date in {source_list.sources_path()}")
    return Source(rec.title, rec.url, rec.date[lang])


def answer(answer_id: str, lang: str) -> Answer:
    """The answer ``answers.<answer_id>`` in ``lang``."""
    base = f"answers.{answer_id}"
    sources = [_source(s, lang) for s in (raw(f"{base}.sources", lang) if has(f"{base}.sources", lang) else [])]
    return Answer(
        id=answer_id,
        lang=lang,
        title=raw(f"{base}.title", lang) if has(f"{base}.title", lang) else answer_id,
        short=raw(f"{base}.short", lang),
        full=raw(f"{base}.full", lang) if has(f"{base}.full", lang) else raw(f"{base}.short", lang),
        next=list(raw(f"{base}.next", lang)) if has(f"{base}.next", lang) else [],
        sources=sources,
        last_reviewed=str(raw(f"{base}.last_reviewed", lang)) if has(f"{base}.last_reviewed", lang) else "",
        for_caregivers=raw(f"{base}.for_caregivers", lang) if has(f"{base}.for_caregivers", lang) else "",
        for_released=raw(f"{base}.for_released", lang) if has(f"{base}.for_released", lang) else "",
        again=raw(f"{base}.again", lang) if has(f"{base}.again", lang) else "",
        caregiver_title=raw(f"{base}.caregiver_title", lang) if has(f"{base}.caregiver_title", lang) else "",
    )


def answer_ids(lang: str = "en") -> list[str]:
    """Every answer ID present in ``lang``."""
    load()
    prefix = "answers."
    ids = {
        key[len(prefix) :].split(".")[0] for key in i18n.translations.container.get(lang, {}) if key.startswith(prefix)
    }
    return sorted(ids)


def fill(text: str, **params: Any) -> str:
    return i18n.translator.TranslationFormatter(text).format(**{k: str(v) for k, v in params.items()})


def dynamic_params() -> dict[str, Any]:
    """Values from the running configuration that answers may quote (bot_privacy)."""
    return {
        "retention_hours": settings.conversation_retention_hours(),
        "handoff_retention_days": settings.handoff_retention_days(),
        "max_message_chars": settings.max_message_chars(),
    }
