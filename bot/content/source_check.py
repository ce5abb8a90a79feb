"""Source rules of the content check (called by ``bot.content.content_check``; rules in docs/CONTENT.md).

- ``data/sources.yml``: every entry complete, ids unique, and ``last_checked`` within the review
  limit (the same limit as an answer's ``last_reviewed``).
- Answers cite sources by id: no inline source, no unknown id, the same ids in every language, and
  at least one for every answer that must cite.
- "as of <month year>" in an answer, in any language's wording (data/languages.yml, ``as_of``), may not
  be later than the newest publication date among the sources it cites.
- The legal-aid directory: each entry cites known source ids and was verified within the review
  limit, unless it is explicitly marked ``unverified_since`` (then it is listed in the summary and
  users are told to confirm it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.content import sources as source_list
from bot.nlu.languages import DEFAULT, LANGUAGES, SUPPORTED, fold

if TYPE_CHECKING:  # pragma: no cover - only for type hints; content_check imports this module
    from bot.content.content_check import Report

SOURCES_FILE = "sources.yml"
SOURCE_FIELDS = ("id", "title", "publisher", "url", "date", "published", "last_checked", "checked", "supports")
_ID = re.compile(r"^[a-z0-9][a-z0-9_]{2,63}$")
_URL = re.compile(r"https://[\w.-]+\.[a-z]{2,}(/\S*)?")


def _as_of_patterns() -> list[re.Pattern[str]]:
    """One pattern per language from data/languages.yml's ``as_of`` (phrase and month names), on folded text.

    Group ``m<N>`` names the month (1-12) that matched; group ``year`` the year.
    """
    patterns = []
    for language in LANGUAGES.values():
        phrase, months = language.as_of.get("phrase"), language.as_of.get("months") or []
        if not phrase or len(months) != 12:
            continue
        month_alternatives = "|".join(
            f"(?P<m{number}>{'|'.join(re.escape(fold(name)) for name in str(names).split('|'))})"
            for number, names in enumerate(months, start=1)
        )
        body = re.escape(fold(phrase)).replace(r"\{month\}", f"(?:{month_alternatives})")
        patterns.append(re.compile(r"\b" + body.replace(r"\{year\}", r"(?P<year>\d{4})") + r"\b"))
    return patterns


def as_of_dates(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Every "as of <month year>" in any supported language's wording (data/languages.yml) in ``text``,
    as (phrase as typed, (year, month))."""
    typed = text.strip()
    folded = fold(typed)
    same_length = len(folded) == len(typed)  # folding keeps positions unless a letter expands ("ß")
    found = []
    for pattern in _as_of_patterns():
        for m in pattern.finditer(folded):
            month = next(int(name[1:]) for name, value in m.groupdict().items() if name != "year" and value)
            phrase = typed[m.start() : m.end()] if same_length else m.group(0)
            found.append((phrase, (int(m.group("year")), month)))
    return found


def _month_name(year_month: tuple[int, int]) -> str:
    return dt.date(year_month[0], year_month[1], 1).strftime("%B %Y")


# --- data/sources.yml -----------------------------------------------------------------------------


def check_source_file(
    path: Path, *, today: dt.date, max_age_days: int, report: Report
) -> dict[str, source_list.SourceRecord]:
    """Validate every entry; returns id -> record for the entries that have an id."""
    try:
        entries = source_list.read_entries(path)
    except source_list.SourceError as exc:
        report.add(SOURCES_FILE, "-", f"{exc}; every answer cites sources from it (docs/CONTENT.md, 'Sources')")
        return {}
    records: dict[str, source_list.SourceRecord] = {}
    for i, entry in enumerate(entries):
        sid = str(entry.get("id") or f"#{i + 1}")
        key = f"sources[{sid}]"

        def add(name: str, message: str, key: str = key) -> None:
            report.add(SOURCES_FILE, f"{key}.{name}", message)

        _check_fields(entry, add)
        if not _ID.match(sid):
            add("id", "id must be 3-64 lowercase letters, digits or '_'")
        elif sid in records:
            add("id", "duplicate id; each source is listed once")
        rec = source_list.record(entry)
        _check_values(entry, rec, add, report.languages or SUPPORTED)
        if "last_checked" in entry:
            _check_last_checked(entry.get("last_checked"), rec, today, max_age_days, add)
        if _ID.match(sid) and sid not in records:
            records[sid] = rec
    return records


