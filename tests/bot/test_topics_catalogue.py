"""The topic catalogue (data/topics.yml, docs/CONTRACTS.md section 1) parses, and every source id it names exists."""
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_catalogue_parses_and_has_topics_and_dialogue():
    spec = yaml.safe_load((ROOT / "data" / "topics.yml").read_text())
    assert "therapy_notes_ice" in spec["topics"] and "crisis" in spec["dialogue"]


def test_source_ids_named_in_the_catalogue_exist():
    text = (ROOT / "data" / "topics.yml").read_text()
    named = {i for group in re.findall(r"\(sources? ([^)]*)\)", text) for i in re.findall(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", group)}
    known = {s["id"] for s in yaml.safe_load((ROOT / "data" / "sources.yml").read_text())["sources"]}
    assert named and named <= known, sorted(named - known)
