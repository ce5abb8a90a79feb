from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.language_detector import DETECTED_LANGUAGE, LanguageDetector
from bot.components.multilingual_tokenizer import MultilingualSpacyTokenizer


def detector():
    return LanguageDetector(LanguageDetector.get_default_config())


def test_decisive_message_sets_language_entity_and_detection():
    message = Message(data={TEXT: "necesito un abogado para mi hijo"})
    detector().process([message])
    assert message.get(DETECTED_LANGUAGE)["code"] == "es"
    assert [e["value"] for e in message.get(ENTITIES) if e["entity"] == "language"] == ["es"]


def test_short_message_is_detected_but_does_not_move_the_slot():
    message = Message(data={TEXT: "ok"})
    detector().process([message])
    assert not [e for e in message.get(ENTITIES, []) if e["entity"] == "language"]


def test_training_examples_get_their_language():
    data = TrainingData([Message(data={TEXT: "quiero hablar con un abogado", INTENT: "x"}),
                         Message(data={TEXT: "i want to talk to a lawyer", INTENT: "x"})])
    detector().process_training_data(data)
    assert [m.get(DETECTED_LANGUAGE)["code"] for m in data.training_examples] == ["es", "en"]


def test_tokenizer_uses_the_detected_language_and_folds_lemmas():
    tokenizer = MultilingualSpacyTokenizer(MultilingualSpacyTokenizer.get_default_config())
    message = Message(data={TEXT: "Mis hijos estaban con la INFORMACIÓN", DETECTED_LANGUAGE: {"code": "es"}})
    tokens = tokenizer.tokenize(message, TEXT)
    assert [t.text for t in tokens] == ["Mis", "hijos", "estaban", "con", "la", "INFORMACIÓN"]
    assert [t.lemma for t in tokens][:3] == ["mi", "hijo", "estar"]
    assert tokens[-1].lemma == "informacion"
    assert tokens[1].start == 4 and tokens[1].end == 9


def test_tokenizer_english_lemmas_and_punctuation():
    tokenizer = MultilingualSpacyTokenizer(MultilingualSpacyTokenizer.get_default_config())
    message = Message(data={TEXT: "were my notes given to ICE?", DETECTED_LANGUAGE: {"code": "en"}})
    lemmas = [t.lemma for t in tokenizer.tokenize(message, TEXT)]
    assert lemmas == ["be", "my", "note", "give", "to", "ice", "?"]


def test_page_display_language_in_metadata_does_not_override_what_the_user_writes():
    message = Message(data={TEXT: "necesito un abogado para mi hijo", "metadata": {"lang": "en"}})
    detector().process([message])
    assert message.get(DETECTED_LANGUAGE)["code"] == "es"
    assert [e["value"] for e in message.get(ENTITIES) if e["entity"] == "language"] == ["es"]


def test_safety_override_beats_a_confident_classifier_and_the_fallback():
    from bot.components.safety import SafetyOverride

    message = Message(data={TEXT: "my sponsor beats me", INTENT: {"name": "nlu_fallback", "confidence": 0.35},
                            "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.35},
                                               {"name": "sponsor_privacy", "confidence": 0.97}]})
    SafetyOverride().process([message])
    assert message.get(INTENT) == {"name": "crisis", "confidence": 1.0}
    ranking = message.get("intent_ranking")
    assert ranking[0] == {"name": "crisis", "confidence": 1.0} and all(r["confidence"] == 0.0 for r in ranking[1:])
