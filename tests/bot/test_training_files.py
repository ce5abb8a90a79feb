"""The training files load in Rasa without a warning: a warning there means a line Rasa drops.

A YAML comment inside an `examples: |` block is not a comment but text of the block: Rasa reads it
as an example that does not start with "- ", skips it and only warns (four such notes sat in the
training files unnoticed, printed on every training run). Notes go above `- intent:`.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

ROOT = Path(__file__).resolve().parents[2]
TRAINING_FILES = sorted((ROOT / "data" / "nlu").glob("*.yml"))


@pytest.mark.parametrize("path", TRAINING_FILES, ids=lambda p: p.name)
def test_training_file_loads_without_warnings(path: Path) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = RasaYAMLReader().read(str(path))
    assert data.training_examples, f"{path.name}: no examples"
    messages = [str(w.message) for w in caught if not issubclass(w.category, DeprecationWarning)]
    assert not messages, f"{path.name}: Rasa warns while loading it (lines it would skip?):\n" + "\n".join(messages)


def test_a_comment_inside_an_examples_block_is_caught(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text('version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    # a note\n    - hello\n')
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        RasaYAMLReader().read(str(bad))
    assert any("doesn't start with a '-'" in str(w.message) for w in caught)
