from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.components.language_detector import DETECTED_LANGUAGE, LanguageDetector
from bot.nlu.components.multilingual_tokenizer import MultilingualSpacyTokenizer


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
    data = TrainingData(
        [
            Message(data={TEXT: "quiero hablar con un abogado", INTENT: "x"}),
            Message(data={TEXT: "i want to talk to a lawyer", INTENT: "x"}),
        ]
    )
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
    from bot.nlu.components.safety import SafetyOverride

    message = Message(
        data={
            TEXT: "my sponsor beats me",
            INTENT: {"name": "nlu_fallback", "confidence": 0.35},
            "intent_ranking": [
                {"name": "nlu_fallback", "confidence": 0.35},
                {"name": "sponsor_privacy", "confidence": 0.97},
            ],
        }
    )
    SafetyOverride().process([message])
    assert message.get(INTENT) == {"name": "crisis", "confidence": 1.0}
    ranking = message.get("intent_ranking")
    assert ranking[0] == {"name": "crisis", "confidence": 1.0} and all(r["confidence"] == 0.0 for r in ranking[1:])


def _classified(ranking):
    message = Message(data={TEXT: "x"})
    message.set(INTENT, {"name": ranking[0][0], "confidence": ranking[0][1]})
    message.set("intent_ranking", [{"name": n, "confidence": c} for n, c in ranking])
    return message


def test_offer_both_marks_a_close_listed_pair_unsure_and_keeps_the_ranking():
    from bot import settings
    from bot.nlu.ambiguity import load_pairs
    from bot.nlu.components.offer_both import OfferBoth

    pairs, ratio = load_pairs(settings.ambiguous_pairs_file())
    assert frozenset(("right_to_lawyer", "find_legal_aid")) in pairs
    close = _classified([("right_to_lawyer", 0.55), ("find_legal_aid", 0.55 * ratio + 0.01), ("more", 0.01)])
    clear = _classified([("right_to_lawyer", 0.9), ("find_legal_aid", 0.9 * ratio - 0.01)])
    unlisted = _classified([("right_to_lawyer", 0.5), ("greet", 0.49)])
    OfferBoth().process([close, clear, unlisted])
    assert close.get(INTENT)["name"] == "nlu_fallback"
    assert [r["name"] for r in close.get("intent_ranking")][:2] == ["right_to_lawyer", "find_legal_aid"]
    assert clear.get(INTENT)["name"] == "right_to_lawyer" and unlisted.get(INTENT)["name"] == "right_to_lawyer"


def _said(text, intent, confidence=0.66):
    return Message(data={TEXT: text, INTENT: {"name": intent, "confidence": confidence}})


def test_a_skip_phrase_alone_is_a_form_answer_not_an_alarm():
    from bot.nlu.components.skip_answers import SkipAnswers

    skipped = [_said("i'd rather not say", "crisis"), _said("Prefiero no decir.", "disclosure_guard")]
    SkipAnswers().process(skipped)
    assert [m.get(INTENT)["name"] for m in skipped] == ["inform", "inform"]


def test_a_skip_phrase_inside_a_longer_message_or_another_intent_is_left_alone():
    from bot.nlu.components.skip_answers import SkipAnswers

    kept = [
        _said("i don't know what to do, he hits me", "crisis"),  # contains "i don't know": not a skip
        _said("not sure if my therapist tells ICE", "therapy_notes_ice"),
        _said("skip", "cancel"),  # only crisis and disclosure_guard interrupt a form
    ]
    SkipAnswers().process(kept)
    assert [m.get(INTENT)["name"] for m in kept] == ["crisis", "therapy_notes_ice", "cancel"]


def test_the_safety_patterns_still_win_after_a_skip_phrase():
    from bot.nlu.components.safety import SafetyOverride
    from bot.nlu.components.skip_answers import SkipAnswers

    message = _said("i'd rather not say", "crisis")
    SkipAnswers().process([message])
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] == "inform"  # no pattern fires on a skip phrase
    danger = _said("he hurts me, idk", "crisis")
    SkipAnswers().process([danger])
    SafetyOverride().process([danger])
    assert danger.get(INTENT)["name"] == "crisis"
