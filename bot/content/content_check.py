"""Content check for ``data/locales`` (``make check-content`` / ``python -m bot.content.content_check``).

Reads the YAML files directly (not through bot.content) so it can check any directory and name the
exact FILE and KEY of every problem. It fails on: missing translations, missing, unknown or stale
sources and "as of" dates later than them (bot.content.source_check), missing or stale review dates, SMS
forms longer than 3 segments, placeholders left in text, unknown ``next`` IDs and answers above the
reading-level limits. Limits are justified in docs/CONTENT.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot import catalogue, settings
from bot.channels.sms import measure
from bot.content import glossary_check, source_check
from bot.content.sources import as_date as _parse_date
from bot.nlu.languages import SUPPORTED

DEFAULT_DIR = settings.PROJECT_ROOT / "data" / "locales"
DEFAULT_TOPICS_FILE = settings.PROJECT_ROOT / "data" / "topics.yml"
DEFAULT_SOURCES_FILE = settings.PROJECT_ROOT / "data" / "sources.yml"
DEFAULT_DIRECTORY_FILE = settings.PROJECT_ROOT / "data" / "legal_aid" / "directory.yml"

# Answer-like dialogue IDs that must have an answer in every language (topics.yml "dialogue").
DIALOGUE_ANSWERS: tuple[str, ...] = catalogue.dialogue_answers()
# Answers that give safety or legal information and so must cite sources (besides every topic).
SOURCED_DIALOGUE: tuple[str, ...] = ("crisis",)
# Answers that describe this bot itself: their "source" is the running configuration, so instead of
# an external source they must quote the configured values through these placeholders.
SELF_DESCRIBED: dict[str, tuple[str, ...]] = {"bot_privacy": ("retention_hours", "handoff_retention_days")}
ANSWER_FIELDS = ("title", "short", "full", "next", "sources", "last_reviewed")
REQUIRED_COMMON_KEYS = (
    "sources_label",
    "reviewed_label",
    "general_info_notice",
    "privacy_notice_first",
    "more_prompt",
    "more_none",
    "button_menu",
    "button_more",
    "button_legal_help",
    "button_back",
    "choose_language_prompt",
    "language_set",
    "offer_both",
)

MAX_TITLE_CHARS = 30  # fits one button / menu line on a phone
MAX_SMS_SEGMENTS = 3  # docs/CONTRACTS.md section 2
MAX_NEXT = 3
FULL_PARAGRAPHS = (3, 6)  # topic answers on the web: short enough to read, long enough to explain
DEFAULT_MAX_GRADE_EN = 7.0  # Flesch-Kincaid grade: a 12-year-old (US grades 6-7)
DEFAULT_MIN_FH_ES = 70.0  # Fernandez-Huerta: 70-80 is "bastante facil" (6th grade)

_PLACEHOLDER_PATTERNS = [
    # Case-sensitive on purpose: Spanish "todo" ("all") is an ordinary word.
    (re.compile(r"\b(TODO|TBD|FIXME|XXX)\b"), "unfinished-work marker"),
    (re.compile(r"lorem\s+ipsum", re.IGNORECASE), "lorem ipsum filler"),
    (re.compile(r"\{\{|\}\}"), "template marker '{{ }}'"),
    (re.compile(r"\[\[|\]\]"), "template marker '[[ ]]'"),
    (re.compile(r"<[^<>\n]{1,60}>"), "'<...>' marker"),
]
_PARAM = re.compile(r"%\{(\w+)\}")
_BROKEN_PARAM = re.compile(r"%\{(?!\w+\})|%\((\w+)\)s|(?<![%\w])\{(\w+)\}")
_URL = re.compile(r"https?://\S+|\bwww\.\S+|\b[\w-]+(?:\.[\w-]+)+/\S*")


@dataclass(frozen=True)
class Problem:
    file: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.message}"


@dataclass(frozen=True)
class Row:
    """Measurements of one answer in one language, for the summary table."""

    answer_id: str
    lang: str
    metric: str  # "FK" (grade, lower is easier) or "FH" (ease, higher is easier)
    level: float
    encoding: str
    units: int
    segments: int


@dataclass
class Report:
    directory: Path
    problems: list[Problem] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # summary lines (sources, unverified directory entries)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, file: str, key: str, message: str) -> None:
        self.problems.append(Problem(file, key, message))


# --- reading level -------------------------------------------------------------------------------


def _plain(text: str, params: Mapping[str, Any]) -> str:
    """Text as a reader sees it: placeholders filled, URLs removed (they are not words)."""
    text = _PARAM.sub(lambda m: str(params.get(m.group(1), m.group(1))), text)
    return _URL.sub(" ", text)


def flesch_kincaid_grade(text: str) -> float:
    """Flesch-Kincaid grade with textstat's word/sentence counts and pyphen syllables.

    textstat 0.7.13 looks English words up in NLTK's cmudict, which it downloads on first use; that
    fails offline and would make results differ between machines. Pyphen is textstat's own fallback
    for words missing from cmudict, so using it for every word keeps the check offline and repeatable.
    """
    import pyphen
    import textstat

    textstat.set_lang("en")
    words = re.findall(r"[A-Za-z0-9']+", text)
    sentences = max(1, textstat.sentence_count(text))
    if not words:
        return 0.0
    dic = pyphen.Pyphen(lang="en_US")
    syllables = sum(len(dic.positions(w.lower())) + 1 for w in words)
    return round(0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59, 1)


def fernandez_huerta(text: str) -> float:
    """Fernandez-Huerta reading ease (Spanish) from textstat (pyphen syllables, no download)."""
    import textstat

    textstat.set_lang("es")
    try:
        return round(float(textstat.fernandez_huerta(text)), 1)
    finally:
        textstat.set_lang("en")


# --- loading -------------------------------------------------------------------------------------


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Dotted keys to leaf values; lists (next, sources) are leaves."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    return {prefix: value}


def _strings(value: Any, key: str) -> Iterable[tuple[str, str]]:
    """Every (key, text) inside a leaf value, including titles inside lists of sources."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{key}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{key}.{k}")


