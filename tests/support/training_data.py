"""The project's own training examples, for checks that a phrase list never reaches what people labelled."""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from bot import settings


def examples(intent: str) -> Iterator[tuple[str, str]]:
    """(file name, example text) of every training example of ``intent`` in data/nlu."""
    for path in sorted((settings.PROJECT_ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            if block.get("intent") == intent:
                for line in str(block.get("examples", "")).splitlines():
                    if line.strip().startswith("- "):
                        yield path.name, line.strip()[2:]
