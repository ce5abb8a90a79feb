"""The real content in data/locales passes the content check and loads through bot.content."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot import content
from bot.channels.sms import measure, plain_letters, to_gsm_friendly
from bot.content.content_check import DEFAULT_TOPICS_FILE, DIALOGUE_ANSWERS, Report, check
from bot.content.locale_files import load_ids
from bot.nlu.languages import SUPPORTED


@pytest.fixture(scope="module")
def topic_ids() -> list:
    report = Report(content.LOCALES_DIR)
    topics, _ = load_ids(DEFAULT_TOPICS_FILE, report)
    assert report.ok, "\n".join(map(str, report.problems))
    return topics


@pytest.fixture(autouse=True)
def _real_content() -> None:
    content.load(content.LOCALES_DIR, force=True)  # other tests may have loaded a fixture directory


def test_real_content_passes_the_check() -> None:
    report = check(content.LOCALES_DIR)
    assert report.ok, "\n".join(map(str, report.problems))


@pytest.mark.parametrize("lang", SUPPORTED)
def test_every_answer_loads_in_every_language(lang: str, topic_ids: list) -> None:
    params = content.dynamic_params()
    for answer_id in list(topic_ids) + list(DIALOGUE_ANSWERS):
        answer = content.answer(answer_id, lang)
        assert answer.lang == lang and answer.title and answer.short and answer.full
        assert "2026-11-26" <= answer.last_reviewed <= dt.date.today().isoformat()  # a real review day
        # as the SMS channel sends it: accents GSM-7 lacks written plain (bot.channels.sms.plain_letters)
        assert measure(plain_letters(to_gsm_friendly(content.fill(answer.short, **params)))).segments <= 3
        if answer_id in topic_ids and answer_id != "bot_privacy":
            assert answer.sources and all(s.url.startswith("https://") for s in answer.sources)


@pytest.mark.parametrize("lang,label", [("en", "Sources"), ("es", "Fuentes")])
def test_common_strings(lang: str, label: str) -> None:
    assert content.t("common.sources_label", lang) == label
    notice = content.t("common.privacy_notice_first", lang, retention_hours=24)
    assert "24" in notice and "%{" not in notice


@pytest.mark.parametrize("lang", SUPPORTED)
def test_bot_privacy_quotes_the_running_configuration(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYR_CONVERSATION_RETENTION_HOURS", "36")
    monkeypatch.setenv("KYR_HANDOFF_RETENTION_DAYS", "9")
    full = content.fill(content.answer("bot_privacy", lang).full, **content.dynamic_params())
    assert "36" in full and "9" in full and "%{" not in full


@pytest.mark.parametrize("lang", SUPPORTED)
def test_no_answer_promises_counseling_is_confidential(lang: str, topic_ids: list) -> None:
    # topics.yml principle 1: never promise counseling records are confidential.
    promise = {
        "en": r"(therapy|counsel\w*|notes?)\s+(is|are)\s+(completely |fully |always )?(private|confidential)",
        "es": r"(terapia|notas?)\s+(es|son)\s+(del todo |siempre )?(privad|confidencial)",
        "pt": r"(terapia|notas?|anota[çc][õo]es)\s+(é|e|são|sao)\s+(totalmente |completamente |sempre )?(privad|confidencia)",
        "fr": r"(th[ée]rapie|notes?)\s+(est|sont)\s+(totalement |compl[èe]tement |toujours )?(priv[ée]|confidentiel)",
        # "règ ki kenbe terapi prive" (rules that keep therapy private, elsewhere) is no promise
        "ht": r"(?<!kenbe )(terapi|n[òo]t)( \w+)? (yo )?(toujou |konpl[èe]tman )?(prive|konfidansy[èe]l)\b",
    }[lang]
    for answer_id in topic_ids:
        answer = content.answer(answer_id, lang)
        assert not re.search(promise, f"{answer.short} {answer.full}", re.IGNORECASE), answer_id
