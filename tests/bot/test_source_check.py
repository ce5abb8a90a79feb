"""bot.content.source_check (via bot.content.content_check.check) and bot.content.sources: cited ids, source ages, "as of"
dates against the newest cited source, and the legal-aid directory's age and unverified marking."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot import content
from bot.content import sources
from bot.content.content_check import Report, check
from bot.content.source_check import as_of_dates
from bot.legal_aid import routing
from bot.legal_aid.directory import DirectoryError, load_directory
from bot.legal_aid.presentation import results_text
from tests.bot.test_content_check import SOURCES_YML, TODAY, VALID, assert_problem, write


@pytest.fixture(autouse=True)
def _english_and_spanish_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    """These fixtures are written in English and Spanish; the real files are checked in every language."""
    from bot.content import content_check, source_check

    monkeypatch.setattr(content_check, "SUPPORTED", ("en", "es"))
    monkeypatch.setattr(source_check, "SUPPORTED", ("en", "es"))


NEWER = {
    "id": "rule_2025",
    "title": "Rule 2025",
    "publisher": "Example agency",
    "url": "https://example.org/rule",
    "date": {"en": "Mar. 25, 2025", "es": "25 mar. 2025"},
    "published": "2025-03-25",
    "last_checked": TODAY,
    "checked": "fixture",
    "supports": ["A rule changed in March 2025."],
}
UNDATED = dict(
    NEWER, id="undated_page", url="https://example.org/page", published=None, date={"en": "n.d.", "es": "s. f."}
)
DIRECTORY = """
version: 1
entries:
  - id: fake_verified
    name: Fake Verified Org
    kind: legal_services
    serves: [youth_in_custody]
    where: national
    contacts:
      - {type: phone, value: "1-555-555-0101"}
    source: fixture
    sources: [fact_sheet_2020]
    last_verified: 2026-11-01
  - id: fake_unverified
    name: Fake Unverified Org
    kind: legal_services
    serves: [youth_in_custody]
    where: national
    contacts:
      - {type: phone, value: "1-555-555-0102"}
    source: fixture
    last_verified: 2026-01-01
    unverified_since: 2026-01-01
