"""scripts/processes.py picks the ports the test stacks listen on: free, and never from the kernel's range
for outgoing connections (a replica once failed to bind a port an outgoing connection had taken)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from scripts import processes


def _outside_ephemeral(port: int) -> bool:
    low, high = processes.ephemeral_range()
    return not low <= port <= high


def test_single_ports_are_free_and_outside_the_ephemeral_range() -> None:
    for _ in range(50):
        port = processes.free_port()
        assert processes.LOWEST_PORT <= port <= 65535 and _outside_ephemeral(port)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))  # free: binding does not raise


def test_a_block_keeps_every_offset_outside_the_ephemeral_range() -> None:
    offsets = (1, 2, 51, 52, 90)
    for _ in range(50):
        base = processes.free_port(offsets)
        assert all(_outside_ephemeral(base + o) and base + o <= 65535 for o in offsets)


def _listening_port_before_a_free_one() -> socket.socket:
    for _ in range(20):
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        if port < 65535 and processes._port_free(port + 1):
            sock.listen()
            return sock
        sock.close()
    raise AssertionError("no listening port found with a free port after it")


def test_a_taken_port_is_never_handed_out(monkeypatch: pytest.MonkeyPatch) -> None:
    with _listening_port_before_a_free_one() as held:
        taken = held.getsockname()[1]
        # The taken port and the one after it are the only candidates.
        monkeypatch.setattr(processes, "LOWEST_PORT", taken)
        monkeypatch.setattr(processes, "ephemeral_range", lambda: (taken + 2, 65535))
        assert {processes.free_port() for _ in range(30)} == {taken + 1}


def test_the_kernel_range_is_read_and_a_missing_file_falls_back(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ranges = tmp_path / "ip_local_port_range"
    ranges.write_text("40000\t50000\n")
    monkeypatch.setattr(processes, "_EPHEMERAL_RANGE", ranges)
    assert processes.ephemeral_range() == (40000, 50000)
    monkeypatch.setattr(processes, "_EPHEMERAL_RANGE", tmp_path / "absent")
    assert processes.ephemeral_range() == (32768, 60999)


def test_no_room_outside_the_range_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "ephemeral_range", lambda: (1024, 65535))
    with pytest.raises(RuntimeError, match="ephemeral range 1024-65535"):
        processes.free_port()
