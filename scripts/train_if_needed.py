"""Train a model only when none matches the current training inputs.

The model name carries a hash of everything training reads (config, domain, NLU data,
stories, our NLU components and the spaCy pipelines' metadata), so re-running `make`
with nothing changed costs a hash, not a training run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: make the bot package importable

from bot.nlu.fingerprint import NLU_INPUTS, digest  # noqa: E402

# The training data and, through bot.nlu.fingerprint, everything else that shapes the tokens and
# features (the detector's code and word lists, the spaCy pipelines). The safety patterns (data/safety)
# and data/ambiguous_pairs.yml are read when a message is parsed, nothing of them is trained, so
# editing them needs only a restart, not a training run.
INPUTS = ["config.yml", "domain.yml", "data/nlu", "data/stories", *NLU_INPUTS]


def fingerprint() -> str:
    return digest(INPUTS, ROOT)


def model_path() -> Path:
    return ROOT / "models" / f"kyr-{fingerprint()}.tar.gz"


def training_seconds() -> float | None:
    """How long the current model took to train on this machine (recorded next to it), if known."""
    record = model_path().with_suffix(".seconds")
    return float(record.read_text()) if record.exists() else None


def main() -> int:
    target = model_path()
    if target.exists():
        print(f"model up to date: {target.relative_to(ROOT)}")
        return 0
    print(f"==> training {target.name} (a few minutes on 2 cores)")
    started = time.time()
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    rasa = str(ROOT / ".venv/bin/rasa")
    # `rasa train` would first validate the data for ~10 s on one core; TensorFlow leaves most of the
    # second core idle, so the same check runs beside the training instead. Errors stop the training
    # and are shown; its warnings (form questions "not used in any story", which forms ask) are not,
    # as before; `make test` and `make validate` run the strict check (--fail-on-warnings).
    validation = subprocess.Popen(
        [rasa, "data", "validate", "--quiet"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # Through the bot's Rasa entry point (bot.server.rasa_server: Rasa's CLI with bot.server.rasa_speedups),
    # without Rasa's training cache: this script trains only when no model of these inputs exists, so
    # the cache would rarely be read, while fingerprinting every step's output for it costs ~15 s of CPU
    # (the speedups skip that when the cache is off); --force skips the run that consults it.
    training = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/python"),
            "-m",
            "bot.server.rasa_server",
            "train",
            "--skip-validation",
            "--force",
            "--fixed-model-name",
            target.name[: -len(".tar.gz")],
            "--out",
            str(ROOT / "models"),
            "--quiet",
        ],
        cwd=ROOT,
        env={**env, "RASA_MAX_CACHE_SIZE": "0"},
    )
    report, _ = validation.communicate()
    if validation.returncode != 0:
        print(report.rstrip(), file=sys.stderr)
        training.terminate()
        training.wait()
        print(
            "ERROR: the training data or domain has errors (above); fix them and run `make run` again"
            " (`.venv/bin/rasa data validate` checks them alone).",
            file=sys.stderr,
        )
        return validation.returncode
    if training.wait() != 0:
        print(
            "ERROR: training failed; see the messages above (often: run `.venv/bin/rasa data validate`).",
            file=sys.stderr,
        )
        return training.returncode
    target.with_suffix(".seconds").write_text(f"{time.time() - started:.1f}")
    for old in (ROOT / "models").glob("kyr-*"):
        if old not in (target, target.with_suffix(".seconds")):
            old.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
