"""The topic catalogue (data/topics.yml, docs/CONTRACTS.md section 1) parses, every source id it names
exists, and every topic in it is answered in every language (the repository stands on its own)."""

import re
from pathlib import Path

import pytest
import yaml

from bot import content
from bot.content.content_check import SELF_DESCRIBED
from bot.nlu.languages import SUPPORTED

ROOT = Path(__file__).resolve().parents[2]
LOCAL = ROOT / "data" / "topics.yml"


def test_catalogue_parses_and_has_topics_and_dialogue():
    spec = yaml.safe_load(LOCAL.read_text())
    assert "therapy_notes_ice" in spec["topics"] and "crisis" in spec["dialogue"]
    assert {"turning_18", "held_by_cbp_ice", "after_release", "asylum_interview", "sponsor_vetting", "hipaa"} <= set(
        spec["topics"]
    )


def test_source_ids_named_in_the_catalogue_exist():
    text = LOCAL.read_text()
    named = {
        i
        for group in re.findall(r"\(sources? ([^)]*)\)", text)
        for i in re.findall(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", group)
    }
    known = {s["id"] for s in yaml.safe_load((ROOT / "data" / "sources.yml").read_text())["sources"]}
    assert named and named <= known, sorted(named - known)


@pytest.mark.parametrize("lang", SUPPORTED)
def test_every_topic_has_a_complete_answer_in_every_language(lang):
    content.load(content.LOCALES_DIR, force=True)  # other tests may have loaded a fixture directory
    for topic in yaml.safe_load(LOCAL.read_text())["topics"]:
        answer = content.answer(topic, lang)  # MissingContent if absent
        assert answer.title and answer.short and answer.full, (topic, lang)
        if topic not in SELF_DESCRIBED:  # bot_privacy's "source" is the running configuration
            assert answer.sources and all(s.url.startswith("https://") for s in answer.sources), (topic, lang)
