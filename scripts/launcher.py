"""The bot as `make run` starts it: ``scripts/run.sh`` unchanged, in its own process group.

Only ports, folders, the HTTP API token and the fake legal-aid directory (whose webhook points
at the reference receiver) are set for the test; everything else (Twilio dev token, sender
hash key, endpoints, credentials, the handoff worker, the sweeper) is run.sh's own default.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from scripts.processes import free_port, log_tail, wait_http

ROOT = Path(__file__).resolve().parents[1]
RUN_SH = ROOT / "scripts" / "run.sh"
CLUSTER_SH = ROOT / "scripts" / "cluster.sh"
# scripts/cluster.sh's ports are offsets from KYR_CLUSTER_BASE_PORT: 2 Rasa replicas, 2 action servers, Redis.
CLUSTER_OFFSETS = {"rasa": (1, 2), "actions": (51, 52), "redis": (90,)}
# Fake organizations of the e2e tests; {{receiver_port}} is the reference receiver's port.
TEST_DIRECTORY = ROOT / "tests" / "e2e" / "data" / "directory.yml"
ORG_SECRET_ENV = "KYR_TEST_ORG_SECRET"  # named by TEST_DIRECTORY's webhook
# Whatever the developer's shell sets for the bot is not inherited: the stack runs on run.sh's defaults.
INHERITED_PREFIXES_DROPPED = ("KYR_", "TWILIO_", "RASA_API")
START_TIMEOUT = 300.0  # seconds; the machine may be busy
STOP_TIMEOUT = 30.0


@dataclass
class Launched:
    """A running ``scripts/run.sh`` and what a client needs to talk to it."""

    proc: subprocess.Popen
    env: dict[str, str] = field(repr=False)
    base: Path
    rasa_url: str
    action_url: str
    token: str
    org_secret: str

    @property
    def public_url(self) -> str:
        """run.sh's KYR_PUBLIC_URL (scripts/env.sh's default for KYR_PORT): CORS origin, Twilio URL base."""
        return f"http://localhost:{self.env['KYR_PORT']}"

    @property
    def twilio_webhook_url(self) -> str:
        """The URL Twilio signs (scripts/env.sh's default KYR_TWILIO_WEBHOOK_URL)."""
        return f"{self.public_url}/webhooks/twilio/webhook"

    @property
    def data_dir(self) -> Path:
        return Path(self.env["KYR_DATA_DIR"])

    @property
    def log_dir(self) -> Path:
        return Path(self.env["KYR_LOG_DIR"])

    @property
    def launcher_log(self) -> Path:
        return self.base / "run.sh.log"

    @contextlib.contextmanager
    def server_secrets(self) -> Iterator[None]:
        """Within: ``bot.privacy.secrets.get_secret`` reads the keys run.sh's processes created."""
        names = ("KYR_SECRETS_DIR", "KYR_ENV", "KYR_SENDER_HASH_KEY", "KYR_TWILIO_DEV_AUTH_TOKEN")
        saved = {name: os.environ.get(name) for name in names}
        for name in names:
            os.environ.pop(name, None)
        os.environ["KYR_SECRETS_DIR"] = self.env["KYR_SECRETS_DIR"]
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value

    def twilio_auth_token(self) -> str:
        """The development token run.sh gave the SMS channel (created in the secrets folder)."""
        from bot.privacy.secrets import get_secret

        with self.server_secrets():
            return get_secret("twilio_dev_auth_token")

    def sms_sender_id(self, phone: str) -> str:
        """The conversation id the SMS channel derives from ``phone`` (keyed with the server's key)."""
        from bot.privacy.pseudonym import sender_id_for_phone

        with self.server_secrets():
            return sender_id_for_phone(phone)

    def tracker(self, sender: str) -> dict[str, Any]:
        response = requests.get(
            f"{self.rasa_url}/conversations/{sender}/tracker", params={"token": self.token}, timeout=30
        )
        response.raise_for_status()
        return response.json()

    def memory_mb(self) -> dict[str, float]:
        """Resident memory (MB) of each process run.sh started, by its module and command."""
        found: dict[str, float] = {}
        for proc_dir in Path("/proc").iterdir():
            if not proc_dir.name.isdigit():
                continue
            try:
                if os.getpgid(int(proc_dir.name)) != self.proc.pid:
                    continue
                argv = (proc_dir / "cmdline").read_bytes().decode(errors="replace").split("\0")
                rss_kb = next(
                    int(line.split()[1])
                    for line in (proc_dir / "status").read_text().splitlines()
                    if line.startswith("VmRSS:")
                )
            except (OSError, StopIteration, ValueError):
                continue  # exited meanwhile, or a kernel thread
            if "-m" in argv[:-1]:  # "bot.server.rasa_server run", "bot.action_server", "bot worker", "bot sweep"
                module_args = argv[argv.index("-m") + 1 : argv.index("-m") + 3]
                name = " ".join(a for a in module_args if a and not a.startswith("-"))
                found[name] = rss_kb / 1024
        return found

    def stop(self) -> None:
        """Ctrl+C for the whole group (run.sh stops its processes), then SIGKILL what is left."""
        pgid = self.proc.pid
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=STOP_TIMEOUT)
        deadline = time.time() + STOP_TIMEOUT
        while time.time() < deadline and _group_alive(pgid):
            time.sleep(0.2)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


