from bot.conversation import topics_answered


def bot(topic):
    return {"event": "bot", "text": "x", "metadata": {"topic": topic, "lang": "en"}}


def test_topics_answered_reads_bot_metadata_of_the_current_session():
    events = [
        bot("crisis"),
        {"event": "session_started"},
        bot("menu"),
        bot("therapy_privacy"),
        bot("therapy_privacy"),
        {"event": "user", "text": "hi", "metadata": {"topic": "ignored"}},
        {"event": "bot", "metadata": None},
    ]
    assert topics_answered(events) == ["menu", "therapy_privacy"]


def user(text="x"):
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": "x"}}}


def test_crisis_answer_last_reads_the_reply_to_the_previous_message_only():
    from bot.conversation import crisis_answer_last

    crisis_then_question = [user(), bot("crisis"), bot("find_legal_aid"), user()]
    assert crisis_answer_last(crisis_then_question)
    # The crisis answer two replies back, or none at all, or no message before this one: no.
    assert not crisis_answer_last([user(), bot("crisis"), user(), bot("menu"), user()])
    assert not crisis_answer_last([user(), bot("menu"), user()])
    assert not crisis_answer_last([bot("crisis"), user()])


def test_follow_up_intents_are_the_rules_intents_after_the_crisis_answer():
    """Inside a form (actions/crisis_follow_up.py) and outside it (data/stories/core.yml): the same intents."""
    from pathlib import Path

    import yaml

    from bot.conversation import CRISIS_FOLLOW_UP_INTENTS

    rules = yaml.safe_load((Path(__file__).parents[2] / "data" / "stories" / "core.yml").read_text())["rules"]
    (steps,) = [r["steps"] for r in rules if r["steps"][0] == {"action": "utter_crisis"} and "or" in r["steps"][1]]
    assert {step["intent"] for step in steps[1]["or"]} == CRISIS_FOLLOW_UP_INTENTS
