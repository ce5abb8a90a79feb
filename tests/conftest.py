"""Shared test setup: telemetry off, keys and databases in temporary folders."""
from __future__ import annotations

import os

import pytest

os.environ["RASA_TELEMETRY_ENABLED"] = "false"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No unit test writes keys or databases outside a temporary folder."""
    base = tmp_path_factory.mktemp("kyr")
    monkeypatch.setenv("KYR_SECRETS_DIR", str(base / "secrets"))
    monkeypatch.setenv("KYR_DATA_DIR", str(base / "data"))
