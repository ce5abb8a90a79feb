"""Checks of one answer in one language (answers.<lang>.yml): fields, lengths, next steps, review
date and reading level. Called by bot.content.content_check for every answer; limits are
justified in docs/CONTENT.md."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.channels.sms import SmsSize, measure, plain_letters, to_gsm_friendly
from bot.content.reading_level import PARAM, assess, easier_when_higher, plain_text
from bot.content.report import Report, Row
from bot.content.sources import as_date

ANSWER_FIELDS = ("title", "short", "full", "next", "sources", "last_reviewed")
# A translation no fluent legal reviewer has checked yet says so: `translation_review: pending`
# (listed and counted by `make check-content`); "reviewed" once one has.
TRANSLATION_REVIEW = ("pending", "reviewed")
# Answers that describe this bot itself: their "source" is the running configuration, so instead of
# an external source they must quote the configured values through these placeholders.
SELF_DESCRIBED: dict[str, tuple[str, ...]] = {"bot_privacy": ("retention_hours", "handoff_retention_days")}
MAX_TITLE_CHARS = 30  # fits one button / menu line on a phone
MAX_SMS_SEGMENTS = 3  # docs/CONTRACTS.md section 2
MAX_NEXT = 3
FULL_PARAGRAPHS = (3, 6)  # topic answers on the web: short enough to read, long enough to explain


@dataclass(frozen=True)
class Limits:
    """What every answer is held to in this run of the check."""

    known_ids: frozenset[str]  # answer and dialogue ids a `next` may name
    topics: frozenset[str]  # topic answers (3-6 paragraphs on the web)
    today: dt.date
    max_age_days: int
    max_grade_en: float
    min_fh_es: float
    params: Mapping[str, Any]  # the values placeholders are filled with


class _Where:
    """File and key prefix of one answer, for problems."""

    def __init__(self, answer_id: str, lang: str, report: Report) -> None:
        self.file, self.base, self.report = f"answers.{lang}.yml", f"{lang}.{answer_id}", report

    def add(self, field_name: str | None, message: str) -> None:
        key = f"{self.base}.{field_name}" if field_name else self.base
        self.report.add(self.file, key, message)


def check_answer(answer_id: str, lang: str, fields: Mapping[str, Any], limits: Limits, report: Report) -> None:
    where = _Where(answer_id, lang, report)
    for name in ANSWER_FIELDS:
        if name not in fields:
            where.add(name, f"missing field '{name}' (every answer needs {', '.join(ANSWER_FIELDS)})")
    _check_title(fields.get("title"), where)
    _check_title(fields.get("caregiver_title"), where, "caregiver_title")
    size = _check_short(fields.get("short"), limits, where)
    # Said to parents, sponsors and relatives instead of `short` and `full`, on every channel: SMS-sized.
    _check_short(fields.get("for_caregivers"), limits, where, "for_caregivers")
    # Said to a child no longer in a shelter instead of `short` and `full`, on every channel: SMS-sized too.
    _check_short(fields.get("for_released"), limits, where, "for_released")
    # The menu asked for again, on every channel: SMS-sized too.
    _check_short(fields.get("again"), limits, where, "again")
    if answer_id in limits.topics:
        _check_paragraphs(fields.get("full"), where)
    if "next" in fields:
        _check_next(answer_id, fields.get("next"), limits, where)
    _check_self_described(answer_id, fields, where)
    _check_translation_review(answer_id, lang, fields, report, where)
    if "last_reviewed" in fields:
        _check_review_date(fields.get("last_reviewed"), limits, where)
    short, full = fields.get("short"), fields.get("full")
    if isinstance(short, str) and isinstance(full, str):
        forms = [fields.get(name) for name in ("for_caregivers", "for_released", "again")]
        text = "\n".join([short, full, *(form for form in forms if isinstance(form, str))])
        metric, level = _check_reading_level(lang, text, limits, where)
        if size is not None:
            report.rows.append(Row(answer_id, lang, metric, level, size.encoding, size.units, size.segments))


def _check_title(title: Any, where: _Where, field_name: str = "title") -> None:
    if isinstance(title, str) and len(title) > MAX_TITLE_CHARS:
        where.add(
            field_name,
            f"{field_name} is {len(title)} characters; shorten to {MAX_TITLE_CHARS} or fewer (it is a button label)",
        )


def _check_short(short: Any, limits: Limits, where: _Where, field_name: str = "short") -> SmsSize | None:
    if not isinstance(short, str):
        return None
    # Measured as the SMS channel sends it: accents GSM-7 lacks are written plain (bot.channels.sms).
    filled = PARAM.sub(lambda m: str(limits.params.get(m.group(1), "")), short.strip())
    size = measure(plain_letters(to_gsm_friendly(filled)))
    if size.segments > MAX_SMS_SEGMENTS:
        where.add(
            field_name,
            f"{field_name} is {size.segments} SMS segments ({size.encoding}, {size.units} units); "
            f"cut it to {MAX_SMS_SEGMENTS} segments or fewer",
        )
    return size


def _check_paragraphs(full: Any, where: _Where) -> None:
    if not isinstance(full, str):
        return
    paragraphs = [p for p in re.split(r"\n\s*\n", full.strip()) if p.strip()]
    low, high = FULL_PARAGRAPHS
    if not low <= len(paragraphs) <= high:
        where.add(
            "full",
            f"full form has {len(paragraphs)} paragraphs; write {low}-{high} short paragraphs separated by a blank line",
        )


def _check_next(answer_id: str, nxt: Any, limits: Limits, where: _Where) -> None:
    if not isinstance(nxt, list) or not all(isinstance(x, str) for x in nxt):
        where.add("next", "must be a list of answer IDs, e.g. [right_to_lawyer, find_legal_aid]")
        return
    if len(nxt) > MAX_NEXT:
        where.add("next", f"{len(nxt)} IDs; offer at most {MAX_NEXT}")
    for item in nxt:
        if item not in limits.known_ids:
            where.add("next", f"unknown ID '{item}'; use an answer ID or a dialogue ID from topics.yml")
        elif item == answer_id:
            where.add("next", "offers itself; pick other IDs")


def _check_self_described(answer_id: str, fields: Mapping[str, Any], where: _Where) -> None:
    text = f"{fields.get('short') or ''} {fields.get('full') or ''}"
    for param in SELF_DESCRIBED.get(answer_id, ()):
        if f"%{{{param}}}" not in text:
            where.add(
                "full",
                f"must quote the configured value with %{{{param}}} (this answer's source is the running configuration)",
            )


def _check_translation_review(
    answer_id: str, lang: str, fields: Mapping[str, Any], report: Report, where: _Where
) -> None:
    if "translation_review" not in fields:
        return
    value = fields["translation_review"]
    if value not in TRANSLATION_REVIEW:
        where.add("translation_review", f"{value!r}; write one of {', '.join(TRANSLATION_REVIEW)}")
    elif value == "pending":
        report.pending_review.append((lang, answer_id))


def _check_review_date(value: Any, limits: Limits, where: _Where) -> None:
    reviewed = as_date(value)
    if reviewed is None:
        where.add("last_reviewed", f'unparseable date {value!r}; write "YYYY-MM-DD"')
    elif reviewed > limits.today:
        where.add("last_reviewed", f"{reviewed} is in the future; write the day a reviewer checked it")
    elif (limits.today - reviewed).days > limits.max_age_days:
        where.add(
            "last_reviewed",
            f"stale: reviewed {reviewed}, {(limits.today - reviewed).days} days ago (limit {limits.max_age_days}); "
            "have it re-checked against its sources (data/sources.yml) and update the date",
        )


def _check_reading_level(lang: str, text: str, limits: Limits, where: _Where) -> tuple[str, float]:
    metric, level, problem = assess(lang, plain_text(text, limits.params), limits.max_grade_en, limits.min_fh_es)
    if problem:
        too = "hard" if easier_when_higher(metric) else "high"
        where.add(None, f"reading level too {too}: {problem}; use shorter sentences and shorter words")
    return metric, level
