"""The repo's topic catalogue covers the shared contract, and every topic in it is answered.

The repo may add topics the shared catalogue lacks (data/topics.yml says which), so it must list
every shared ID (a superset), never drop one; and it must stand on its own: each of its topics
has a complete answer in every supported language, whatever the shared folder holds.
"""
import re
from pathlib import Path
from typing import Optional

import pytest
import yaml

from bot import content
from bot.content_check import SELF_DESCRIBED
from bot.languages import SUPPORTED

ROOT = Path(__file__).resolve().parents[2]
LOCAL = ROOT / "data" / "topics.yml"


def shared_catalogue() -> Optional[Path]:
    """shared/spec/topics.yml beside this checkout or beside a parent folder (worktrees live deeper)."""
    for folder in ROOT.parents:
        candidate = folder / "shared" / "spec" / "topics.yml"
        if candidate.exists():
            return candidate
    return None


SHARED = shared_catalogue()


def ids_by_line(text: str, section: str) -> set:
    # By line, not by YAML: the shared file is not always strict YAML (see bot/content_check.py).
    block = text.split(f"\n{section}:\n", 1)[1]
    ids = set()
    for line in block.splitlines():
        if line and not line.startswith((" ", "#")):
            break
        match = re.match(r"^  ([a-z_0-9]+):", line)
        if match:
            ids.add(match.group(1))
    return ids


def test_ids_by_line_reads_ids_with_digits_and_stops_at_the_next_section():
    text = "# catalogue\ntopics:\n  turning_18:\n    about: x\n  hipaa:\n    about: y\ndialogue:\n  menu: z\n"
    assert ids_by_line(text, "topics") == {"turning_18", "hipaa"}
    assert ids_by_line(text, "dialogue") == {"menu"}


def test_repo_copy_parses_and_has_topics_and_dialogue():
    spec = yaml.safe_load(LOCAL.read_text())
    assert "therapy_notes_ice" in spec["topics"] and "crisis" in spec["dialogue"]
    assert ids_by_line(LOCAL.read_text(), "topics") == set(spec["topics"])


@pytest.mark.skipif(SHARED is None, reason="no shared/spec folder beside this checkout or its parents")
def test_repo_catalogue_lists_every_shared_id():
    shared, local = SHARED.read_text(), LOCAL.read_text()
    for section in ("topics", "dialogue"):
        missing = ids_by_line(shared, section) - ids_by_line(local, section)
        assert missing == set(), f"{section}: shared IDs missing from data/topics.yml"


@pytest.mark.parametrize("lang", SUPPORTED)
def test_every_repo_topic_has_a_complete_answer_in_every_language(lang):
    content.load(content.LOCALES_DIR, force=True)  # other tests may have loaded a fixture directory
    topics = yaml.safe_load(LOCAL.read_text())["topics"]
    for topic in topics:
        answer = content.answer(topic, lang)  # MissingContent if absent
        assert answer.title and answer.short and answer.full, (topic, lang)
        if topic not in SELF_DESCRIBED:  # bot_privacy's "source" is the running configuration
            assert answer.sources and all(s.url.startswith("https://") for s in answer.sources), (topic, lang)
