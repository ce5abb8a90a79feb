import os
import stat

import pytest

from bot.privacy import secrets
from bot.privacy.pseudonym import sender_id_for_phone


def test_sender_id_is_stable_keyed_and_hides_the_number(monkeypatch):
    monkeypatch.setenv("KYR_SENDER_HASH_KEY", "key-one")
    first = sender_id_for_phone("+1 (555) 555-0101")
    assert first == sender_id_for_phone("+15555550101")
    assert "5550101" not in first and first.startswith("sms-")
    assert first != sender_id_for_phone("+15555550102")
    monkeypatch.setenv("KYR_SENDER_HASH_KEY", "key-two")
    assert sender_id_for_phone("+15555550101") != first


def test_dev_secret_is_created_once_with_owner_only_permissions(tmp_path, monkeypatch):
    monkeypatch.setenv("KYR_SECRETS_DIR", str(tmp_path / "keys"))
    monkeypatch.delenv("KYR_SOME_KEY", raising=False)
    monkeypatch.delenv("KYR_ENV", raising=False)
    value = secrets.get_secret("some_key")
    assert value == secrets.get_secret("some_key")
    mode = stat.S_IMODE(os.stat(tmp_path / "keys" / "some_key").st_mode)
    assert mode == 0o600


def test_environment_wins_and_production_never_generates(monkeypatch, tmp_path):
    monkeypatch.setenv("KYR_SECRETS_DIR", str(tmp_path))
    monkeypatch.setenv("KYR_OTHER_KEY", "from-env")
    assert secrets.get_secret("other_key") == "from-env"
    monkeypatch.delenv("KYR_OTHER_KEY")
    monkeypatch.setenv("KYR_ENV", "production")
    with pytest.raises(secrets.MissingSecret, match="KYR_OTHER_KEY"):
        secrets.get_secret("other_key")
