from pathlib import Path

import yaml

from bot import settings
from bot.nlu.ambiguity import load_pairs, offered_pair

ROOT = Path(__file__).resolve().parents[2]


def parse(*ranking, **extra):
    return {
        "intent": {"name": ranking[0][0], "confidence": ranking[0][1]},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
        **extra,
    }


def pairs_file(tmp_path, ratio=0.5):
    path = tmp_path / "pairs.yml"
    path.write_text(yaml.safe_dump({"min_ratio": ratio, "pairs": [["right_to_lawyer", "find_legal_aid"]]}))
    return path


def test_close_listed_pair_is_offered_most_likely_first(tmp_path):
    path = pairs_file(tmp_path)
    assert offered_pair(parse(("find_legal_aid", 0.5), ("right_to_lawyer", 0.3)), path) == (
        "find_legal_aid",
        "right_to_lawyer",
    )
    # The fallback's own entry is not an intent to offer; the pair behind it is.
    assert offered_pair(parse(("nlu_fallback", 0.45), ("right_to_lawyer", 0.4), ("find_legal_aid", 0.38)), path) == (
        "right_to_lawyer",
        "find_legal_aid",
    )


def test_distant_unlisted_or_overridden_is_not_offered(tmp_path):
    path = pairs_file(tmp_path)
    assert offered_pair(parse(("right_to_lawyer", 0.7), ("find_legal_aid", 0.3)), path) is None  # 0.3 < 0.5 * 0.7
    assert offered_pair(parse(("right_to_lawyer", 0.5), ("lawyer_privacy", 0.45)), path) is None
    assert offered_pair(parse(("right_to_lawyer", 0.5), ("more", 0.3), ("find_legal_aid", 0.2)), path) is None
    assert (
        offered_pair(
            parse(("crisis", 1.0), ("right_to_lawyer", 0.0), ("find_legal_aid", 0.0), safety_override="crisis"), path
        )
        is None
    )
    assert offered_pair(parse(("right_to_lawyer", 1.0)), path) is None
    assert offered_pair({}, path) is None


def test_the_real_pairs_are_intents_of_the_domain():
    pairs, ratio = load_pairs(settings.ambiguous_pairs_file())
    intents = set(yaml.safe_load((ROOT / "domain.yml").read_text())["intents"])
    assert frozenset(("right_to_lawyer", "find_legal_aid")) in pairs
    assert all(len(pair) == 2 and pair <= intents for pair in pairs)
    assert 0.0 < ratio <= 1.0
