"""Privacy end to end: planted (fake) personal data never reaches a file; delete and sweep really delete."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path

from tests.e2e.conftest import ROOT, VENV_BIN

# Fake person and values only. Each must be distinctive enough not to occur by chance in a file.
PLANTED = {
    "name": "Karlotta Fakenamez",
    "phone": "713-555-0125",
    "phone_digits": "7135550125",
    "email": "karlotta.fake@example.com",
    "a_number": "A012-345-679",
    "a_digits": "012345679",
    "street": "742 Evergreen Ter",
    "dob": "03/14/2009",
    "city_meta": "FAKEVILLECITY",
}

MESSAGES = [
    f"hi my name is {PLANTED['name']} and my number is {PLANTED['phone']}",
    f"my A number is {PLANTED['a_number']} and I was born {PLANTED['dob']}",
    f"me llamo {PLANTED['name']}, mi correo es {PLANTED['email']} y vivo en {PLANTED['street']}",
    f"can ICE see my therapy notes? call me {PLANTED['phone_digits']}",
]


def files_under(*folders: Path) -> Iterable[Path]:
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                yield path


def found_in_files(folders: list[Path], values: Iterable[str]) -> list[str]:
    """'<file name>: <kind>' for each planted value found (the value itself is not repeated)."""
    hits = []
    for path in files_under(*folders):
        raw = path.read_bytes()
        for kind, value in PLANTED.items():
            if value not in values:
                continue
            for encoded in {value.encode("utf-8"), value.encode("utf-16-le")}:
                if encoded in raw:
                    hits.append(f"{path.name}: {kind}")
    return hits


def db_path(stack) -> Path:
    return stack.data_dir / "conversations.db"


def stored_rows(stack, sender: str) -> int:
    con = sqlite3.connect(db_path(stack), timeout=30)
    try:
        return con.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]
    finally:
        con.close()


def test_planted_personal_data_reaches_no_file(stack):
    sender = stack.new_sender("privacy")
    for text in MESSAGES:
        stack.rest(
            sender,
            text,
            metadata={
                "FromCity": PLANTED["city_meta"],
                "FromState": "TX",
                "lang": "en",
                "customData": {"address": PLANTED["street"]},
            },
        )
    assert stored_rows(stack, sender) > 0
    events = stack.tracker(sender)["events"]
    user_texts = [e["text"] for e in events if e.get("event") == "user"]
    assert any("<PHONE>" in t for t in user_texts) and any("<A_NUMBER>" in t for t in user_texts)
    time.sleep(1)  # let the servers flush their logs
    hits = found_in_files([stack.data_dir, stack.log_dir], PLANTED.values())
    assert hits == [], f"planted values found in: {hits}"


def test_delete_removes_the_conversation_from_the_database(stack):
    sender = stack.new_sender("privacy-del")
    stack.rest(sender, f"my name is {PLANTED['name']}")
    stack.rest(sender, "Can ICE get the notes my therapist writes about me?")
    assert stored_rows(stack, sender) > 0
    replies = stack.rest(sender, "/delete_my_data")
    text = " ".join(r.get("text", "") for r in replies)
    assert "deleted" in text.lower()
    assert stored_rows(stack, sender) == 0
    # the next message starts a fresh conversation with nothing from before
    stack.rest(sender, "hi")
    events = stack.tracker(sender)["events"]
    assert not any("<NAME>" in (e.get("text") or "") for e in events if e.get("event") == "user")


def test_spanish_delete_replies_in_spanish(stack):
    sender = stack.new_sender("privacy-del-es")
    stack.rest(sender, "tengo derecho a un abogado gratis?")
    replies = stack.rest(sender, "/delete_my_data")
    text = " ".join(r.get("text", "") for r in replies)
    assert "Borré este chat" in text
    assert stored_rows(stack, sender) == 0


def test_sweeper_deletes_an_expired_conversation_and_keeps_a_fresh_one(stack):
    expired, fresh = stack.new_sender("privacy-old"), stack.new_sender("privacy-new")
    stack.rest(expired, "Can ICE get the notes my therapist writes about me?")
    stack.rest(fresh, "Can ICE get the notes my therapist writes about me?")
    con = sqlite3.connect(db_path(stack), timeout=30)
    try:  # age one conversation by two days instead of waiting
        con.execute("UPDATE events SET timestamp = timestamp - 172800 WHERE sender_id = ?", (expired,))
        con.commit()
    finally:
        con.close()
    done = subprocess.run(
        [str(VENV_BIN / "python"), "-m", "bot", "sweep"],
        cwd=ROOT,
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "conversations" in done.stdout
    assert expired not in done.stdout + done.stderr and fresh not in done.stdout + done.stderr
    assert stored_rows(stack, expired) == 0
    assert stored_rows(stack, fresh) > 0


def test_sms_delete_keyword_removes_the_conversation(stack, monkeypatch):
    from tests.e2e.test_sms_e2e import hashed_id, post_sms, sign, twilio_form, twiml_messages
    from tests.support.phones import fake_phone

    phone = fake_phone()
    for body in ("mi terapeuta le puede dar mis notas a ICE?", "BORRAR"):
        form = twilio_form(stack, phone, body)
        response = post_sms(stack, form, sign(stack, form))
        assert response.status_code == 200
    assert "Borré este chat" in " ".join(twiml_messages(response.text))
    assert stored_rows(stack, hashed_id(stack, phone, monkeypatch)) == 0


async def test_socketio_delete_request_removes_the_conversation(stack):

    from tests.e2e.test_socketio_e2e import converse, new_session

    session_id = await new_session(stack.rasa_url)
    await converse(stack.rasa_url, session_id, ["can ICE read what i tell my therapist?"])
    assert stored_rows(stack, session_id) > 0
    [batch] = await converse(stack.rasa_url, session_id, ["please delete my data"])
    assert "deleted" in " ".join(reply.get("text", "") for reply in batch).lower()
    assert stored_rows(stack, session_id) == 0
