"""The cluster as `make cluster` starts it (scripts/cluster.sh): PostgreSQL, Redis, 2 Rasa replicas,
2 action servers, 2 handoff workers, the sweeper and HAProxy, for this package.

The reference receiver runs in this process as the fake organization's webhook; it can be held
(``receiver.hold()``) so a test can kill a worker while a delivery is in flight.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.handoff.receiver import Receiver
from scripts import train_if_needed
from scripts.launcher import Cluster, launch_cluster

LEASE_SECONDS = 15  # a killed worker's delivery is retried by the other one after this


class HoldableReceiver(Receiver):
    """The reference receiver; while held, POSTs wait (a delivery stays in flight)."""

    def __init__(self, secret: str) -> None:
        super().__init__(secret, port=0)
        self.open = threading.Event()
        self.open.set()

    def handle(self, headers: Any, body: bytes) -> tuple:
        self.open.wait(timeout=60)
        return super().handle(headers, body)


@pytest.fixture(scope="package")
def receiver() -> Iterator[HoldableReceiver]:
    r = HoldableReceiver(secrets.token_urlsafe(24)).start()
    yield r
    r.open.set()
    r.stop()


@pytest.fixture(scope="package")
def cluster(receiver: HoldableReceiver) -> Iterator[Cluster]:
    missing = [tool for tool in ("redis-server", "haproxy") if not shutil.which(tool)]
    if missing or not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        pytest.fail(
            f"missing {missing or 'postgresql'}: run `make cluster-test` (scripts/setup.sh cluster installs them)"
        )
    model = Path(os.environ["KYR_MODEL"]) if os.environ.get("KYR_MODEL") else train_if_needed.model_path()
    if not model.exists():
        pytest.fail(f"no trained model {model.name} for the current data: run `make cluster-test` (it trains first)")
    # Not under pytest's private temporary folder: as root, PostgreSQL runs as `postgres`, which must
    # be able to reach its data folder (cluster.sh keeps the folder itself private otherwise).
    base = Path(tempfile.mkdtemp(prefix="kyr-cluster-"))
    os.chmod(base, 0o711)
    # Rate limits lifted: every test client shares one address and the load test is meant to be heavy
    # (the limits' sharing across replicas is tested in tests/bot/stores/test_shared_state.py).
    extra = {
        "KYR_HANDOFF_LEASE_SECONDS": str(LEASE_SECONDS),
        "KYR_RATE_LIMIT_MESSAGES": "100000",
        "KYR_RATE_LIMIT_CLIENT_MESSAGES": "100000",
    }
    launched = launch_cluster(base, receiver.port, receiver.secret, extra)
    try:
        yield launched
    finally:
        launched.stop()
        if not os.environ.get("KYR_KEEP_TEST_CLUSTER"):  # set it to read the logs after a failure
            shutil.rmtree(base, ignore_errors=True)