def _check_fields(entry: Mapping[str, Any], add: Callable[[str, str], None]) -> None:
    for name in SOURCE_FIELDS:
        if name not in entry:
            add(name, f"missing field '{name}' (every source needs {', '.join(SOURCE_FIELDS)})")
    for name in entry:
        if name not in SOURCE_FIELDS:
            add(name, f"unknown field; allowed: {', '.join(SOURCE_FIELDS)}")


def _check_values(
    entry: Mapping[str, Any],
    rec: source_list.SourceRecord,
    add: Callable[[str, str], None],
    languages: Sequence[str] = SUPPORTED,
) -> None:
    if "title" in entry and not rec.title.strip():
        add("title", "empty title")
    if "publisher" in entry and not rec.publisher.strip():
        add("publisher", "empty publisher")
    if "url" in entry and (not _URL.fullmatch(rec.url) or "..." in rec.url or "\u2026" in rec.url):
        add("url", f"source URL {rec.url!r} must be a complete https:// address (no '...')")
    if "date" in entry:
        for lang in languages:
            if not rec.date.get(lang, "").strip():
                add(
                    f"date.{lang}",
                    f"missing the date as '{lang}' readers see it (write 'n.d.' / 's. f.' for an undated source)",
                )
    published = entry.get("published")
    if published is not None and not source_list.valid_published(published):
        add(
            "published",
            f'{published!r} is not "YYYY", "YYYY-MM" or "YYYY-MM-DD" (quote it), or null for an undated source',
        )
    if "supports" in entry and not rec.supports:
        add("supports", "list the statements this source supports")


def _check_last_checked(
    raw: Any, rec: source_list.SourceRecord, today: dt.date, max_age_days: int, add: Callable[[str, str], None]
) -> None:
    checked = rec.last_checked
    if checked is None:
        add("last_checked", f"unparseable date {raw!r}; write YYYY-MM-DD")
    elif checked > today:
        add("last_checked", f"{checked} is in the future; write the day someone opened the source")
    elif (today - checked).days > max_age_days:
        add(
            "last_checked",
            f"stale: last checked {checked}, {(today - checked).days} days ago (limit {max_age_days}); "
            f"open {rec.url or 'the source'}, compare it with 'supports', then update last_checked and 'checked'",
        )


# --- answers ----------------------------------------------------------------------------------------


def check_answer_sources(
    answer_id: str,
    lang: str,
    fields: Mapping[str, Any],
    *,
    must_cite: bool,
    records: Mapping[str, source_list.SourceRecord],
    report: Report,
) -> None:
    """Citations of one answer in one language, and its "as of" dates against them."""
    fname, key = f"answers.{lang}.yml", f"{lang}.{answer_id}.sources"
    cited = fields.get("sources")
    if "sources" in fields and not isinstance(cited, list):
        report.add(fname, key, "must be a list of source ids from data/sources.yml, e.g. [nasw_2020_therapy_notes]")
        cited = []
    cited = cited or []
    if must_cite and not cited:
        report.add(fname, key, "missing source: cite at least one source id from data/sources.yml")
    known: list[source_list.SourceRecord] = []
    for i, item in enumerate(cited):
        if not isinstance(item, str):
            report.add(
                fname,
                f"{key}[{i}]",
                "cite a source by its id from data/sources.yml (inline title/url/date is not allowed: add the source there)",
            )
        elif item not in records:
            report.add(fname, f"{key}[{i}]", f"unknown source id '{item}'; add it to data/sources.yml or fix the id")
        else:
            known.append(records[item])
    dated = [r.published_month for r in known if r.published_month]
    newest = max(dated) if dated else None
    for name in ("title", "short", "full"):
        text = fields.get(name)
        for phrase, when in as_of_dates(text if isinstance(text, str) else ""):
            if newest is None:
                report.add(
                    fname,
                    f"{lang}.{answer_id}.{name}",
                    f"'{phrase}' but no cited source has a publication date; cite the dated source it rests on or drop the date",
                )
            elif when > newest:
                report.add(
                    fname,
                    f"{lang}.{answer_id}.{name}",
                    f"'{phrase}' is later than the newest cited source ({_month_name(newest)}); "
                    f"an 'as of' date is the date of the newest source checked: write {_month_name(newest)} or cite a newer source",
                )


