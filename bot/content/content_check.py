"""Content check for ``data/locales`` (``make check-content`` / ``python -m bot.content.content_check``).

Reads the YAML files directly (not through bot.content) so it can check any directory and name the
exact FILE and KEY of every problem. It fails on: missing translations, missing, unknown or stale
sources and "as of" dates later than them (bot.content.source_check), missing or stale review dates, SMS
forms longer than 3 segments, placeholders left in text, unknown ``next`` IDs and answers above the
reading-level limit of their language (data/languages.yml). Answers marked ``translation_review:
pending`` are listed per language and counted in the summary. Limits are justified in docs/CONTENT.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bot import catalogue, settings
from bot.content import glossary_check, source_check
from bot.content.answer_check import SELF_DESCRIBED, Limits, check_answer
from bot.content.locale_files import load_dir, load_ids, strings
from bot.content.reading_level import DEFAULT_MAX_GRADE_EN, DEFAULT_MIN_FH_ES, PARAM
from bot.content.report import Report, Row
from bot.nlu.definitions import definition_answers
from bot.nlu.everyday_questions import everyday_answers
from bot.nlu.languages import SUPPORTED

DEFAULT_DIR = settings.PROJECT_ROOT / "data" / "locales"
DEFAULT_TOPICS_FILE = settings.PROJECT_ROOT / "data" / "topics.yml"
DEFAULT_SOURCES_FILE = settings.PROJECT_ROOT / "data" / "sources.yml"
DEFAULT_DIRECTORY_FILE = settings.PROJECT_ROOT / "data" / "legal_aid" / "directory.yml"

# Answer-like dialogue IDs that must have an answer in every language (topics.yml "dialogue").
DIALOGUE_ANSWERS: tuple[str, ...] = catalogue.dialogue_answers()
# Answers that give safety or legal information and so must cite sources (besides every topic), definitions too.
SOURCED_DIALOGUE: tuple[str, ...] = (
    "crisis",
    "feelings",
    "health_care",
    "pregnancy",
    "telling_after_danger",
    "danger_check_in",
    "sextortion",
    *sorted(definition_answers()),
    *sorted(everyday_answers()),
)
# Answers that describe this bot itself: their "source" is the running configuration, so instead of
# an external source they must quote the configured values through these placeholders.
REQUIRED_COMMON_KEYS = (
    "sources_label",
    "reviewed_label",
    "general_info_notice",
    "privacy_notice_first",
    "more_prompt",
    "more_none",
    "simpler_intro",
    "simpler_help",
    "simpler_sms",
    "simpler_none",
    "source_intro",
    "source_outro",
    "source_none",
    "personal_details_note",
    "personal_details_note_no_handoff",
    "personal_details_in_form",
    "button_menu",
    "button_more",
    "button_legal_help",
    "button_back",
    "choose_language_prompt",
    "language_set",
    "language_not_live",
    "offer_both",
)


_PLACEHOLDER_PATTERNS = [
    # Case-sensitive on purpose: Spanish "todo" ("all") is an ordinary word.
    (re.compile(r"\b(TODO|TBD|FIXME|XXX)\b"), "unfinished-work marker"),
    (re.compile(r"lorem\s+ipsum", re.IGNORECASE), "lorem ipsum filler"),
    (re.compile(r"\{\{|\}\}"), "template marker '{{ }}'"),
    (re.compile(r"\[\[|\]\]"), "template marker '[[ ]]'"),
    (re.compile(r"<[^<>\n]{1,60}>"), "'<...>' marker"),
]
_BROKEN_PARAM = re.compile(r"%\{(?!\w+\})|%\((\w+)\)s|(?<![%\w])\{(\w+)\}")


# --- the check -----------------------------------------------------------------------------------


def _check_translations(data: Mapping[tuple[str, str], dict[str, Any]], report: Report) -> None:
    for area in sorted({a for a, _ in data}):
        present = {lang: data[(area, lang)] for lang in report.languages if (area, lang) in data}
        for lang in report.languages:
            if lang not in present:
                other = next(iter(present))
                report.add(
                    f"{area}.{lang}.yml",
                    "-",
                    f"file missing: {area}.{other}.yml exists; add {area}.{lang}.yml with root key '{lang}:' and every key translated",
                )
        for lang, keys in present.items():
            for other, other_keys in present.items():
                for key in sorted(set(other_keys) - set(keys)):
                    if key.endswith(".translation_review"):  # only translations carry it
                        continue
                    report.add(
                        f"{area}.{lang}.yml",
                        f"{lang}.{key}",
                        f"missing translation: present in {area}.{other}.yml; add the '{lang}' text",
                    )


def _check_text(data: Mapping[tuple[str, str], dict[str, Any]], allowed_params: set[str], report: Report) -> None:
    """Placeholders left in any text, and %{name} differences between languages."""
    for (area, lang), keys in sorted(data.items()):
        fname = f"{area}.{lang}.yml"
        for key, value in keys.items():
            if value is None or (isinstance(value, str) and not value.strip()):
                report.add(fname, f"{lang}.{key}", "empty text; write it or remove the key in every language")
                continue
            for where, text in strings(value, key):
                for pattern, what in _PLACEHOLDER_PATTERNS:
                    m = pattern.search(text)
                    if m:
                        report.add(
                            fname,
                            f"{lang}.{where}",
                            f"placeholder left ({what}: {m.group(0)!r}); replace it with final text",
                        )
                for m in _BROKEN_PARAM.finditer(text):
                    report.add(
                        fname,
                        f"{lang}.{where}",
                        f"malformed placeholder {m.group(0)!r}; parameters are written %{{name}}",
                    )
                if area == "answers":
                    for name in PARAM.findall(text):
                        if name not in allowed_params:
                            report.add(
                                fname,
                                f"{lang}.{where}",
                                f"unknown placeholder %{{{name}}}; answers may only use {sorted(allowed_params)} (bot.content.dynamic_params)",
                            )
    for area in sorted({a for a, _ in data}):
        langs = [lang for lang in report.languages if (area, lang) in data]
        for key in sorted(set().union(*(data[(area, lang)].keys() for lang in langs))):
            sets = {
                lang: set(PARAM.findall(" ".join(t for _, t in strings(data[(area, lang)].get(key), key))))
                for lang in langs
                if key in data[(area, lang)]
            }
            if len({frozenset(s) for s in sets.values()}) > 1:
                for lang, names in sets.items():
                    report.add(
                        f"{area}.{lang}.yml",
                        f"{lang}.{key}",
                        f"placeholders differ between languages: {lang} has {sorted(names)}, "
                        + ", ".join(f"{o} has {sorted(s)}" for o, s in sets.items() if o != lang)
                        + "; use the same %{name} set in every language",
                    )


def _answers(keys: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for key, value in keys.items():
        answer_id, _, rest = key.partition(".")
        out.setdefault(answer_id, {})[rest] = value
    return out


def check(  # shape: every limit can be set from the command line and by tests
    directory: Path = DEFAULT_DIR,
    *,
    topics_file: Path | None = None,
    max_age_days: int | None = None,
    max_grade_en: float = DEFAULT_MAX_GRADE_EN,
    min_fh_es: float = DEFAULT_MIN_FH_ES,
    required_dialogue: Sequence[str] = DIALOGUE_ANSWERS,
    today: dt.date | None = None,
    sources_file: Path = DEFAULT_SOURCES_FILE,
    directory_file: Path | None = DEFAULT_DIRECTORY_FILE,
    languages: Sequence[str] | None = None,
) -> Report:
    """Check every content file in ``directory``; the Report lists each problem with file and key.

    ``directory_file=None`` skips the legal-aid directory (fixtures without one); ``languages``
    defaults to every supported language (data/languages.yml), live or not.
    """
    from bot.content import dynamic_params  # the values answers may quote

    directory = Path(directory)
    topics_file = Path(topics_file or os.environ.get("KYR_TOPICS_FILE") or DEFAULT_TOPICS_FILE)
    max_age = settings.content_max_age_days() if max_age_days is None else max_age_days
    params = dynamic_params()
    report = Report(directory, languages=tuple(languages or SUPPORTED))

    data = load_dir(directory, report)
    topics, dialogue_ids = load_ids(topics_file, report)
    _check_translations(data, report)
    _check_text(data, set(params), report)
    _check_common(data, report)
    answers_by_lang = {lang: _answers(data.get(("answers", lang), {})) for lang in report.languages}
    all_answer_ids = set().union(*(set(a) for a in answers_by_lang.values()))
    limits = Limits(
        known_ids=frozenset(all_answer_ids | dialogue_ids | set(required_dialogue)),
        topics=frozenset(topics),
        today=today or dt.date.today(),
        max_age_days=max_age,
        max_grade_en=max_grade_en,
        min_fh_es=min_fh_es,
        params=params,
    )
    required = list(topics) + [d for d in required_dialogue if d not in topics]
    _check_answers(answers_by_lang, required, limits, report)
    must_cite = [a for a in all_answer_ids if (a in topics or a in SOURCED_DIALOGUE) and a not in SELF_DESCRIBED]
    report.notes += source_check.check_all(
        sources_file=Path(sources_file),
        answers_by_lang=answers_by_lang,
        directory_file=Path(directory_file) if directory_file else None,
        must_cite=must_cite,
        today=limits.today,
        max_age_days=max_age,
        report=report,
    )
    for problem in glossary_check.check(directory, answers_by_lang):  # data/glossary.yml: terms, acronyms
        report.add(*problem)
    return report


def _check_common(data: Mapping[tuple[str, str], dict[str, Any]], report: Report) -> None:
    # Missing common.<lang>.yml files are reported by _check_translations when another language has one.
    if not any(area == "common" for area, _ in data):
        report.add(
            "common.<lang>.yml",
            "-",
            "file missing: interaction strings (sources_label, ...) are needed in every language",
        )
    for lang in report.languages:
        common = data.get(("common", lang))
        if common is None:
            continue
        for key in REQUIRED_COMMON_KEYS:
            if key not in common:
                report.add(
                    f"common.{lang}.yml", f"{lang}.{key}", "missing interaction string used by the NLG/actions; add it"
                )


def _check_answers(
    answers_by_lang: Mapping[str, dict[str, dict[str, Any]]], required: Sequence[str], limits: Limits, report: Report
) -> None:
    for lang in report.languages:
        answers = answers_by_lang[lang]
        for answer_id in required:
            if answer_id not in answers:
                report.add(
                    f"answers.{lang}.yml",
                    f"{lang}.{answer_id}",
                    "missing answer: every topic in topics.yml and each dialogue answer needs one in every language",
                )
        for answer_id, fields in sorted(answers.items()):
            check_answer(answer_id, lang, fields, limits, report)


# --- output --------------------------------------------------------------------------------------


def format_table(report: Report) -> str:
    """One line per answer: reading level and SMS size of the short form in each language."""
    by_id: dict[str, dict[str, Row]] = {}
    for row in report.rows:
        by_id.setdefault(row.answer_id, {})[row.lang] = row
    header = f"{'answer':<20}" + "".join(f" | {lang} level  {lang} short (enc units seg)" for lang in report.languages)
    lines = [header, "-" * len(header)]
    for answer_id in sorted(by_id):
        cells = []
        for lang in report.languages:
            r = by_id[answer_id].get(lang)
            cells.append(
                f" | {r.metric} {r.level:>5.1f}  {r.encoding:<5} {r.units:>4} {r.segments}" + " " * 12
                if r
                else " | -" + " " * 33
            )
        lines.append(f"{answer_id:<20}" + "".join(cells).rstrip())
    for lang in report.languages:
        longest = sorted((r for r in report.rows if r.lang == lang), key=lambda r: -r.units)[:3]
        if longest:
            lines.append(
                f"longest short forms ({lang}): "
                + ", ".join(f"{r.answer_id} {r.units} {r.encoding} units = {r.segments} seg" for r in longest)
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.content.content_check", description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="content directory (default data/locales)")
    parser.add_argument(
        "--topics", type=Path, default=None, help="topics.yml (default data/topics.yml or $KYR_TOPICS_FILE)"
    )
    parser.add_argument(
        "--max-age-days",
        type=int,
        default=None,
        help="oldest allowed last_reviewed / last_checked / last_verified (default $KYR_CONTENT_MAX_AGE_DAYS or 180)",
    )
    parser.add_argument(
        "--sources", type=Path, default=DEFAULT_SOURCES_FILE, help="source list (default data/sources.yml)"
    )
    parser.add_argument(
        "--max-grade-en",
        type=float,
        default=DEFAULT_MAX_GRADE_EN,
        help="highest Flesch-Kincaid grade for English answers",
    )
    parser.add_argument(
        "--min-fh-es", type=float, default=DEFAULT_MIN_FH_ES, help="lowest Fernandez-Huerta ease for Spanish answers"
    )
    args = parser.parse_args(argv)
    report = check(
        args.dir,
        topics_file=args.topics,
        max_age_days=args.max_age_days,
        max_grade_en=args.max_grade_en,
        min_fh_es=args.min_fh_es,
        sources_file=args.sources,
    )
    if report.rows:
        print(format_table(report))
    for note in report.notes + report.pending_summary():
        print(note)
    pending = f"; {len(report.pending_review)} translation(s) awaiting review" if report.pending_review else ""
    if report.problems:
        for problem in report.problems:
            print(f"CONTENT ERROR {problem}", file=sys.stderr)
        print(
            f"content check FAILED: {len(report.problems)} problem(s) in {report.directory}{pending}", file=sys.stderr
        )
        return 1
    ids = {r.answer_id for r in report.rows}
    print(
        f"content check passed: {len(ids)} answers x {len(report.languages)} languages in {report.directory}{pending}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
