"""What the content check reports: each problem with its file and key, and the measurements table."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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
    metric: str  # label of bot.content.reading_level.METRICS ("FK" grade: lower is easier; "FH" ease: higher)
    level: float
    encoding: str
    units: int
    segments: int


@dataclass
class Report:
    directory: Path
    languages: tuple[str, ...] = ()  # the languages checked (bot.nlu.languages.SUPPORTED in a real run)
    problems: list[Problem] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # summary lines (sources, unverified directory entries)
    pending_review: list[tuple[str, str]] = field(default_factory=list)  # (lang, answer id) awaiting review

    def pending_summary(self) -> list[str]:
        """One line per language listing the answers whose translation awaits a fluent legal reviewer."""
        by_lang: dict[str, list[str]] = {}
        for lang, answer_id in self.pending_review:
            by_lang.setdefault(lang, []).append(answer_id)
        return [
            f"awaiting translation review ({lang}, {len(ids)}): {', '.join(sorted(ids))}"
            for lang, ids in sorted(by_lang.items())
        ]

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, file: str, key: str, message: str) -> None:
        self.problems.append(Problem(file, key, message))
