"""A frozen or held-out line counts as a training line when it repeats one nearly (bench.near_copies)."""

from __future__ import annotations

import pytest

from bench.near_copies import TrainingLines, comparable

TRAINING = ["Can my therapist tell ICE what I say?", "quiero hablar con un abogado", "hi"]


def test_comparable_ignores_case_accents_punctuation_and_repeated_letters() -> None:
    assert comparable("¿Qué PASA aquííí?!") == comparable("que pasa aqui")


@pytest.mark.parametrize(
    "line,copy",
    [
        ("can my therapist tell ice what i say", "Can my therapist tell ICE what I say?"),
        ("Quiero hablar con un abogadoo!!", "quiero hablar con un abogado"),
        ("can my therapist tell ICE what i said", "Can my therapist tell ICE what I say?"),  # one word changed
        ("HI", "hi"),
    ],
)
def test_near_repeats_name_the_training_line(line: str, copy: str) -> None:
    assert TrainingLines(TRAINING).copy_of(line) == copy


@pytest.mark.parametrize(
    "line",
    ["does my counselor write down what i tell her", "necesito un abogado gratis en texas", "hello"],
)
def test_new_lines_are_not_copies(line: str) -> None:
    assert TrainingLines(TRAINING).copy_of(line) is None
