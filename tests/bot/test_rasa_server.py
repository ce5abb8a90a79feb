"""bot.server.rasa_server: `rasa run` without JAX (TensorFlow's TFLite helpers import it when present)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.e2e.conftest import ROOT

pytestmark = pytest.mark.e2e  # starts a Rasa server process (TensorFlow, the speedups)

PROBE = """
import sys
from bot.server.rasa_server import prepare
prepare()
import tensorflow  # what the Rasa server imports first
tflite_util = sys.modules["tensorflow.lite.python.util"]
assert tflite_util._xla_computation is None
assert sys.modules.get("jax") is None
from bot.server import rasa_speedups
from rasa.engine.runner.dask import DaskGraphRunner

assert DaskGraphRunner.run is rasa_speedups._graph_run
import threadpoolctl  # numpy's OpenBLAS works in the calling thread (no spinning worker)

assert {i["internal_api"]: i["num_threads"] for i in threadpoolctl.threadpool_info()}["openblas"] == 1
print("no jax, speedups installed")
"""


def test_the_server_process_loads_tensorflow_without_jax_and_with_the_speedups() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("no jax, speedups installed")


def test_without_the_block_jax_is_installed_and_would_load() -> None:
    """The block is not a no-op: TensorFlow's requirements do install JAX here."""
    result = subprocess.run(
        [sys.executable, "-c", "import importlib.util; print(importlib.util.find_spec('jax') is not None)"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "True"


def test_the_api_token_comes_from_the_environment_not_the_command_line() -> None:
    from bot.server.rasa_server import with_api_token

    run = ["run", "--model", "models"]
    assert with_api_token(run, {"RASA_API_TOKEN": "-tok"}) == [*run, "--enable-api", "--auth-token=-tok"]
    assert with_api_token(run, {}) == run  # no token: the HTTP API stays off
    explicit = [*run, "--enable-api", "--auth-token=x"]
    assert with_api_token(explicit, {"RASA_API_TOKEN": "y"}) == explicit
    assert with_api_token(["train"], {"RASA_API_TOKEN": "y"}) == ["train"]
