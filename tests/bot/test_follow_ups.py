from bot.follow_ups import follow_up_intent


def parse(name: str, *ranking: tuple[str, float], **extra) -> dict:
    return {"intent": {"name": name}, "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking], **extra}


def test_a_follow_up_intent_is_one():
    assert follow_up_intent(parse("explain_simpler", ("explain_simpler", 0.8))) == "explain_simpler"
    assert follow_up_intent(parse("ask_source", ("ask_source", 0.7))) == "ask_source"


def test_unsure_with_a_follow_up_as_first_guess_is_one():
    ranking = [("nlu_fallback", 0.45), ("explain_simpler", 0.41), ("more", 0.16)]
    assert follow_up_intent(parse("nlu_fallback", *ranking)) == "explain_simpler"


def test_anything_else_is_not():
    assert follow_up_intent(parse("more", ("more", 0.9), ("explain_simpler", 0.05))) is None
    assert follow_up_intent(parse("nlu_fallback", ("nlu_fallback", 0.45), ("more", 0.4), ("ask_source", 0.3))) is None
    assert follow_up_intent(parse("nlu_fallback")) is None
    assert follow_up_intent({}) is None


def test_never_when_the_safety_override_decided():
    assert follow_up_intent(parse("ask_source", ("ask_source", 0.9), safety_override=True)) is None
