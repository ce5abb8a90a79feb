"""What the safety patterns cost per message (`python -m bench.safety_speed`, in `make bench`).

Every message is checked against every crisis and disclosure pattern before the classifier's answer
is used, so this is paid on each turn. Prints the best-of-five time per check for typical messages and
for the worst cases the channel allows (1,000 characters of repeated words; the unit test
tests/bot/test_safety_described.py only guards against patterns that blow up on them).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

from bot.nlu.safety_patterns import is_crisis, is_disclosure

TYPICAL = [
    "can my therapist tell ICE what i said",
    "mi mamá quiere saber si el patrocinador ve mi expediente",
    "eske terapis la ka bay ICE not mwen yo",
    "i want to talk to a lawyer about my case please",
    "ya me toca irme a clase, gracias",
]
WORST = ["a" * 1000, "i " * 500, "me " * 333, "no me " * 166, "me va a " * 125, "staff hits " * 90]


def best_of_five(check: Callable[[str], bool], text: str) -> float:
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        check(text)
        timings.append(time.perf_counter() - start)
    return min(timings) * 1000


def main(argv: list[str] | None = None) -> int:
    for check in (is_crisis, is_disclosure):
        check("warm up")  # compiles the patterns
        typical = [best_of_five(check, text) for text in TYPICAL]
        worst = [best_of_five(check, text) for text in WORST]
        print(
            f"{check.__name__}: typical message median {statistics.median(typical):.2f} ms"
            f" (max {max(typical):.2f}); 1,000-character worst cases median {statistics.median(worst):.1f} ms"
            f" (max {max(worst):.1f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