def check_same_sources(answers_by_lang: Mapping[str, Mapping[str, Mapping[str, Any]]], report: Report) -> None:
    """Each answer cites, in every language, at least the source ids of its English text (a translation
    must not lose a source). A language may cite more: what a hotline offers that language's speakers
    (interpreters on calls, text only in English and Spanish) is said only to them."""
    reference = answers_by_lang.get(DEFAULT) or {}
    for answer_id in sorted(reference):
        base = _cited(reference[answer_id])
        for lang, answers in sorted(answers_by_lang.items()):
            if lang == DEFAULT or answer_id not in answers:
                continue
            missing = base - _cited(answers[answer_id])
            if missing:
                report.add(
                    f"answers.{lang}.yml",
                    f"{lang}.{answer_id}.sources",
                    f"sources missing: answers.{DEFAULT}.yml cites {sorted(missing)} too; a translation cites at least "
                    "the same ids (and may add sources for what it says only to its own speakers)",
                )


def _cited(fields: Mapping[str, Any]) -> frozenset[str]:
    cited = fields.get("sources")
    return frozenset(x for x in cited if isinstance(x, str)) if isinstance(cited, list) else frozenset()


# --- legal-aid directory ----------------------------------------------------------------------------


def check_directory(
    path: Path, *, records: Mapping[str, source_list.SourceRecord], today: dt.date, max_age_days: int, report: Report
) -> list[str]:
    """Directory entries cite known sources and are verified within the limit or explicitly marked.

    Returns one summary line per entry marked ``unverified_since``.
    """
    from bot.legal_aid.directory import DirectoryError, load_directory  # the directory's own validation first

    fname = f"legal_aid/{path.name}"
    try:
        directory = load_directory(path)
    except DirectoryError as exc:
        report.add(fname, "-", str(exc))
        return []
    unverified = []
    for org in directory:
        key = f"entries[{org.id}]"
        for i, sid in enumerate(org.sources):
            if sid not in records:
                report.add(
                    fname, f"{key}.sources[{i}]", f"unknown source id '{sid}'; add it to data/sources.yml or fix the id"
                )
        if org.unverified_since is not None:
            unverified.append(f"{org.id} (unverified since {org.unverified_since}; users are asked to confirm it)")
            continue
        if not org.sources:
            report.add(
                fname,
                f"{key}.sources",
                "cite the source ids (data/sources.yml) that confirm this entry, or mark it unverified_since: <date>",
            )
        age = (today - org.last_verified).days
        if org.last_verified > today:
            report.add(fname, f"{key}.last_verified", f"{org.last_verified} is in the future")
        elif age > max_age_days:
            report.add(
                fname,
                f"{key}.last_verified",
                f"stale: verified {org.last_verified}, {age} days ago (limit {max_age_days}); re-verify it from its "
                f"public pages and update last_verified, or mark it 'unverified_since: {org.last_verified}' "
                f"(users are then told to confirm it) and drop claims you cannot source",
            )
    return unverified


def check_all(
    *,
    sources_file: Path,
    directory_file: Path | None,
    answers_by_lang: Mapping[str, Mapping[str, Mapping[str, Any]]],
    must_cite: Iterable[str],
    today: dt.date,
    max_age_days: int,
    report: Report,
) -> list[str]:
    """Every source rule; returns summary lines (unverified directory entries)."""
    records = check_source_file(sources_file, today=today, max_age_days=max_age_days, report=report)
    cite: set[str] = set(must_cite)
    for lang, answers in answers_by_lang.items():
        for answer_id, fields in sorted(answers.items()):
            check_answer_sources(answer_id, lang, fields, must_cite=answer_id in cite, records=records, report=report)
    check_same_sources(answers_by_lang, report)
    notes = [f"sources: {len(records)} in {sources_file.name}"]
    if directory_file is not None:
        unverified = check_directory(
            directory_file, records=records, today=today, max_age_days=max_age_days, report=report
        )
        notes.append(
            f"legal-aid directory: {len(unverified)} entr{'y' if len(unverified) == 1 else 'ies'} marked unverified"
            + (": " + "; ".join(unverified) if unverified else "")
        )
    return notes
