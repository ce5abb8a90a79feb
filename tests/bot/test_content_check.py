"""bot.content.content_check: passes on a small valid fixture and fails, naming FILE and KEY, on each kind of broken copy."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.content import content_check
from bot.content.content_check import REQUIRED_COMMON_KEYS, Report, check, main


@pytest.fixture(autouse=True)
def _english_and_spanish_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    """These fixtures are written in English and Spanish; the real files are checked in every language."""
    from bot.content import content_check, source_check

    monkeypatch.setattr(content_check, "SUPPORTED", ("en", "es"))
    monkeypatch.setattr(source_check, "SUPPORTED", ("en", "es"))


TODAY = dt.date(2026, 11, 26)
SOURCE = "fact_sheet_2020"  # answers cite sources by id (data/sources.yml; here the fixture below)
SOURCES_YML = {
    "version": 1,
    "sources": [
        {
            "id": SOURCE,
            "title": "Fact sheet source",
            "publisher": "Example publisher",
            "url": "https://example.org/facts",
            "date": {"en": "Feb. 15, 2020", "es": "15 feb. 2020"},
            "published": "2020-02-15",
            "last_checked": TODAY,
            "checked": "fixture",
            "supports": ["Counselors write notes."],
        }
    ],
}

TOPICS_YML = """topics:
  therapy_privacy:
    about: whether therapy is private
dialogue:
  crisis: danger now
  find_legal_aid: legal-aid routing
