"""bot.content.glossary_check: one term per thing, and every acronym explained where a child reads it (issue #11)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot import content
from bot.content import glossary_check
from bot.content.content_check import check
from tests.bot.test_content_check import TODAY, VALID, write


@pytest.fixture(autouse=True)
def _english_and_spanish_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    """These fixtures are written in English and Spanish; the real files are checked in every language."""
    from bot.content import content_check, source_check

    monkeypatch.setattr(content_check, "SUPPORTED", ("en", "es"))
    monkeypatch.setattr(source_check, "SUPPORTED", ("en", "es"))


GLOSSARY: dict[str, Any] = {
    "terms": {
        "case_file": {"es": {"preferred": "expediente", "forbidden": ["archivo", "papeles"]}},
        "counselor": {"en": {"preferred": "counselor", "forbidden": ["therapist"]}},
    },
    "glossed": {
        "ICE": {
            "forms": {"en": ["ICE"], "es": ["ICE"]},
            "gloss": {"en": ["immigration police"], "es": ["control migratorio", "policía de inmigración"]},
        },
        "child_advocate": {
            "forms": {"en": [], "es": ["defensor de niños"]},
            "gloss": {"en": [], "es": ["no es abogado"]},
        },
    },
}


def answers(**fields: Any) -> dict[str, dict[str, dict[str, Any]]]:
    base = {"title": "T", "short": "Fine.", "full": "Fine."}
    return {lang: {"a": {**base, **f}} for lang, f in fields.items()}


def keys(problems) -> set:
    return {(f, k) for f, k, _ in problems}


def test_acronym_needs_its_gloss_in_the_same_text() -> None:
    problems = glossary_check.check_answers(
        GLOSSARY, answers(en={"short": "Notes went to ICE.", "full": "Notes went to ICE (immigration police)."})
    )
    assert keys(problems) == {("answers.en.yml", "en.a.short")}
    assert "ICE" in problems[0][2] and "immigration police" in problems[0][2]


def test_short_and_full_are_checked_separately_and_titles_are_exempt() -> None:
    # A gloss in the full text does not help the SMS reader, who only gets the short one.
    problems = glossary_check.check_answers(
        GLOSSARY,
        answers(
            es={
                "title": "¿ICE ve mis notas?",
                "short": "Ya pasó con ICE.",
                "full": "ICE (control migratorio) las tuvo.",
            }
        ),
    )
    assert keys(problems) == {("answers.es.yml", "es.a.short")}


def test_gloss_matches_without_accents_and_acronyms_only_in_capitals() -> None:
    ok = glossary_check.check_answers(
        GLOSSARY,
        answers(es={"short": "ICE (policia de inmigracion) lo vio.", "full": "Hace frío, hay hielo (ice) afuera."}),
    )
    assert ok == []


def test_word_gloss_for_spanish_child_advocate() -> None:
    problems = glossary_check.check_answers(
        GLOSSARY,
        answers(es={"short": "Dile a tu Defensor de Ninos.", "full": "Tu defensor de niños (no es abogado) te ayuda."}),
    )
    assert keys(problems) == {("answers.es.yml", "es.a.short")}


def test_forbidden_variant_in_any_field_names_the_preferred_term() -> None:
    problems = glossary_check.check_answers(
        GLOSSARY,
        answers(
            es={
                "title": "¿Quién ve mi archivo?",
                "short": "Tus Papeles de ORR.",
                "full": "Tu expediente; archivos no.",
            },
            en={"full": "Your therapist's notes."},
        ),
    )
    assert keys(problems) == {
        ("answers.es.yml", "es.a.title"),
        ("answers.es.yml", "es.a.short"),
        ("answers.en.yml", "en.a.full"),
    }
    assert all("expediente" in m for f, _, m in problems if f == "answers.es.yml")


def test_content_check_runs_the_glossary_next_to_the_locale_dir(tmp_path: Path) -> None:
    files = copy.deepcopy(VALID)
    files["answers.es.yml"]["es"]["therapy_privacy"]["short"] = "No del todo. Tus notas van a tu archivo."
    locales = write(tmp_path / "locales", files)
    fixture = dict(
        topics_file=locales / "topics.yml.spec",
        required_dialogue=("crisis",),
        today=TODAY,
        max_age_days=180,
        sources_file=locales / "sources.yml.spec",
        directory_file=None,
    )
    report = check(locales, **fixture)
    assert report.ok, "no glossary next to a fixture directory: nothing to check"
    (tmp_path / "glossary.yml").write_text(yaml.safe_dump(GLOSSARY, allow_unicode=True), encoding="utf-8")
    report = check(locales, **fixture)
    assert [(p.file, p.key) for p in report.problems] == [("answers.es.yml", "es.therapy_privacy.short")]


def test_the_real_locale_dir_must_have_its_glossary(tmp_path: Path) -> None:
    assert glossary_check.glossary_path(content.LOCALES_DIR).is_file()
    missing = glossary_check.check(tmp_path / "locales", {}, required=True)
    assert missing and "glossary missing" in missing[0][2]


def test_real_glossary_covers_the_issue_11_terms() -> None:
    glossary = glossary_check.load(glossary_check.glossary_path(content.LOCALES_DIR))
    assert {"ORR", "ICE", "CBP", "FOIA", "Ombuds", "OIG", "CRCL", "SIJS", "A-number"} <= set(glossary["glossed"])
    forbidden_es = {w for t in glossary["terms"].values() for w in (t.get("es") or {}).get("forbidden", [])}
    assert {"papeles", "fecha de corte", "terapeuta", "trabajador de casos"} <= forbidden_es
