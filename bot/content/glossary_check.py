"""Glossary check for the answers (issue #11), run by ``bot.content.content_check``.

Reads ``data/glossary.yml`` (next to the locale directory) and fails when an answer
- writes a forbidden variant of a term (Spanish "archivo" where we say "expediente"), in its title,
  short or full text; or
- uses an acronym or unclear word (ORR, ICE, "defensor de niños") in its short or full text without
  that same text also explaining it. Short (SMS) and full (web) are checked separately: a child reads
  only one of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from re import Pattern
from typing import Any

import yaml

from bot import settings
from bot.nlu.languages import fold

GLOSSARY_NAME = "glossary.yml"
Problem = tuple[str, str, str]  # (file, key, message), as bot.content.content_check.Report.add takes them
Answers = Mapping[str, Mapping[str, Mapping[str, Any]]]  # lang -> answer id -> field -> value


def glossary_path(locales_dir: Path) -> Path:
    """data/locales -> data/glossary.yml."""
    return Path(locales_dir).parent / GLOSSARY_NAME


def _word(text: str) -> str:
    """A whole-word pattern: no letter, digit or hyphen may touch either end."""
    return rf"(?<![\w-]){re.escape(text)}(?![\w-])"


def _form_pattern(form: str) -> tuple[Pattern[str], bool]:
    """(pattern, folded?): acronyms match as written, other words ignoring case and accents."""
    if form == form.upper():
        return re.compile(_word(form)), False
    return re.compile(_word(fold(form))), True


def load(path: Path) -> dict[str, Any]:
    loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(loaded, dict):
        raise ValueError(f"{path}: must be a mapping with 'terms' and 'glossed'")
    return loaded


def check_answers(
    glossary: Mapping[str, Any], answers: Answers, file_name: str = "answers.{lang}.yml"
) -> list[Problem]:
    """Every forbidden variant and every unexplained acronym in ``answers``."""
    problems: list[Problem] = []
    for lang, by_id in answers.items():
        fname = file_name.format(lang=lang)
        forbidden = [
            (fold(bad), spec.get("preferred"), term)
            for term, per_lang in (glossary.get("terms") or {}).items()
            for spec in [(per_lang or {}).get(lang) or {}]
            for bad in spec.get("forbidden") or []
        ]
        glossed = [
            (
                name,
                [_form_pattern(f) for f in (entry.get("forms") or {}).get(lang) or []],
                [fold(g) for g in (entry.get("gloss") or {}).get(lang) or []],
            )
            for name, entry in (glossary.get("glossed") or {}).items()
        ]
        for answer_id, fields in sorted(by_id.items()):
            for field in ("title", "short", "full"):
                text = fields.get(field)
                if not isinstance(text, str):
                    continue
                folded = fold(text)
                key = f"{lang}.{answer_id}.{field}"
                for bad, preferred, term in forbidden:
                    if re.search(_word(bad), folded):
                        problems.append(
                            (
                                fname,
                                key,
                                f"says '{bad}'; the glossary term '{term}' is written '{preferred}' in '{lang}' (data/glossary.yml)",
                            )
                        )
                if field == "title":
                    continue
                for name, forms, glosses in glossed:
                    used = any(p.search(folded if is_folded else text) for p, is_folded in forms)
                    if used and not any(g in folded for g in glosses):
                        problems.append(
                            (
                                fname,
                                key,
                                f"uses {name} without explaining it; add one of {glosses} to this {field} text (data/glossary.yml)",
                            )
                        )
    return problems


def check(locales_dir: Path, answers: Answers, *, required: bool | None = None) -> list[Problem]:
    """Glossary problems of ``answers`` read from ``locales_dir``.

    A fixture directory without a glossary next to it is not checked; the real one must have it
    (``required`` defaults to: ``locales_dir`` is the project's data/locales).
    """
    path = glossary_path(locales_dir)
    if required is None:
        required = Path(locales_dir).resolve() == (settings.PROJECT_ROOT / "data" / "locales").resolve()
    if not path.is_file():
        return [(str(path), "-", "glossary missing: the answers must follow data/glossary.yml")] if required else []
    try:
        glossary = load(path)
    except (yaml.YAMLError, ValueError) as exc:
        return [(str(path), "-", f"not a valid glossary: {exc}".replace("\n", " "))]
    return check_answers(glossary, answers)
