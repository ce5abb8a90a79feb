"""Container health check for every role of the one image (the Dockerfile's HEALTHCHECK).

The role is the container's command, read from /proc/1/cmdline: the Rasa server must answer
GET / and the action server GET /health on the port its command names; the worker, the sweeper
and init-db have no port, so they pass while their process runs (when it stops, so does the
container, and the restart policy acts). Standard library only: it runs every 30 seconds.
Kubernetes ignores HEALTHCHECK; deploy/k8s/ probes the same paths.
"""

from __future__ import annotations

import sys
import urllib.request
from pathlib import Path

# module in the command -> (health path, port when the command names none)
ROLES = {
    "bot.server.rasa_server": ("/", 5005),
    "bot.action_server": ("/health", 5055),
}


def command_line(pid: int = 1) -> list[str]:
    raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    return [part.decode("utf-8", "replace") for part in raw.split(b"\0") if part]


def _port(argv: list[str], default: int) -> int:
    for index, arg in enumerate(argv):
        if arg == "--port" and index + 1 < len(argv):
            return int(argv[index + 1])
        if arg.startswith("--port="):
            return int(arg.split("=", 1)[1])
    return default


def health_url(argv: list[str]) -> str | None:
    """The URL that says whether this container's process serves, or None for roles without a port."""
    # `sh -c "exec python -m ..."` (the image's default command) arrives as one argument: split it.
    words = [word.strip("\"'") for arg in argv for word in arg.split()]
    for module, (path, default_port) in ROLES.items():
        if module in words:
            return f"http://127.0.0.1:{_port(words, default_port)}{path}"
    return None


def main() -> int:
    url = health_url(command_line())
    if url is None:
        return 0
    try:
        with urllib.request.urlopen(url, timeout=5) as reply:
            return 0 if reply.status == 200 else 1
    except OSError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
