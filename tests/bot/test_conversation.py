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