def _load_dir(directory: Path, report: Report) -> dict[tuple[str, str], dict[str, Any]]:
    """(area, lang) -> flattened keys (without the language root)."""
    data: dict[tuple[str, str], dict[str, Any]] = {}
    if not directory.is_dir():
        report.add(str(directory), "-", "content directory not found; pass --dir or create data/locales")
        return data
    for path in sorted(directory.glob("*.y*ml")):
        parts = path.name.split(".")
        if len(parts) != 3:
            report.add(path.name, "-", "file name must be <area>.<lang>.yml (e.g. answers.es.yml)")
            continue
        area, lang = parts[0], parts[1]
        if lang not in SUPPORTED:
            report.add(
                path.name,
                "-",
                f"language '{lang}' is not in bot.nlu.languages.SUPPORTED {SUPPORTED}; add it there first or rename the file",
            )
            continue
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            report.add(path.name, "-", f"not valid YAML: {exc}".replace("\n", " "))
            continue
        if not isinstance(loaded, dict) or set(loaded) != {lang}:
            report.add(path.name, "-", f"the only root key must be the language code '{lang}:'")
            continue
        body = loaded[lang] or {}
        if not isinstance(body, dict):
            report.add(path.name, lang, "must contain keys, not a single value")
            continue
        data[(area, lang)] = _flatten(body)
    return data


def _section_keys(text: str) -> dict[str, list[str]]:
    """Top-level section -> its direct (2-space indented) keys, read line by line.

    Fallback for a catalogue that is not strict YAML (the shared topics.yml has an unquoted
    "...: ..." inside a dialogue description); the IDs are all we need from it.
    """
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.splitlines():
        top = re.match(r"^([A-Za-z_]\w*):", line)
        if top:
            current = top.group(1)
            sections[current] = []
            continue
        sub = re.match(r"^  ([A-Za-z_]\w*):", line)
        if sub and current:
            sections[current].append(sub.group(1))
    return sections


def _load_ids(topics_file: Path, report: Report) -> tuple[list[str], set[str]]:
    """Topic IDs and dialogue IDs from topics.yml."""
    try:
        text = topics_file.read_text(encoding="utf-8")
    except OSError as exc:
        report.add(
            str(topics_file), "-", f"cannot read the topic catalogue ({exc}); pass --topics FILE or set KYR_TOPICS_FILE"
        )
        return [], set()
    try:
        spec = yaml.safe_load(text) or {}
        if not isinstance(spec, dict):
            raise yaml.YAMLError("not a mapping")
    except yaml.YAMLError:
        spec = {name: dict.fromkeys(keys) for name, keys in _section_keys(text).items()}
    topics = list((spec.get("topics") or {}).keys())
    if not topics:
        report.add(str(topics_file), "topics", "no topic IDs found under 'topics:'")
    return topics, set((spec.get("dialogue") or {}).keys())


# --- the check -----------------------------------------------------------------------------------


