"""Operator settings read from the environment: defaults, fractions where a duration allows them, clear errors."""

from __future__ import annotations

import pytest

from bot import settings


def test_the_overdue_delay_defaults_to_an_hour_and_takes_fractions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KYR_HANDOFF_OVERDUE_MINUTES", raising=False)
    assert settings.handoff_overdue_minutes() == 60
    monkeypatch.setenv("KYR_HANDOFF_OVERDUE_MINUTES", "0.25")
    assert settings.handoff_overdue_minutes() == 0.25


def test_a_setting_that_is_not_a_number_names_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYR_HANDOFF_OVERDUE_MINUTES", "an hour")
    with pytest.raises(ValueError, match="KYR_HANDOFF_OVERDUE_MINUTES must be a number"):
        settings.handoff_overdue_minutes()
    monkeypatch.setenv("KYR_HANDOFF_RETRY_BASE_SECONDS", "")
    assert settings.handoff_retry_base_seconds() == 10
