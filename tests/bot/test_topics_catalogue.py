"""The repo's copy of the topic catalogue lists the same IDs as the shared contract."""
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "spec" / "topics.yml"


def ids_by_line(text: str, section: str) -> set:
    block = text.split(f"\n{section}:\n", 1)[1]
    ids = set()
    for line in block.splitlines():
        if line and not line.startswith((" ", "#")):
            break
        match = re.match(r"^  ([a-z_]+):", line)
        if match:
            ids.add(match.group(1))
    return ids


def test_repo_copy_parses_and_has_topics_and_dialogue():
    spec = yaml.safe_load((ROOT / "data" / "topics.yml").read_text())
    assert "therapy_notes_ice" in spec["topics"] and "crisis" in spec["dialogue"]


@pytest.mark.skipif(not SHARED.exists(), reason="the shared spec folder is not beside this checkout")
def test_repo_copy_matches_shared_contract():
    shared, local = SHARED.read_text(), (ROOT / "data" / "topics.yml").read_text()
    for section in ("topics", "dialogue"):
        assert ids_by_line(shared, section) == ids_by_line(local, section)
