"""What several replicas must not change: any replica may answer any message, a replica or a worker
may die, Redis may restart, and the user still sees the same conversation; each handoff reaches
the partner once. Runs against scripts/cluster.sh as `make cluster` starts it.

The tests run in file order on one cluster: the last ones kill processes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from scripts.launcher import Cluster
from tests.acceptance.flows import (
    delivered_once,
    results,
    sent,
    spanish_typed_handoff,
    summary,
    value,
)
from tests.acceptance.journey import (
    ASK_AGE,
    ASK_CONTACT,
    ASK_CUSTODY,
    ASK_HANDOFF_STATE,
    ASK_IN_CUSTODY,
    ASK_LANGUAGE,
    ASK_PHONE,
    ASK_ROLE,
    ASK_STATE,
    HANDOFF_OFFER,
    REST,
    SMS,
    SOCKETIO,
    Conversation,
    label,
)
from tests.cluster.conftest import LEASE_SECONDS

pytestmark = pytest.mark.e2e


class Alternating:
    """The cluster seen by a client whose every request reaches the other Rasa replica."""

    def __init__(self, cluster: Cluster) -> None:
        self._cluster, self._requests = cluster, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cluster, name)

    @property
    def rasa_url(self) -> str:
        self._requests += 1
        return self._cluster.replica_url(self._requests % 2)


def test_rest_spanish_handoff_alternating_replicas_keeps_form_language_and_delivers_once(cluster, receiver):
    # Every request goes to the other replica; two workers poll the same outbox.
    spanish_typed_handoff(Conversation(Alternating(cluster), REST, "es"), receiver)


def test_sms_numbered_picks_alternating_replicas(cluster):
    # The numbered options a replica sent are in Redis: the other replica reads "2" the same way.
    user = Conversation(Alternating(cluster), SMS, "en")
    user.say("find a lawyer near me", ASK_CUSTODY)
    user.press(label("legal_aid.button_in_shelter"), ASK_STATE)
    user.say("TX", ASK_LANGUAGE)
    user.press(label("legal_aid.button_no_language_need"), results(in_custody=True, state="TX"), HANDOFF_OFFER)


def test_socketio_through_the_balancer(cluster):
    user = Conversation(cluster, SOCKETIO, "es")
    user.say("necesito encontrar ayuda legal gratis", ASK_CUSTODY)
    user.press(label("legal_aid.button_released"), ASK_STATE)
    user.say("California", ASK_LANGUAGE)
    user.close()


def _lease_owner_pid(cluster: Cluster) -> int | None:
    engine = sa.create_engine(cluster_db_url(cluster))
    with engine.connect() as conn:
        owner = conn.execute(sa.text("SELECT lease_owner FROM handoffs WHERE lease_owner IS NOT NULL")).scalar()
    engine.dispose()
    return int(owner.split("-")[-2]) if owner else None  # worker ids are host-pid-random


def cluster_db_url(cluster: Cluster) -> str:
    return f"postgresql://kyr@/kyr?host={cluster.base}/cluster/pg"


def test_worker_killed_mid_delivery_the_other_delivers_exactly_once(cluster, receiver):
    receiver.open.clear()  # the partner's server hangs: the delivery stays in flight
    try:
        user = Conversation(cluster, REST, "en")
        user.say("please have a lawyer call me back", ASK_ROLE)
        user.press(label("handoff.button_caregiver"), ASK_IN_CUSTODY)
        user.press(label("legal_aid.button_released"), ASK_HANDOFF_STATE)
        user.say("Texas", ASK_AGE)
        user.say("he is 15", ASK_CONTACT)
        user.press(label("handoff.button_phone"), ASK_PHONE)
        user.say("(555) 555-0147", summary((1, "role", value("caregiver"))))
        posts_before = receiver.requests
        seen = user.press(label("handoff.button_yes_send"), sent("phone"))
        deadline = time.time() + 30
        pid = None
        while time.time() < deadline and pid is None:
            pid = _lease_owner_pid(cluster)
            time.sleep(0.2)
        assert pid in cluster.pids("worker"), f"no worker holds the handoff ({pid})"
        os.kill(pid, signal.SIGKILL)
    finally:
        receiver.open.set()
    doc = delivered_once(receiver, seen.text)  # waits up to 60 s: the lease expires after LEASE_SECONDS
    assert doc["role"] == "caregiver"
    time.sleep(LEASE_SECONDS)  # had the lease been ignored, a second copy would have been posted by now
    assert [d["reference"] for d in receiver.received].count(doc["reference"]) == 1
    assert receiver.requests > posts_before


def test_redis_restart_mid_conversation_recovers_and_says_so(cluster):
    user = Conversation(cluster, REST, "en")
    user.say("I need to find a free lawyer near me", ASK_CUSTODY)
    (redis_pid,) = cluster.pids("redis")
    redis_port = cluster.base_port + 90
    os.kill(redis_pid, signal.SIGKILL)
    user.press(label("legal_aid.button_in_shelter"), ASK_STATE)  # locks in each replica's memory meanwhile
    restarted = subprocess.Popen(
        ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.time() + 20
        while subprocess.run(["redis-cli", "-p", str(redis_port), "ping"], capture_output=True).returncode != 0:
            assert time.time() < deadline, "redis-server did not restart"
            time.sleep(0.2)
        user.say("TX", ASK_LANGUAGE)
        user.press(label("legal_aid.button_no_language_need"), results(in_custody=True, state="TX"), HANDOFF_OFFER)
    finally:
        restarted.terminate()
        restarted.wait(10)
    logs = "".join(p.read_text(errors="replace") for p in cluster.log_dir.glob("rasa-*.log"))
    assert "Redis unavailable" in logs


def test_replica_killed_under_load_conversations_go_on(cluster):
    users = [Conversation(cluster, REST, lang) for lang in ("en", "es") * 3]
    for user in users:
        first = "find a lawyer near me" if user.lang == "en" else "necesito encontrar ayuda legal gratis"
        user.say(first, ASK_CUSTODY)
    errors: list[int] = []
    stop = threading.Event()

    def load() -> None:  # other users keep writing while the replica dies
        while not stop.is_set():
            try:
                sender = requests.get(f"{cluster.rasa_url}/webhooks/rest/session", timeout=30).json()["sender"]
                body = {"sender": sender, "message": "hi"}
                status = requests.post(f"{cluster.rasa_url}/webhooks/rest/webhook", json=body, timeout=30).status_code
            except (requests.RequestException, ValueError):
                status = 0
            if status != 200:
                errors.append(status)

    threads = [threading.Thread(target=load, daemon=True) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    os.kill(cluster.pids("rasa")[0], signal.SIGKILL)
    try:
        for user in users:  # every conversation goes on where it was, on the replica left
            user.press(label("legal_aid.button_in_shelter"), ASK_STATE)
            user.say("TX", ASK_LANGUAGE)
    finally:
        stop.set()
        for thread in threads:
            thread.join(35)
    # Only messages in flight on the killed replica may fail (one per load client at most).
    assert len(errors) <= len(threads), errors