"""

VALID: dict[str, dict[str, Any]] = {
    "answers.en.yml": {
        "en": {
            "therapy_privacy": {
                "title": "Is my therapy private?",
                "short": "Not fully. Your counselor writes notes. Staff can read them. Talk to a lawyer first.",
                "full": "Your counselor writes notes.\n\nStaff can read them.\n\nNext step: ask for a lawyer.",
                "next": ["crisis", "find_legal_aid"],
                "sources": [SOURCE],
                "last_reviewed": "2026-11-26",
            },
            "crisis": {
                "title": "I need help now",
                "short": "In danger now? Call 911. To talk, call or text 988.",
                "full": "Call 911 if you are in danger now.\n\nCall or text 988 to talk.",
                "next": ["therapy_privacy"],
                "sources": [SOURCE],
                "last_reviewed": "2026-11-26",
            },
        }
    },
    "answers.es.yml": {
        "es": {
            "therapy_privacy": {
                "title": "¿Mi terapia es privada?",
                "short": "No del todo. Tu terapeuta escribe notas. Otros las pueden leer. Habla con un abogado.",
                "full": "Tu terapeuta escribe notas.\n\nOtros las pueden leer.\n\nPide un abogado.",
                "next": ["crisis", "find_legal_aid"],
                "sources": [SOURCE],
                "last_reviewed": "2026-11-26",
            },
            "crisis": {
                "title": "Necesito ayuda ya",
                "short": "¿Peligro ahora? Llama al 911. Para hablar, llama al 988.",
                "full": "Llama al 911 si hay peligro.\n\nLlama o escribe al 988.",
                "next": ["therapy_privacy"],
                "sources": [SOURCE],
                "last_reviewed": "2026-11-26",
            },
        }
    },
    "common.en.yml": {"en": {key: f"Text {i}." for i, key in enumerate(REQUIRED_COMMON_KEYS)}},
    "common.es.yml": {"es": {key: f"Texto {i}." for i, key in enumerate(REQUIRED_COMMON_KEYS)}},
}


def write(directory: Path, files: dict[str, dict[str, Any]]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        (directory / name).write_text(yaml.safe_dump(body, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (directory / "topics.yml.spec").write_text(TOPICS_YML, encoding="utf-8")  # not *.yml: not a locale file
    if not (directory / "sources.yml.spec").exists():
        (directory / "sources.yml.spec").write_text(yaml.safe_dump(SOURCES_YML, allow_unicode=True), encoding="utf-8")
    return directory


def run(directory: Path, **kwargs: Any) -> Report:
    kwargs.setdefault("max_age_days", 180)
    kwargs.setdefault("sources_file", directory / "sources.yml.spec")
    kwargs.setdefault("directory_file", None)
    return check(
        directory, topics_file=directory / "topics.yml.spec", required_dialogue=("crisis",), today=TODAY, **kwargs
    )


def broken(tmp_path: Path) -> dict[str, dict[str, Any]]:
    return copy.deepcopy(VALID)


def assert_problem(report: Report, file: str, key: str, words: str) -> None:
    assert not report.ok
    matches = [p for p in report.problems if p.file == file and p.key == key and words in p.message]
    assert matches, f"expected {file}: {key}: ...{words}...; got:\n" + "\n".join(map(str, report.problems))


def test_valid_fixture_passes_and_measures_every_answer(tmp_path: Path) -> None:
    report = run(write(tmp_path, VALID))
    assert report.ok, "\n".join(map(str, report.problems))
    measured = {(r.answer_id, r.lang) for r in report.rows}
    assert measured == {(a, lang) for a in ("therapy_privacy", "crisis") for lang in ("en", "es")}
    es_short = next(r for r in report.rows if r.answer_id == "crisis" and r.lang == "es")
    assert es_short.encoding == "GSM-7" and es_short.segments == 1  # "¿" is GSM-7, no á/í/ó/ú here


def test_missing_translation_of_a_key(tmp_path: Path) -> None:
    files = broken(tmp_path)
    del files["answers.es.yml"]["es"]["therapy_privacy"]["full"]
    assert_problem(run(write(tmp_path, files)), "answers.es.yml", "es.therapy_privacy.full", "missing translation")


def test_missing_answer_for_a_catalogue_topic(tmp_path: Path) -> None:
    files = broken(tmp_path)
    del files["answers.en.yml"]["en"]["therapy_privacy"]
    report = run(write(tmp_path, files))
    assert_problem(report, "answers.en.yml", "en.therapy_privacy", "missing answer")


def test_missing_translation_in_an_area_added_later(tmp_path: Path) -> None:
    files = broken(tmp_path)
    files["legal_aid.en.yml"] = {"en": {"ask_state": "Which state are you in?"}}
    files["web.en.yml"] = {"en": {"title": "Know your rights", "quick_exit": "Quick exit"}}
    files["web.es.yml"] = {"es": {"title": "Conoce tus derechos"}}
    report = run(write(tmp_path, files))
    assert_problem(report, "legal_aid.es.yml", "-", "file missing")
    assert_problem(report, "web.es.yml", "es.quick_exit", "missing translation")


def test_missing_required_common_string(tmp_path: Path) -> None:
    files = broken(tmp_path)
    for lang in ("en", "es"):
        del files[f"common.{lang}.yml"][lang]["sources_label"]
    assert_problem(run(write(tmp_path, files)), "common.en.yml", "en.sources_label", "missing interaction string")


def test_missing_source(tmp_path: Path) -> None:
    files = broken(tmp_path)
    files["answers.en.yml"]["en"]["therapy_privacy"]["sources"] = []
    files["answers.es.yml"]["es"]["crisis"]["sources"] = [
        {"title": "Inline", "url": "https://example.org/x", "date": "2020"}
    ]
    report = run(write(tmp_path, files))
    assert_problem(report, "answers.en.yml", "en.therapy_privacy.sources", "missing source")
    assert_problem(report, "answers.es.yml", "es.crisis.sources[0]", "by its id")


def test_stale_or_unparseable_review_date(tmp_path: Path) -> None:
    files = broken(tmp_path)
    files["answers.en.yml"]["en"]["therapy_privacy"]["last_reviewed"] = "2025-01-01"
    files["answers.es.yml"]["es"]["therapy_privacy"]["last_reviewed"] = "26/11/2026"
    del files["answers.es.yml"]["es"]["crisis"]["last_reviewed"]
    del files["answers.en.yml"]["en"]["crisis"]["last_reviewed"]
    report = run(write(tmp_path, files))
    assert_problem(report, "answers.en.yml", "en.therapy_privacy.last_reviewed", "stale")
    assert_problem(report, "answers.es.yml", "es.therapy_privacy.last_reviewed", "unparseable")
    assert_problem(report, "answers.es.yml", "es.crisis.last_reviewed", "missing field")


def test_age_limit_comes_from_settings_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = write(tmp_path, VALID)
    monkeypatch.setenv("KYR_CONTENT_MAX_AGE_DAYS", "10")
    later = TODAY + dt.timedelta(days=11)
    report = check(
        directory,
        topics_file=directory / "topics.yml.spec",
        required_dialogue=("crisis",),
        today=later,
        sources_file=directory / "sources.yml.spec",
        directory_file=None,
    )
    assert_problem(report, "answers.en.yml", "en.crisis.last_reviewed", "limit 10")


def test_short_form_longer_than_three_segments(tmp_path: Path) -> None:
    files = broken(tmp_path)
    files["answers.en.yml"]["en"]["crisis"]["short"] = "Call or text 988. " * 30  # 540 GSM-7 septets
    # Accents SMS writes plain (á, í) count as plain letters: 249 GSM-7 units, 2 segments, fine.
    files["answers.es.yml"]["es"]["crisis"]["short"] = "Llámanos o escríbenos al 988 cuando lo necesites. " * 5
    # A character with no plain form (an emoji) keeps the whole text UCS-2: 252 units, 4 segments.
    files["answers.es.yml"]["es"]["therapy_privacy"]["short"] = "🙂 Llámanos o escríbenos al 988 cuando quieras. " * 5
    report = run(write(tmp_path, files))
    assert_problem(report, "answers.en.yml", "en.crisis.short", "GSM-7")
    assert not [p for p in report.problems if p.key == "es.crisis.short"], report.problems
    assert_problem(report, "answers.es.yml", "es.therapy_privacy.short", "SMS segments (UCS-2")


def test_placeholder_left_in_text(tmp_path: Path) -> None:
    files = broken(tmp_path)
    files["answers.en.yml"]["en"]["therapy_privacy"]["full"] += "\n\nTODO: add the 2025 change."
    files["answers.es.yml"]["es"]["therapy_privacy"]["short"] = "Llama al <NUMERO> para ayuda."
    files["answers.en.yml"]["en"]["crisis"]["short"] = "Your code is %{sender_code}."
    files["answers.es.yml"]["es"]["crisis"]["short"] = "Tu código es %{sender_code}."
    files["common.en.yml"]["en"]["privacy_notice_first"] = "I delete this after %{retention_hours} hours."
    files["common.es.yml"]["es"]["privacy_notice_first"] = "Lo borro tras {{horas}} horas."
    report = run(write(tmp_path, files))
    assert_problem(report, "answers.en.yml", "en.therapy_privacy.full", "TODO")
    assert_problem(report, "answers.es.yml", "es.therapy_privacy.short", "<NUMERO>")
    assert_problem(report, "answers.en.yml", "en.crisis.short", "unknown placeholder %{sender_code}")
    assert_problem(report, "common.es.yml", "es.privacy_notice_first", "{{")
    assert_problem(report, "common.es.yml", "es.privacy_notice_first", "placeholders differ between languages")


def test_spanish_word_todo_is_not_a_placeholder(tmp_path: Path) -> None:
    files = broken(tmp_path)
    files["answers.es.yml"]["es"]["therapy_privacy"]["short"] = "No del todo. Todo el personal puede leer tus notas."
    report = run(write(tmp_path, files))
    assert report.ok, "\n".join(map(str, report.problems))


def test_configuration_placeholders_are_allowed_in_answers(tmp_path: Path) -> None:
    files = broken(tmp_path)
    files["answers.en.yml"]["en"]["crisis"]["short"] = "I delete this chat after %{retention_hours} hours."
    files["answers.es.yml"]["es"]["crisis"]["short"] = "Borro este chat tras %{retention_hours} horas."
    assert run(write(tmp_path, files)).ok


def test_unknown_next_id(tmp_path: Path) -> None:
    files = broken(tmp_path)
    files["answers.en.yml"]["en"]["therapy_privacy"]["next"] = ["find_a_lawyer", "crisis"]
    files["answers.es.yml"]["es"]["therapy_privacy"]["next"] = ["crisis", "find_legal_aid", "crisis", "therapy_privacy"]
    report = run(write(tmp_path, files))
    assert_problem(report, "answers.en.yml", "en.therapy_privacy.next", "unknown ID 'find_a_lawyer'")
    assert_problem(report, "answers.es.yml", "es.therapy_privacy.next", "at most 3")
    assert_problem(report, "answers.es.yml", "es.therapy_privacy.next", "offers itself")


def test_reading_level_too_high(tmp_path: Path) -> None:
    files = broken(tmp_path)
    files["answers.en.yml"]["en"]["therapy_privacy"]["full"] = (
        "Notwithstanding administrative confidentiality considerations, psychotherapeutic documentation "
        "generated institutionally may be disseminated interdepartmentally to immigration enforcement authorities.\n\n"
        "Consequently, unaccompanied minors should deliberately contemplate the evidentiary implications.\n\n"
        "Consultation with qualified immigration representation is recommended."
    )
    files["answers.es.yml"]["es"]["therapy_privacy"]["full"] = (
        "Independientemente de las consideraciones administrativas de confidencialidad, la documentación "
        "psicoterapéutica generada institucionalmente podría ser comunicada interdepartamentalmente a autoridades migratorias.\n\n"
        "Consecuentemente, los menores deberían considerar deliberadamente las implicaciones probatorias correspondientes.\n\n"
        "Recomendamos consultar representación jurídica especializada."
    )
    report = run(write(tmp_path, files))
    assert_problem(report, "answers.en.yml", "en.therapy_privacy", "Flesch-Kincaid grade")
    assert_problem(report, "answers.es.yml", "es.therapy_privacy", "Fernandez-Huerta")


def test_reading_level_ignores_urls(tmp_path: Path) -> None:
    files = broken(tmp_path)
    files["answers.en.yml"]["en"]["crisis"]["full"] += (
        "\n\nChat at https://988lifeline.org/get-help/what-to-expect-from-your-international-conversation today."
    )
    assert run(write(tmp_path, files)).ok


def test_main_exit_code_and_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    good = write(tmp_path / "good", VALID)
    monkeypatch.setattr(content_check.dt, "date", _FixedDate)  # the fixture is dated TODAY
    assert (
        main(
            [
                "--dir",
                str(good),
                "--topics",
                str(good / "topics.yml.spec"),
                "--sources",
                str(good / "sources.yml.spec"),
                "--max-age-days",
                "180",
            ]
        )
        == 1
    )  # no menu etc.
    err = capsys.readouterr().err
    assert "answers.en.yml: en.menu: missing answer" in err

    files = broken(tmp_path)
    files["answers.en.yml"]["en"]["crisis"]["next"] = ["nowhere"]
    bad = write(tmp_path / "bad", files)
    assert (
        main(["--dir", str(bad), "--topics", str(bad / "topics.yml.spec"), "--sources", str(bad / "sources.yml.spec")])
        == 1
    )
    captured = capsys.readouterr()
    assert "answers.en.yml: en.crisis.next: unknown ID 'nowhere'" in captured.err
    assert "crisis" in captured.out and "FK" in captured.out and "FH" in captured.out  # the table is printed


class _FixedDate(dt.date):
    @classmethod
    def today(cls) -> _FixedDate:
        return cls(TODAY.year, TODAY.month, TODAY.day)


def test_unsupported_language_and_bad_root_are_reported(tmp_path: Path) -> None:
    files: dict[str, dict[str, Any]] = broken(tmp_path)
    files["answers.de.yml"] = {"de": {"crisis": {"short": "Ruf 988 an."}}}
    files["sms.en.yml"] = {"es": {"help": "Ayuda"}}
    report = run(write(tmp_path, files))
    assert_problem(report, "answers.de.yml", "-", "not in bot.nlu.languages.SUPPORTED")
    assert_problem(report, "sms.en.yml", "-", "root key must be the language code 'en:'")


def _lines(report: Report) -> list[str]:
    return [str(p) for p in report.problems]


def test_each_problem_line_names_file_and_key(tmp_path: Path) -> None:
    files = broken(tmp_path)
    files["answers.en.yml"]["en"]["crisis"]["sources"] = []
    for line in _lines(run(write(tmp_path, files))):
        file, key, message = line.split(": ", 2)
        assert file.endswith(".yml") and key and message


def test_a_caregivers_button_title_is_held_to_the_button_length_and_translated(tmp_path: Path) -> None:
    files = broken(tmp_path)
    files["answers.en.yml"]["en"]["therapy_privacy"]["caregiver_title"] = (
        "Is my child's therapy private, really and truly?"
    )
    files["answers.es.yml"]["es"]["therapy_privacy"]["caregiver_title"] = "¿Es privada la terapia?"
    report = run(write(tmp_path, files))
    assert_problem(report, "answers.en.yml", "en.therapy_privacy.caregiver_title", "shorten to 30")
    files = broken(tmp_path)
    files["answers.en.yml"]["en"]["therapy_privacy"]["caregiver_title"] = "Is my child's therapy private?"
    report = run(write(tmp_path / "untranslated", files))
    assert_problem(report, "answers.es.yml", "es.therapy_privacy.caregiver_title", "missing translation")
