"""Reading the content files for the check: every locale file as flat keys, and the topic ids.

Reads the YAML directly (not through bot.content) so the check can read any directory and name the
exact file and key of each problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from bot.content.report import Report
from bot.nlu.languages import SUPPORTED


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Dotted keys to leaf values; lists (next, sources) are leaves."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    return {prefix: value}


def strings(value: Any, key: str) -> Iterable[tuple[str, str]]:
    """Every (key, text) inside a leaf value, including titles inside lists of sources."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from strings(item, f"{key}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(v, f"{key}.{k}")


def load_dir(directory: Path, report: Report) -> dict[tuple[str, str], dict[str, Any]]:
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
        data[(area, lang)] = flatten(body)
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


def load_ids(topics_file: Path, report: Report) -> tuple[list[str], set[str]]:
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