def _check_translations(data: Mapping[tuple[str, str], dict[str, Any]], report: Report) -> None:
    for area in sorted({a for a, _ in data}):
        present = {lang: data[(area, lang)] for lang in SUPPORTED if (area, lang) in data}
        for lang in SUPPORTED:
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
            for where, text in _strings(value, key):
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
                    for name in _PARAM.findall(text):
                        if name not in allowed_params:
                            report.add(
                                fname,
                                f"{lang}.{where}",
                                f"unknown placeholder %{{{name}}}; answers may only use {sorted(allowed_params)} (bot.content.dynamic_params)",
                            )
    for area in sorted({a for a, _ in data}):
        langs = [lang for lang in SUPPORTED if (area, lang) in data]
        for key in sorted(set().union(*(data[(area, lang)].keys() for lang in langs))):
            sets = {
                lang: set(_PARAM.findall(" ".join(t for _, t in _strings(data[(area, lang)].get(key), key))))
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


def _check_answer(
    answer_id: str,
    lang: str,
    fields: Mapping[str, Any],
    *,
    known_ids: set[str],
    today: dt.date,
    max_age_days: int,
    max_grade_en: float,
    min_fh_es: float,
    params: Mapping[str, Any],
    is_topic: bool,
    report: Report,
) -> None:
    fname, base = f"answers.{lang}.yml", f"{lang}.{answer_id}"
    for name in ANSWER_FIELDS:
        if name not in fields:
            report.add(
                fname, f"{base}.{name}", f"missing field '{name}' (every answer needs {', '.join(ANSWER_FIELDS)})"
            )
    title, short, full = fields.get("title"), fields.get("short"), fields.get("full")
    if isinstance(title, str) and len(title) > MAX_TITLE_CHARS:
        report.add(
            fname,
            f"{base}.title",
            f"title is {len(title)} characters; shorten to {MAX_TITLE_CHARS} or fewer (it is a button label)",
        )
    size = None
    if isinstance(short, str):
        size = measure(_PARAM.sub(lambda m: str(params.get(m.group(1), "")), short.strip()))
        if size.segments > MAX_SMS_SEGMENTS:
            report.add(
                fname,
                f"{base}.short",
                f"short form is {size.segments} SMS segments ({size.encoding}, {size.units} units); cut it to {MAX_SMS_SEGMENTS} segments or fewer",
            )
    if is_topic and isinstance(full, str):
        paragraphs = [p for p in re.split(r"\n\s*\n", full.strip()) if p.strip()]
        low, high = FULL_PARAGRAPHS
        if not low <= len(paragraphs) <= high:
            report.add(
                fname,
                f"{base}.full",
                f"full form has {len(paragraphs)} paragraphs; write {low}-{high} short paragraphs separated by a blank line",
            )

    nxt = fields.get("next")
    if "next" in fields:
        if not isinstance(nxt, list) or not all(isinstance(x, str) for x in nxt):
            report.add(fname, f"{base}.next", "must be a list of answer IDs, e.g. [right_to_lawyer, find_legal_aid]")
        else:
            if len(nxt) > MAX_NEXT:
                report.add(fname, f"{base}.next", f"{len(nxt)} IDs; offer at most {MAX_NEXT}")
            for item in nxt:
                if item not in known_ids:
                    report.add(
                        fname, f"{base}.next", f"unknown ID '{item}'; use an answer ID or a dialogue ID from topics.yml"
                    )
                elif item == answer_id:
                    report.add(fname, f"{base}.next", "offers itself; pick other IDs")

    for param in SELF_DESCRIBED.get(answer_id, ()):
        text = f"{short or ''} {full or ''}"
        if f"%{{{param}}}" not in text:
            report.add(
                fname,
                f"{base}.full",
                f"must quote the configured value with %{{{param}}} (this answer's source is the running configuration)",
            )

    if "last_reviewed" in fields:
        reviewed = _parse_date(fields.get("last_reviewed"))
        if reviewed is None:
            report.add(
                fname, f"{base}.last_reviewed", f'unparseable date {fields.get("last_reviewed")!r}; write "YYYY-MM-DD"'
            )
        elif reviewed > today:
            report.add(
                fname, f"{base}.last_reviewed", f"{reviewed} is in the future; write the day a reviewer checked it"
            )
        elif (today - reviewed).days > max_age_days:
            report.add(
                fname,
                f"{base}.last_reviewed",
                f"stale: reviewed {reviewed}, {(today - reviewed).days} days ago (limit {max_age_days}); have it re-checked against its sources (data/sources.yml) and update the date",
            )

    if isinstance(short, str) and isinstance(full, str):
        text = _plain(f"{short}\n{full}", params)
        if lang == "es":
            level, metric = fernandez_huerta(text), "FH"
            if level < min_fh_es:
                report.add(
                    fname,
                    base,
                    f"reading level too hard: Fernandez-Huerta {level} < {min_fh_es}; use shorter sentences and shorter words",
                )
        else:
            level, metric = flesch_kincaid_grade(text), "FK"
            if lang == "en" and level > max_grade_en:
                report.add(
                    fname,
                    base,
                    f"reading level too high: Flesch-Kincaid grade {level} > {max_grade_en}; use shorter sentences and shorter words",
                )
        if size is not None:
            report.rows.append(Row(answer_id, lang, metric, level, size.encoding, size.units, size.segments))


def check(
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
) -> Report:
    """Check every content file in ``directory``; the Report lists each problem with file and key.

    ``directory_file=None`` skips the legal-aid directory (fixtures without one).
    """
    from bot.content import dynamic_params  # the values answers may quote

    directory = Path(directory)
    topics_file = Path(topics_file or os.environ.get("KYR_TOPICS_FILE") or DEFAULT_TOPICS_FILE)
    max_age = settings.content_max_age_days() if max_age_days is None else max_age_days
    today = today or dt.date.today()
    params = dynamic_params()
    report = Report(directory)

    data = _load_dir(directory, report)
    topics, dialogue_ids = _load_ids(topics_file, report)
    _check_translations(data, report)
    _check_text(data, set(params), report)

    # Missing common.<lang>.yml files are reported by _check_translations when another language has one.
    if not any(area == "common" for area, _ in data):
        report.add(
            "common.<lang>.yml",
            "-",
            "file missing: interaction strings (sources_label, ...) are needed in every language",
        )
    for lang in SUPPORTED:
        common = data.get(("common", lang))
        if common is None:
            continue
        for key in REQUIRED_COMMON_KEYS:
            if key not in common:
                report.add(
                    f"common.{lang}.yml", f"{lang}.{key}", "missing interaction string used by the NLG/actions; add it"
                )

    answers_by_lang = {lang: _answers(data.get(("answers", lang), {})) for lang in SUPPORTED}
    all_answer_ids = set().union(*(set(a) for a in answers_by_lang.values()))
    known = all_answer_ids | dialogue_ids | set(required_dialogue)
    required = list(topics) + [d for d in required_dialogue if d not in topics]
    for lang in SUPPORTED:
        answers = answers_by_lang[lang]
        for answer_id in required:
            if answer_id not in answers:
                report.add(
                    f"answers.{lang}.yml",
                    f"{lang}.{answer_id}",
                    "missing answer: every topic in topics.yml and each dialogue answer needs one in every language",
                )
        for answer_id, fields in sorted(answers.items()):
            _check_answer(
                answer_id,
                lang,
                fields,
                known_ids=known,
                today=today,
                max_age_days=max_age,
                max_grade_en=max_grade_en,
                min_fh_es=min_fh_es,
                params=params,
                is_topic=answer_id in topics,
                report=report,
            )
    must_cite = [a for a in all_answer_ids if (a in topics or a in SOURCED_DIALOGUE) and a not in SELF_DESCRIBED]
    report.notes += source_check.check_all(
        sources_file=Path(sources_file),
        answers_by_lang=answers_by_lang,
        directory_file=Path(directory_file) if directory_file else None,
        must_cite=must_cite,
        today=today,
        max_age_days=max_age,
        report=report,
    )
    for problem in glossary_check.check(directory, answers_by_lang):  # data/glossary.yml: terms, acronyms
        report.add(*problem)
    return report


# --- output --------------------------------------------------------------------------------------


def format_table(report: Report) -> str:
    """One line per answer: reading level and SMS size of the short form in each language."""
    by_id: dict[str, dict[str, Row]] = {}
    for row in report.rows:
        by_id.setdefault(row.answer_id, {})[row.lang] = row
    header = f"{'answer':<20}" + "".join(f" | {lang} level  {lang} short (enc units seg)" for lang in SUPPORTED)
    lines = [header, "-" * len(header)]
    for answer_id in sorted(by_id):
        cells = []
        for lang in SUPPORTED:
            r = by_id[answer_id].get(lang)
            cells.append(
                f" | {r.metric} {r.level:>5.1f}  {r.encoding:<5} {r.units:>4} {r.segments}" + " " * 12
                if r
                else " | -" + " " * 33
            )
        lines.append(f"{answer_id:<20}" + "".join(cells).rstrip())
    for lang in SUPPORTED:
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
    for note in report.notes:
        print(note)
    if report.problems:
        for problem in report.problems:
            print(f"CONTENT ERROR {problem}", file=sys.stderr)
        print(f"content check FAILED: {len(report.problems)} problem(s) in {report.directory}", file=sys.stderr)
        return 1
    ids = {r.answer_id for r in report.rows}
    print(f"content check passed: {len(ids)} answers x {len(SUPPORTED)} languages in {report.directory}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
