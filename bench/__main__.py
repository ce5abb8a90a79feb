"""`make bench`: prints the figures behind the NLU and privacy choices (no pass/fail)."""

from __future__ import annotations

import importlib
import sys

BENCHES = [
    "bench.serving",
    "bench.cluster",
    "bench.speedups",
    "bench.fallback",
    "bench.redaction",
    "bench.safety_speed",
    "bench.crossval",
    "bench.language_id",
    "bench.tokenizers",
]


def main() -> int:
    for name in BENCHES:
        print(f"\n=== {name} ===", flush=True)
        module = importlib.import_module(name)
        module.main([])
    return 0


if __name__ == "__main__":
    sys.exit(main())