def _stack_env(
    base: Path, receiver_port: int | None, org_secret: str, extra_env: dict[str, str] | None
) -> dict[str, str]:
    """run.sh's / cluster.sh's environment for a test stack under ``base`` (ports are set by the caller)."""
    data_dir, log_dir, secrets_dir = base / "data", base / "log", base / "secrets"
    env = {k: v for k, v in os.environ.items() if not k.startswith(INHERITED_PREFIXES_DROPPED)}
    if os.environ.get("KYR_MODEL"):  # the same override the e2e tests honour
        env["KYR_MODEL"] = os.environ["KYR_MODEL"]
    env.update(
        {
            "KYR_DATA_DIR": str(data_dir),
            "KYR_LOG_DIR": str(log_dir),
            "KYR_SECRETS_DIR": str(secrets_dir),
            "RASA_API_TOKEN": secrets.token_urlsafe(24),  # the tracker API, to read each reply's topic/lang
        }
    )
    if receiver_port is not None:
        directory = base / "directory.yml"
        directory.write_text(TEST_DIRECTORY.read_text().replace("{{receiver_port}}", str(receiver_port)))
        env.update({"KYR_DIRECTORY_PATH": str(directory), ORG_SECRET_ENV: org_secret})
    env.update(extra_env or {})
    return env


def _start(script: Path, base: Path, env: dict[str, str]) -> subprocess.Popen:
    log = open(base / "run.sh.log", "ab")  # noqa: SIM115 - the child process writes to it after we return
    return subprocess.Popen(
        [str(script)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )


def launch(
    base: Path, receiver_port: int | None = None, org_secret: str = "", extra_env: dict[str, str] | None = None
) -> Launched:
    """Start ``scripts/run.sh`` with its own ports and folders under ``base``; return once it serves.

    With ``receiver_port``, the fake organizations' webhook is that port on loopback, signed with
    ``org_secret``; without it, run.sh's own directory is used (benchmarks send no handoff).
    ``extra_env`` sets more of run.sh's variables (the serving benchmark lifts the rate limits).
    """
    rasa_port, action_port = free_port(), free_port()
    env = _stack_env(base, receiver_port, org_secret, extra_env)
    env.update({"KYR_PORT": str(rasa_port), "KYR_ACTION_PORT": str(action_port)})
    proc = _start(RUN_SH, base, env)
    launched = Launched(
        proc=proc,
        env=env,
        base=base,
        rasa_url=f"http://127.0.0.1:{rasa_port}",
        action_url=f"http://127.0.0.1:{action_port}",
        token=env["RASA_API_TOKEN"],
        org_secret=org_secret,
    )
    try:
        wait_http(f"{launched.rasa_url}/", proc, base / "run.sh.log", timeout=START_TIMEOUT)
        wait_http(f"{launched.action_url}/health", proc, launched.log_dir / "actions.log", timeout=60)
    except Exception as exc:
        launched.stop()
        raise RuntimeError(f"{exc}\nrasa.log tail:\n{log_tail(launched.log_dir / 'rasa.log')}") from None
    return launched


@dataclass
class Cluster(Launched):
    """``scripts/cluster.sh`` as `make cluster` runs it; ``rasa_url`` is the balancer's public port."""

    base_port: int = 0

    def replica_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.base_port + CLUSTER_OFFSETS['rasa'][index]}"

    def pids(self, name: str) -> list[int]:
        """Process ids of one role ("rasa", "worker", "actions", "redis"), from cluster.sh's listing."""
        listing = self.launcher_log.read_text(errors="replace")
        return [int(m) for m in re.findall(rf"^  {re.escape(name)}(?:-\d)?\s+pid (\d+)$", listing, re.M)]


def launch_cluster(
    base: Path, receiver_port: int | None = None, org_secret: str = "", extra_env: dict[str, str] | None = None
) -> Cluster:
    """Start ``scripts/cluster.sh`` under ``base`` (its own PostgreSQL and Redis); return once the
    balancer and both replicas serve and every process is listed."""
    public_port = free_port()
    base_port = free_port([o for group in CLUSTER_OFFSETS.values() for o in group])
    env = _stack_env(base, receiver_port, org_secret, extra_env)
    env.update(
        {
            "KYR_PORT": str(public_port),
            "KYR_CLUSTER_BASE_PORT": str(base_port),
            "KYR_CLUSTER_DIR": str(base / "cluster"),
        }
    )
    proc = _start(CLUSTER_SH, base, env)
    cluster = Cluster(
        proc=proc,
        env=env,
        base=base,
        rasa_url=f"http://127.0.0.1:{public_port}",
        action_url=f"http://127.0.0.1:{base_port + CLUSTER_OFFSETS['actions'][0]}",
        token=env["RASA_API_TOKEN"],
        org_secret=org_secret,
        base_port=base_port,
    )
    try:
        deadline = time.time() + START_TIMEOUT
        while "The cluster is running" not in cluster.launcher_log.read_text(errors="replace"):
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"cluster.sh did not start; its output:\n{log_tail(cluster.launcher_log)}")
            time.sleep(0.5)
        time.sleep(0.5)  # the process listing follows the banner
    except Exception:
        cluster.stop()
        raise
    return cluster
