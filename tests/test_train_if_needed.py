"""scripts/train_if_needed.py checks the data beside the training: errors still stop it.

Stand-ins for `rasa` and for `python -m bot.server.rasa_server` (shell scripts) play both commands,
so these run in a second.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from scripts import train_if_needed

FAKE_RASA = """#!/bin/sh
[ "$1" = "-m" ] && shift 2  # python -m bot.server.rasa_server ...
echo "$@ cache=$RASA_MAX_CACHE_SIZE" >> "$(dirname "$0")/calls"
case "$1" in
  data) [ -n "$VALIDATE_FAILS" ] && { echo "domain.yml: bad intent"; exit 1; }; exit 0 ;;
  train) sleep "${TRAIN_SLEEPS:-0}"; [ -n "$TRAIN_FAILS" ] && exit 3
         while [ "$1" != "--fixed-model-name" ]; do shift; done; name=$2
         while [ "$1" != "--out" ]; do shift; done; touch "$2/$name.tar.gz"; exit 0 ;;
esac
"""


@pytest.fixture()
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    for name in ("rasa", "python"):
        stand_in = tmp_path / ".venv" / "bin" / name
        stand_in.write_text(FAKE_RASA)
        stand_in.chmod(0o755)
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "kyr-old.tar.gz").write_text("old model")
    monkeypatch.setattr(train_if_needed, "ROOT", tmp_path)
    monkeypatch.setattr(train_if_needed, "model_path", lambda: tmp_path / "models" / "kyr-new.tar.gz")
    for name in ("VALIDATE_FAILS", "TRAIN_FAILS", "TRAIN_SLEEPS"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_trains_without_rasa_s_own_validation_and_validates_beside_it(root: Path) -> None:
    assert train_if_needed.main() == 0
    calls = (root / ".venv" / "bin" / "calls").read_text().splitlines()
    assert any(c.startswith("data validate") for c in calls)
    # Through the bot's entry point (its speedups), without Rasa's cache and the run that reads it.
    assert any(c.startswith("train --skip-validation --force") and c.endswith("cache=0") for c in calls)
    assert (root / "models" / "kyr-new.tar.gz").exists()
    assert float((root / "models" / "kyr-new.tar.seconds").read_text()) >= 0
    assert not (root / "models" / "kyr-old.tar.gz").exists()


def test_a_validation_error_stops_the_training_and_is_shown(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VALIDATE_FAILS", "1")
    monkeypatch.setenv("TRAIN_SLEEPS", "30")
    started = time.monotonic()
    assert train_if_needed.main() == 1
    assert time.monotonic() - started < 20, "the training went on after the validation failed"
    err = capsys.readouterr().err
    assert "domain.yml: bad intent" in err and "fix them" in err
    assert not (root / "models" / "kyr-new.tar.gz").exists()
    assert (root / "models" / "kyr-old.tar.gz").exists(), "a failed run must not delete the last model"


def test_a_failed_training_is_reported(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TRAIN_FAILS", "1")
    assert train_if_needed.main() == 3
    assert "training failed" in capsys.readouterr().err
    assert (root / "models" / "kyr-old.tar.gz").exists()
