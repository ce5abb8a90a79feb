"""Start the Rasa server: ``python -m bot.server.rasa_server run --model ... [rasa run options]``.

(``scripts/train_if_needed.py`` trains through it too: ``... rasa_server train ...``, with the speedups.)

The same as ``rasa run`` except for two things, both set up by :func:`prepare`:

* JAX is never imported. TensorFlow 2.12 requires JAX (so pip installs it) and its TFLite
  helpers import it when present, but the server never converts a model to TFLite: without it
  the server uses ~65 MB less memory and starts ~0.4 s sooner (make bench prints the memory).
* The equivalent, cheaper versions of Rasa's per-message hot spots in ``bot.server.rasa_speedups``
  are installed.
* numpy's OpenBLAS runs in the calling thread (``OPENBLAS_NUM_THREADS=1`` unless set): its
  matrices here are small, and its worker thread spun on ``sched_yield`` after every call, 11 % of
  the single process's CPU samples and 30 % of a cluster replica's (``perf record`` under load; the
  replica's main thread waits on PostgreSQL and Redis, and the spinning thread takes that core).
  TensorFlow's own thread pools are not affected.

Before Rasa starts, the start-up self-check (``bot.server.nlg_check``) renders every response of the
model's domain in every language and channel; the server refuses to start, naming what is
missing, rather than show users the out-of-scope answer where a question belongs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from bot import production_check

UNUSED_MODULES = ("jax",)
# Read by OpenBLAS when numpy loads: set before anything imports numpy (see module doc).
BLAS_THREADS = {"OPENBLAS_NUM_THREADS": "1"}


def block_unused_modules() -> None:
    """Make ``import jax`` raise ImportError (which TensorFlow handles) in this process."""
    for name in UNUSED_MODULES:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


def prepare() -> None:
    """Everything that makes this process differ from plain ``rasa run``; call before Rasa loads."""
    for name, value in BLAS_THREADS.items():
        os.environ.setdefault(name, value)
    block_unused_modules()
    from bot.server import rasa_speedups

    rasa_speedups.install()


def _option(argv: list[str], name: str, default: str) -> str:
    """The value of ``--name value`` or ``--name=value`` in rasa's command line."""
    for index, arg in enumerate(argv):
        if arg == name and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return default


def self_check(argv: list[str]) -> list[str]:
    """Problems with the responses of the model ``rasa run`` would serve (none: safe to start)."""
    from rasa.exceptions import ModelNotFound

    from bot.server import nlg_check

    model = _option(argv, "--model", "models")
    try:
        return nlg_check.check_model(model)
    except ModelNotFound:
        return [f"no trained model at {model} (`make run` trains one)"]


def with_api_token(argv: list[str], environ: Mapping[str, str]) -> list[str]:
    """``rasa run`` arguments with the HTTP API enabled when ``RASA_API_TOKEN`` is set.

    The token is read here, from the environment, so it never appears in the process list
    (``ps`` shows a command line to every user of the machine). An explicit ``--auth-token``
    given on the command line is left as it is.
    """
    token = environ.get("RASA_API_TOKEN")
    if argv[:1] != ["run"] or not token or any(a.startswith("--auth-token") for a in argv):
        return argv
    return [*argv, "--enable-api", f"--auth-token={token}"]


def main() -> None:
    argv = with_api_token(sys.argv[1:], os.environ)
    serving = argv[:1] == ["run"]
    if serving:  # training (scripts/train_if_needed.py) holds no secrets and serves no one
        production_check.refuse_to_start_if_unsafe("Rasa server")
    prepare()
    if serving:
        found = self_check(argv)
        if found:
            print("Refusing to start: these responses would reach users without their content:", file=sys.stderr)
            for line in found:
                print(f"  - {line}", file=sys.stderr)
            print(
                "Add the missing text to data/locales/<area>.<lang>.yml (or the response to domain.yml), "
                "then retrain if domain.yml changed (make run does both).",
                file=sys.stderr,
            )
            sys.exit(2)
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *argv]
    rasa_main()


if __name__ == "__main__":
    main()