"""


def _sources(*extra: dict[str, Any], **changes: Any) -> dict[str, Any]:
    doc = copy.deepcopy(SOURCES_YML)
    doc["sources"][0].update(changes)
    doc["sources"] += [copy.deepcopy(e) for e in extra]
    return doc


def _run(tmp_path: Path, files: dict[str, Any], source_doc: dict[str, Any], directory: str = "") -> Report:
    d = write(tmp_path, files)
    (d / "sources.yml.spec").write_text(yaml.safe_dump(source_doc, allow_unicode=True), encoding="utf-8")
    directory_file = None
    if directory:
        directory_file = tmp_path / "directory.yml.spec"
        directory_file.write_text(directory, encoding="utf-8")
    return check(
        d,
        topics_file=d / "topics.yml.spec",
        required_dialogue=("crisis",),
        today=TODAY,
        max_age_days=180,
        sources_file=d / "sources.yml.spec",
        directory_file=directory_file,
    )


def _files() -> dict[str, Any]:
    return copy.deepcopy(VALID)


def _set_full(files: dict[str, Any], en: str, es: str) -> None:
    files["answers.en.yml"]["en"]["therapy_privacy"]["full"] += f"\n\n{en}"
    files["answers.es.yml"]["es"]["therapy_privacy"]["full"] += f"\n\n{es}"


def test_fixture_with_ids_passes(tmp_path: Path) -> None:
    report = _run(tmp_path, _files(), _sources())
    assert report.ok, "\n".join(map(str, report.problems))
    assert "sources: 1 in sources.yml.spec" in report.notes


def test_unknown_source_id(tmp_path: Path) -> None:
    files = _files()
    for lang in ("en", "es"):
        files[f"answers.{lang}.yml"][lang]["crisis"]["sources"] = ["no_such_source"]
    report = _run(tmp_path, files, _sources())
    assert_problem(report, "answers.en.yml", "en.crisis.sources[0]", "unknown source id 'no_such_source'")


def test_answer_that_must_cite_has_no_source(tmp_path: Path) -> None:
    files = _files()
    del files["answers.es.yml"]["es"]["therapy_privacy"]["sources"]
    report = _run(tmp_path, files, _sources())
    assert_problem(report, "answers.es.yml", "es.therapy_privacy.sources", "missing source")


def test_a_translation_must_not_lose_a_source(tmp_path: Path) -> None:
    files = _files()
    files["answers.en.yml"]["en"]["crisis"]["sources"] = ["fact_sheet_2020", "rule_2025"]
    files["answers.es.yml"]["es"]["crisis"]["sources"] = ["fact_sheet_2020"]
    report = _run(tmp_path, files, _sources(NEWER))
    assert_problem(report, "answers.es.yml", "es.crisis.sources", "sources missing")


def test_a_translation_may_cite_more_sources(tmp_path: Path) -> None:
    """What a hotline offers speakers of one language is said, and cited, only in that language."""
    files = _files()
    files["answers.es.yml"]["es"]["crisis"]["sources"] = ["fact_sheet_2020", "rule_2025"]
    report = _run(tmp_path, files, _sources(NEWER))
    assert not [p for p in report.problems if "sources missing" in p.message]


def test_stale_future_and_incomplete_sources(tmp_path: Path) -> None:
    stale = dict(NEWER, id="old_check", last_checked=TODAY - dt.timedelta(days=181))
    future = dict(NEWER, id="future_check", last_checked=TODAY + dt.timedelta(days=1))
    broken = {
        "id": "Bad Id",
        "title": "",
        "url": "example.org/...",
        "date": {"en": "2020"},
        "published": "Feb 2020",
        "last_checked": TODAY,
        "supports": [],
        "extra": 1,
    }
    report = _run(tmp_path, _files(), _sources(stale, future, broken))
    assert_problem(report, "sources.yml", "sources[old_check].last_checked", "stale: last checked")
    assert_problem(report, "sources.yml", "sources[old_check].last_checked", "limit 180")
    assert_problem(report, "sources.yml", "sources[future_check].last_checked", "in the future")
    for key, words in (
        ("id", "lowercase"),
        ("title", "empty title"),
        ("url", "https://"),
        ("date.es", "missing the date"),
        ("published", "YYYY-MM"),
        ("supports", "list the statements"),
        ("extra", "unknown field"),
        ("publisher", "missing field"),
    ):
        assert_problem(report, "sources.yml", f"sources[Bad Id].{key}", words)


def test_source_age_limit_is_the_review_limit(tmp_path: Path) -> None:
    report = _run(tmp_path, _files(), _sources(last_checked=TODAY - dt.timedelta(days=180)))
    assert report.ok, "\n".join(map(str, report.problems))  # exactly at the limit is still fine


def test_as_of_later_than_newest_cited_source_fails(tmp_path: Path) -> None:
    files = _files()
    _set_full(
        files, "As of November 2026, the rules keep changing.", "A noviembre de 2026, las reglas siguen cambiando."
    )
    report = _run(tmp_path, files, _sources())
    assert_problem(
        report,
        "answers.en.yml",
        "en.therapy_privacy.full",
        "'As of November 2026' is later than the newest cited source (February 2020)",
    )
    assert_problem(report, "answers.es.yml", "es.therapy_privacy.full", "'A noviembre de 2026'")


def test_as_of_up_to_newest_cited_source_passes(tmp_path: Path) -> None:
    files = _files()
    for lang in ("en", "es"):
        files[f"answers.{lang}.yml"][lang]["therapy_privacy"]["sources"] = ["fact_sheet_2020", "rule_2025"]
    _set_full(files, "As of March 2025, the rules keep changing.", "A marzo de 2025, las reglas siguen cambiando.")
    report = _run(tmp_path, files, _sources(NEWER))
    assert report.ok, "\n".join(map(str, report.problems))


def test_as_of_with_only_undated_sources_fails(tmp_path: Path) -> None:
    files = _files()
    for lang in ("en", "es"):
        files[f"answers.{lang}.yml"][lang]["therapy_privacy"]["sources"] = ["undated_page"]
    _set_full(files, "As of March 2025, this is the rule.", "A marzo de 2025, esta es la regla.")
    report = _run(tmp_path, files, _sources(UNDATED))
    assert_problem(report, "answers.en.yml", "en.therapy_privacy.full", "no cited source has a publication date")


@pytest.mark.parametrize(
    "text,found",
    [
        ("There are court cases (as of September 2025).", ("as of September 2025", (2025, 9))),
        ("Hay juicios (a septiembre de 2025).", ("a septiembre de 2025", (2025, 9))),
        ("Hay juicios (a setiembre de 2025).", ("a setiembre de 2025", (2025, 9))),
        ("Até março de 2025, nenhuma regra.", ("Até março de 2025", (2025, 3))),
        ("Até marco de 2025 (typed without the cedilla).", ("Até marco de 2025", (2025, 3))),
        ("À la date de janvier 2026, rien.", ("À la date de janvier 2026", (2026, 1))),
        ("Jiska jiyè 2024, pa gen règ.", ("Jiska jiyè 2024", (2024, 7))),
    ],
)
def test_as_of_dates_are_found_in_every_language(text: str, found: tuple[str, tuple[int, int]]) -> None:
    assert as_of_dates(text) == [found]


@pytest.mark.parametrize(
    "text", ["Since March 2025, sponsors give fingerprints.", "En mars 2025, ils ont changé.", "Em junho de 2024."]
)
def test_dates_of_events_are_not_as_of_dates(text: str) -> None:
    assert as_of_dates(text) == []


def test_directory_age_and_unverified_marking(tmp_path: Path) -> None:
    report = _run(tmp_path, _files(), _sources(), directory=DIRECTORY)
    assert report.ok, "\n".join(map(str, report.problems))
    summary = " ".join(report.notes)
    assert "1 entry marked unverified" in summary and "fake_unverified (unverified since 2026-01-01" in summary

    stale = DIRECTORY.replace("last_verified: 2026-11-01", "last_verified: 2026-05-01")
    report = _run(tmp_path, _files(), _sources(), directory=stale)
    assert_problem(
        report, "legal_aid/directory.yml.spec", "entries[fake_verified].last_verified", "stale: verified 2026-05-01"
    )

    unmarked = DIRECTORY.replace("    unverified_since: 2026-01-01\n", "")
    report = _run(tmp_path, _files(), _sources(), directory=unmarked)
    assert_problem(report, "legal_aid/directory.yml.spec", "entries[fake_unverified].last_verified", "unverified_since")
    assert_problem(report, "legal_aid/directory.yml.spec", "entries[fake_unverified].sources", "cite the source ids")

    unknown = DIRECTORY.replace("sources: [fact_sheet_2020]", "sources: [nowhere]")
    report = _run(tmp_path, _files(), _sources(), directory=unknown)
    assert_problem(
        report, "legal_aid/directory.yml.spec", "entries[fake_verified].sources[0]", "unknown source id 'nowhere'"
    )


def test_directory_rejects_malformed_marking(tmp_path: Path) -> None:
    path = tmp_path / "directory.yml"
    path.write_text(DIRECTORY.replace("unverified_since: 2026-01-01", "unverified_since: last year"))
    with pytest.raises(DirectoryError, match="unverified_since"):
        load_directory(path)
    path.write_text(DIRECTORY.replace("sources: [fact_sheet_2020]", "sources: fact_sheet_2020"))
    with pytest.raises(DirectoryError, match="'sources'"):
        load_directory(path)


def test_unverified_entry_is_shown_with_a_note_to_confirm(tmp_path: Path) -> None:
    path = tmp_path / "directory.yml"
    path.write_text(DIRECTORY)
    content.load(content.LOCALES_DIR, force=True)
    matches = routing.rank(load_directory(path), routing.IN_CUSTODY, "TX", None)
    text = results_text(matches, routing.IN_CUSTODY, None, "en")
    blocks = text.split("\n\n")
    verified = next(b for b in blocks if "Fake Verified Org" in b)
    unverified = next(b for b in blocks if "Fake Unverified Org" in b)
    assert "Confirm it with them before you rely on it" in unverified and "2026-01-01" in unverified
    assert "Confirm it" not in verified
    assert "No pudimos volver a revisar" in results_text(matches, routing.IN_CUSTODY, None, "es")


def test_real_answers_resolve_source_ids_in_each_language() -> None:
    content.load(content.LOCALES_DIR, force=True)
    en, es = content.answer("therapy_privacy", "en"), content.answer("therapy_privacy", "es")
    assert en.sources[0].title == es.sources[0].title and en.sources[0].url.startswith("https://")
    assert (en.sources[0].date, es.sources[0].date) == ("Feb. 2020", "feb. 2020")


def test_unknown_id_at_runtime_is_missing_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "sources.yml"
    path.write_text(yaml.safe_dump(_sources(), allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("KYR_SOURCES_PATH", str(path))
    assert sources.get("fact_sheet_2020").date["es"] == "15 feb. 2020"
    with pytest.raises(content.MissingContent, match="unknown source id 'nope'"):
        content._source("nope", "en")
