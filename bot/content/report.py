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
