"""Answers to the forms' questions are never taken for a crisis or a story, in any language.

The legal-aid and handoff forms accept any typed answer except one the classifier calls `crisis`
or `disclosure_guard` (domain.yml slot mappings): those interrupt the form. A 25-epoch model once
sent "estoy en un albergue" to `crisis`, so the form answered "I'm in a shelter" with the crisis
text. These answers were written for this test (none is a training example) and are parsed by the
launched server, the way the forms see them.
"""

from __future__ import annotations

import pytest
import requests

INTERRUPTING = {"crisis", "disclosure_guard"}
ANSWERS = {
    "en": [
        "im still in the shelter right now",
        "yes, in a shelter",
        "we live in oregon",
        "i'm her older sister",
        "he is fourteen",
        "call my phone",
        "555-0148",
        # A parent's "no" to "are you in a shelter now?" went to crisis at 0.89 (session 24, dev lot 27).
        "nope, my son isn't in the shelter anymore",
    ],
    "es": [
        "todavía sigo en el albergue",
        "sí, en un albergue",
        "vivimos en oregon",
        "soy su hermana mayor",
        "tiene catorce años",
        "llámame al celular",
        "555-0148",
        "no, mi hijo ya no está en el albergue",
    ],
    "pt": [
        "ainda estou no abrigo agora",
        "moramos no oregon",
        "sou a irmã mais velha dele",
        "ele tem 14 anos",
        "555-0148",
        "não, minha filha não está mais no abrigo",
    ],
    "fr": [
        "je suis toujours au foyer",
        "nous habitons en oregon",
        "je suis sa grande sœur",
        "il a 14 ans",
        "555-0148",
        "non, ma fille n'est plus au foyer",
    ],
    "ht": [
        "m toujou nan abri a",
        "nou rete nan oregon",
        "se gran sè li mwen ye",
        "li gen 14 an",
        "555-0148",
        "non, pitit mwen pa nan abri a ankò",
    ],
}


@pytest.mark.parametrize(("lang", "text"), [(lang, text) for lang, texts in ANSWERS.items() for text in texts])
def test_a_form_answer_does_not_interrupt_the_form(stack, lang: str, text: str) -> None:
    response = requests.post(
        f"{stack.rasa_url}/model/parse", params={"token": stack.token}, json={"text": text}, timeout=30
    )
    response.raise_for_status()
    assert response.json()["intent"]["name"] not in INTERRUPTING
