from __future__ import annotations

from bot.handoff import ops
from bot.handoff.outbox import Outbox


def test_list_and_retry_never_print_contact_values(outbox: Outbox, make_doc, capsys, monkeypatch):
    monkeypatch.setenv("KYR_HANDOFF_OVERDUE_MINUTES", "60")
    sms = make_doc(contact_value="+15555550166")
    mail = make_doc(contact_method="email", contact_value="fake.person@example.org")
    outbox.enqueue(sms, "s1", ["webhook"], now=0)
    outbox.enqueue(mail, "s2", ["webhook"], now=0)
    outbox.mark_failed(sms["id"], "connection_error", next_attempt_at=4_000_000_000)
    assert ops.main(["list"], outbox=outbox) == 0
    assert ops.main(["list", "--stuck"], outbox=outbox) == 0
    assert ops.main(["retry", sms["id"]], outbox=outbox) == 0
    assert ops.main(["retry-all-stuck"], outbox=outbox) == 0
    out = capsys.readouterr().out
    assert sms["reference"] in out and mail["reference"] in out and "connection_error" in out
    for secret in ("5555550166", "555-0166", "fake.person", "example.org", "s1", "s2"):
        assert secret not in out.replace(sms["id"], "").replace(mail["id"], "")


def test_retry_makes_a_backed_off_row_due(outbox: Outbox, make_doc):
    doc = make_doc()
    outbox.enqueue(doc, "s1", ["webhook"], now=0)
    outbox.claim_due(now=0)
    outbox.mark_failed(doc["id"], "http_500", next_attempt_at=4_000_000_000)
    assert outbox.claim_due(now=100) == []
    assert ops.main(["retry", doc["id"]], outbox=outbox) == 0
    assert len(outbox.claim_due()) == 1


def test_retry_unknown_or_delivered_says_what_to_do(outbox: Outbox, make_doc, capsys):
    assert ops.main(["retry", "no-such-id"], outbox=outbox) == 1
    assert "handoffs list" in capsys.readouterr().out
    doc = make_doc()
    outbox.enqueue(doc, "s1", ["webhook"])
    outbox.mark_delivered(doc["id"], "webhook")
    assert ops.main(["retry", doc["id"]], outbox=outbox) == 1
    assert "already delivered" in capsys.readouterr().out
