from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.legal_aid.directory import DirectoryError, get_directory, load_directory

GOOD = """
version: 1
entries:
  - id: fake_org
    name: Fake Org
    kind: legal_services
    serves: [youth_in_custody]
    where: [TX]
    contacts:
      - {type: phone, value: "1-555-555-0101"}
      - {type: phone, value: "1-555-555-0102", show_to_users: false}
    handoff:
      webhook: {url: "https://intake.example.org/kyr", secret_env: FAKE_ORG_SECRET}
    source: fixture
    last_verified: 2026-01-01
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "directory.yml"
    path.write_text(text)
    return path


def test_seeded_directory_is_valid_and_accepts_no_handoffs():
    directory = load_directory()
    ids = {o.id for o in directory}
    assert {
        "kind",
        "young_center",
        "nijc",
        "florence_project",
        "probar",
        "raices",
        "clinic",
        "acacia",
        "orr_national_call_center",
    } <= ids
    for org in directory:
        assert org.source and isinstance(org.last_verified, dt.date)
        assert not org.accepts_handoffs, f"{org.id}: real organizations get no handoff channel until confirmed"


def test_seeded_unverified_contacts_are_hidden():
    directory = load_directory()
    shown = {c.value for o in directory for c in o.user_contacts()}
    assert "1-800-203-7001" in shown  # ORR National Call Center, confirmed by ACF
    assert "information@ORRNCC.com" not in shown and "press@acaciajustice.org" not in shown
    assert not any("312" in v and "833" in v for v in shown)  # NIJC media line is not a client line


def test_good_entry_and_hidden_contact(tmp_path):
    org = load_directory(_write(tmp_path, GOOD)).get("fake_org")
    assert org.accepts_handoffs and org.handoff.channels == ["webhook"]
    assert [c.value for c in org.user_contacts()] == ["1-555-555-0101"]
    assert org.covers("TX") and not org.covers("CA") and not org.covers(None)


@pytest.mark.parametrize(
    "change,field",
    [
        (("    kind: legal_services\n", "    kind: legal_services\n    phone_number: 1\n"), "phone_number"),
        (("    source: fixture\n", ""), "source"),
        (("    last_verified: 2026-01-01\n", ""), "last_verified"),
        (("where: [TX]", "where: [TX, XX]"), "where"),
        (("where: [TX]", "where: [tx]"), "where"),
        (("https://intake.example.org/kyr", "intake.example.org/kyr"), "handoff.webhook.url"),
        (("https://intake.example.org/kyr", "http://intake.example.org/kyr"), "handoff.webhook.url"),
        ((", secret_env: FAKE_ORG_SECRET", ""), "handoff.webhook.secret_env"),
        (("serves: [youth_in_custody]", "serves: [kids]"), "serves"),
        (("last_verified: 2026-01-01", "last_verified: last year"), "last_verified"),
    ],
)
def test_bad_entry_names_file_entry_and_field(tmp_path, change, field):
    path = _write(tmp_path, GOOD.replace(*change))
    with pytest.raises(DirectoryError) as info:
        load_directory(path)
    message = str(info.value)
    assert str(path) in message and "'fake_org'" in message and f"'{field}'" in message


def test_duplicate_id_is_refused(tmp_path):
    entry = GOOD.split("entries:\n")[1]
    path = _write(tmp_path, GOOD + entry)
    with pytest.raises(DirectoryError, match="duplicate id"):
        load_directory(path)


def test_env_override_and_reload_on_change(tmp_path, monkeypatch):
    path = _write(tmp_path, GOOD)
    monkeypatch.setenv("KYR_DIRECTORY_PATH", str(path))
    assert [o.id for o in get_directory()] == ["fake_org"]
    import os

    path.write_text(GOOD.replace("fake_org", "fake_org_two"))
    os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 5))
    assert [o.id for o in get_directory()] == ["fake_org_two"]


def test_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(DirectoryError, match="KYR_DIRECTORY_PATH"):
        load_directory(tmp_path / "nope.yml")
