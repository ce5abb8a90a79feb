"""Shared test setup: telemetry off, keys and databases in temporary folders."""
from __future__ import annotations

import os

import pytest
from hypothesis import settings

# Tests assert behaviour, not speed: Hypothesis' per-example deadline (200 ms) fails at random on a
# busy 2-core machine. Speed is measured by the benchmarks (make bench).
settings.register_profile("kyr", deadline=None)
settings.load_profile("kyr")

os.environ["RASA_TELEMETRY_ENABLED"] = "false"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No unit test writes keys or databases outside a temporary folder."""
    base = tmp_path_factory.mktemp("kyr")
    monkeypatch.setenv("KYR_SECRETS_DIR", str(base / "secrets"))
    monkeypatch.setenv("KYR_DATA_DIR", str(base / "data"))
