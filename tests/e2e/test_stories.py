"""Conversation paths (test stories with user text, en and es) through Rasa's own test runner."""

from __future__ import annotations

import subprocess
from pathlib import Path

from scripts import train_if_needed

ROOT = Path(__file__).resolve().parents[2]


def test_conversation_stories_pass(tmp_path):
    result = subprocess.run(
        [
            str(ROOT / ".venv/bin/rasa"),
            "test",
            "core",
            "--model",
            str(train_if_needed.model_path()),
            "--stories",
            str(ROOT / "tests/data/stories"),
            "--out",
            str(tmp_path),
            "--fail-on-prediction-errors",
            "--no-plot",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={"RASA_TELEMETRY_ENABLED": "false", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}\n{details}"
