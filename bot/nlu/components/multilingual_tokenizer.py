"""NLU component: tokenizes with the blank spaCy pipeline of the message's language.

Each pipeline (built by ``python -m bot build-spacy`` into ``build/spacy/<lang>``) adds
lookup lemmas; lemmas are lowercased and stripped of accents so "información",
"informacion" and "INFORMACION" count as one feature, as users type all three.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Dict, List, Optional

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components.language_detector import DETECTED_LANGUAGE
from bot.nlu.fingerprint import nlu_fingerprint
from bot.nlu.languages import DEFAULT, SUPPORTED, fold
from bot.nlu.spacy_build import pipeline_path


@cache
def _nlp(lang: str, directory: Optional[str]):
    import spacy

    path = Path(directory) / lang if directory else pipeline_path(lang)
    if not (path / "meta.json").exists():
        raise FileNotFoundError(
            f"spaCy pipeline for '{lang}' not found at {path}; run `make setup` (python -m bot build-spacy)."
        )
    return spacy.load(path)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class MultilingualSpacyTokenizer(Tokenizer):
    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        # Rasa's cache sees our config, not our code or word lists: without this, a change to the
        # detector's rules would train on the old tokens and features (bot.nlu.fingerprint).
        return nlu_fingerprint()

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
            "pipelines_dir": None,  # default: build/spacy of the project
        }

    @staticmethod
    def supported_languages() -> Optional[List[str]]:
        return None

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MultilingualSpacyTokenizer:
        for lang in SUPPORTED:  # fail at load time, not on the first message
            _nlp(lang, config.get("pipelines_dir"))
        return cls(config)

    def _language_of(self, message: Message) -> str:
        detected = message.get(DETECTED_LANGUAGE) or {}
        code = detected.get("code") if isinstance(detected, dict) else None
        return code if code in SUPPORTED else DEFAULT

    def tokenize(self, message: Message, attribute: str) -> List[Token]:
        text = message.get(attribute)
        nlp = _nlp(self._language_of(message), self._config.get("pipelines_dir"))
        lowered = text.lower()
        doc = nlp(lowered if len(lowered) == len(text) else text)
        tokens = [
            Token(text[t.idx : t.idx + len(t.text)], t.idx, lemma=fold(t.lemma_ or t.text))
            for t in doc
            if not t.is_space and not (t.is_punct and len(t.text) == 1 and t.text not in "?¿")
        ]
        if not tokens:
            tokens = [Token(text, 0, lemma=fold(text))]
        return self._apply_token_pattern(tokens)
