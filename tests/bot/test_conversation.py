import pytest

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


def test_crisis_answers_in_a_row_counts_back_from_the_previous_message():
    from bot.conversation import crisis_answers_in_a_row, crisis_follow_up_due

    crisis_then_question = [user(), bot("crisis"), bot("find_legal_aid"), user()]
    assert crisis_answers_in_a_row(crisis_then_question) == 1 and crisis_follow_up_due(crisis_then_question)
    # The crisis answer two replies back, or none at all, or no message before this one: none in a row.
    for events in ([user(), bot("crisis"), user(), bot("menu"), user()], [user(), bot("menu"), user()], [user()]):
        assert crisis_answers_in_a_row(events) == 0 and not crisis_follow_up_due(events)
    # The answer and two repeats: the next message gets its usual answer.
    twice = [user(), bot("crisis"), user(), bot("crisis"), user()]
    assert crisis_answers_in_a_row(twice) == 2 and crisis_follow_up_due(twice)
    thrice = [user(), bot("menu"), user(), bot("crisis"), user(), bot("crisis"), user(), bot("crisis"), user()]
    assert crisis_answers_in_a_row(thrice) == 3 and not crisis_follow_up_due(thrice)


def test_follow_up_intents_are_the_rules_intents_after_the_crisis_answer():
    """Inside a form (actions/crisis_follow_up.py) and outside it (data/stories/core.yml): the same intents."""
    from pathlib import Path

    import yaml

    from bot import catalogue
    from bot.conversation import CRISIS_FOLLOW_UP_INTENTS

    rules = yaml.safe_load((Path(__file__).parents[2] / "data" / "stories" / "core.yml").read_text())["rules"]
    follow_ups, topics = [
        {step["intent"] for step in r["steps"][1]["or"]}
        for r in rules
        if r["steps"][0] == {"action": "utter_crisis"} and "or" in r["steps"][1]
    ]
    assert follow_ups == CRISIS_FOLLOW_UP_INTENTS
    # Every other topic goes to the same action, which tells a guess from a clear question.
    assert topics == set(catalogue.topic_ids()) - CRISIS_FOLLOW_UP_INTENTS


def test_the_telling_answer_is_due_for_some_messages_after_the_crisis_answer_and_once():
    from bot.conversation import DANGER_LATELY, telling_answer_due

    assert telling_answer_due([user(), bot("crisis"), user()])
    assert telling_answer_due([user(), bot("crisis"), user(), bot("crisis"), user(), bot("menu"), user()])
    assert telling_answer_due([user(), bot("crisis")] + [user(), bot("a")] * (DANGER_LATELY - 1) + [user()])
    assert not telling_answer_due([user(), bot("crisis")] + [user(), bot("a")] * DANGER_LATELY + [user()])
    assert not telling_answer_due([user(), bot("therapy_privacy"), user()])
    assert not telling_answer_due([user()])
    # Given once since the crisis answer: its buttons (the therapy answers) get their own answers.
    assert not telling_answer_due([user(), bot("crisis"), user(), bot("telling_after_danger"), user()])
    assert telling_answer_due([user(), bot("crisis"), user(), bot("telling_after_danger"), user()], again=True)
    # A new crisis answer after it: due again.
    assert telling_answer_due([user(), bot("telling_after_danger"), user(), bot("crisis"), user()])


@pytest.mark.parametrize(
    "text, fears",
    [
        # Session 40's blind tests: each got the crisis answer again or a lawyer list after the crisis answer.
        ("me da verguenza decirle a alguien", True),
        ("con quien puedo hablar", True),
        ("tengo miedo q me regañen", True),
        ("no le digas a nadie pls", True),
        ("mas ela é da equipe, conto pra quem?", True),
        ("m pa vle di pesonn paske m pe", True),
        ("who can i talk to", True),
        ("what if he finds out i told", True),  # session 41
        # session 45's blind test: the crisis answer again, or the legal-aid form for "legal" ("nice" in Portuguese)
        ("what if staff dont believe me", True),
        ("idk if i should say something", True),
        ("no se si es malo", True),
        ("el me dijo q no le diga a nadie", True),
        ("ele é legal comigo as vezes", True),
        ("et si le personnel me croit pas", True),
        ("me da miedo que me deporten si llamo", True),
        ("i dont have a phone", True),
        ("c est normal?", True),
        # QA46: a parent's "she is scared it will delay her release" got the answer that reports can mean a later release
        ("she is scared it will delay her release", True),
        ("elle a peur que ca bloque sa sortie", True),
        ("si lo reporto me van a tener mas tiempo aqui?", True),
        ("i already sent one", False),
        ("ok", False),
        ("can i talk to my mom?", False),
    ],
)
def test_fears_and_questions_about_telling(text: str, fears: bool) -> None:
    from bot.nlu.telling_fears import fears_telling

    assert fears_telling(text) is fears


def test_the_sextortion_answer_is_due_after_a_crisis_answer_about_photos_once():
    from bot.conversation import DANGER_LATELY, sextortion_answer_due

    photos = {"event": "bot", "metadata": {"topic": "crisis", "danger": "images"}}
    assert sextortion_answer_due([user(), photos, user()])
    assert sextortion_answer_due([user(), photos, user(), bot("crisis"), user()])  # a crisis answer again since
    assert not sextortion_answer_due([user(), bot("crisis"), user()])  # a crisis answer about something else
    assert not sextortion_answer_due([user(), photos, user(), bot("sextortion"), user()])  # given once
    assert not sextortion_answer_due([user(), photos] + [user(), bot("a")] * DANGER_LATELY + [user()])
    assert not sextortion_answer_due([user(), photos])  # the reply being made to the message itself


@pytest.mark.parametrize(
    "text, photos",
    [
        ("some guy online has pics of me and wants money or he posts them", True),
        ("someone i met online has a pic of me with no shirt and says he'll send it to everyone", True),
        ("un man tiene fotos mias y dice q las va a subir", True),
        ("um cara tem fotos minhas e quer dinheiro", True),
        ("il a des photos de moi et veut de l'argent", True),
        ("li gen foto m epi li vle lajan", True),
        ("hi im her mom, a man online has pics of my daughter and wants money", True),  # a parent
        ("un tipo tiene fotos de mi hija y pide dinero", True),
        # session 45's blind test: an English child asked for pictures got no word about photos
        ("someone online keeps asking me for pics, he says he loves me and hes 17 too", True),
        ("un chavo de insta me pide fotos", True),
        ("um cara me pede fotos", True),
        ("my sponsor hits me", False),
        ("/crisis", False),
    ],
)
def test_messages_about_the_childs_photos(text: str, photos: bool) -> None:
    from bot.nlu.image_threats import about_images

    assert about_images(text) is photos


@pytest.mark.parametrize(
    "text, asks",
    [
        ("y ahora que hago", True),
        ("Y ahora qué hago?", True),
        ("is it bad?", True),
        ("é grave?", True),
        ("kounye a kisa m fe", True),
        ("what do i do if staff hits me", False),  # a question of its own
        ("/menu", False),
    ],
)
def test_messages_that_ask_what_now(text: str, asks: bool) -> None:
    from bot.follow_ups import asks_what_now

    assert asks_what_now(text) is asks
