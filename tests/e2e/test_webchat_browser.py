"""The web chat page in a real browser (Playwright + Debian's /usr/bin/chromium).

Two groups:
- ``test_page_*``: the page's own behaviour, with the REST webhook answered by Playwright routes
  (no Rasa needed): quick exit, storage, keyboard, retry, language switch, small screens.
- ``test_stack_*``: against the real Rasa + action servers of the lead's ``stack`` fixture.
Screenshots go to ``artifacts/`` (webchat-*.png).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot import content
from bot.channels.webchat import SECURITY_HEADERS, STATIC_TYPES, WEB_DIR, WebChatInput

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
FAKE_ORIGIN = "http://kyr.test"
EXIT_PREFIX = "https://www.google.com/"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def neutral_exit(context: Any) -> None:
    """The quick-exit target, answered locally (no request leaves the machine)."""
    context.route(
        f"{EXIT_PREFIX}**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<html><body>weather</body></html>"),
    )


def storage(page: Any) -> dict[str, int]:
    return page.evaluate("() => ({session: sessionStorage.length, local: localStorage.length})")


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def tab_to(page: Any, selector: str, limit: int = 30) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


# --------------------------------------------------------------------------------------------
# The page alone: Rasa's webhook answered by a fake, the page served exactly as the channel renders it.
# --------------------------------------------------------------------------------------------
class FakeBot:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.fail_next_network = 0

    def reply(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        message = body["message"]
        lang = body["metadata"]["lang"]
        if message.startswith("/greet"):
            return [
                {
                    "recipient_id": body["sender"],
                    "text": "Menu " + lang,
                    "buttons": [
                        {"title": "Therapy privacy", "payload": "/therapy_privacy"},
                        {"title": "Lawyer", "payload": "/right_to_lawyer"},
                    ],
                }
            ]
        if message.startswith("/delete_my_data"):
            return [{"recipient_id": body["sender"], "text": "Deleted."}]
        return [
            {
                "recipient_id": body["sender"],
                "text": f"Answer to {message}\n\nSources: https://example.org/src.\nChecked on 2025-01-01",
                "buttons": [{"title": "More", "payload": "/more"}],
            }
        ]


@pytest.fixture()
def fake(browser: Any) -> Iterator[Any]:
    bot = FakeBot()
    channel = WebChatInput()
    template = (WEB_DIR / "chat.html").read_text("utf-8")
    context = browser.new_context(viewport={"width": 800, "height": 900})
    neutral_exit(context)

    def page_route(route: Any) -> None:
        from urllib.parse import parse_qs, urlsplit

        query = {k: v[0] for k, v in parse_qs(urlsplit(route.request.url).query).items()}
        route.fulfill(
            status=200,
            headers=dict(SECURITY_HEADERS),
            content_type="text/html; charset=utf-8",
            body=channel.render_page(query, template),
        )

    def static_route(route: Any) -> None:
        name = route.request.url.rsplit("/", 1)[-1]
        route.fulfill(
            status=200,
            headers=dict(SECURITY_HEADERS),
            content_type=STATIC_TYPES[name],
            body=(WEB_DIR / name).read_bytes(),
        )

    def webhook(route: Any) -> None:
        body = json.loads(route.request.post_data or "{}")
        bot.requests.append(body)
        if bot.fail_next_network:
            bot.fail_next_network -= 1
            route.abort("internetdisconnected")
            return
        time.sleep(0.2)  # slow enough to see the "sending" state
        route.fulfill(status=200, content_type="application/json", body=json.dumps(bot.reply(body)))

    context.route(f"{FAKE_ORIGIN}/chat/static/*", static_route)
    context.route(f"{FAKE_ORIGIN}/chat?*", page_route)
    context.route(f"{FAKE_ORIGIN}/chat", page_route)
    context.route(f"{FAKE_ORIGIN}/webhooks/rest/webhook", webhook)
    page = context.new_page()
    page.goto("about:blank")
    page.bot = bot
    yield page
    context.close()


def test_page_greets_with_menu_and_quick_replies_work_by_keyboard(fake: Any) -> None:
    fake.goto(f"{FAKE_ORIGIN}/chat?lang=es")
    fake.wait_for_selector(".quick button")
    first = fake.bot.requests[0]
    assert first["message"] == '/greet{"language": "es"}' or first["message"] == '/greet{"language":"es"}'
    assert first["metadata"] == {"lang": "es", "topic": None, "org": None}
    assert (
        first["sender"].startswith("web-") and len(first["sender"]) == 53
    )  # issued with the page (bot.channels.conversation_ids)
    assert fake.evaluate("document.documentElement.lang") == "es"
    tab_to(fake, "#kyr-input")
    fake.keyboard.type("¿Pueden ver mis notas?")
    fake.keyboard.press("Enter")
    fake.wait_for_selector("text=Answer to ¿Pueden ver mis notas?")
    tab_to(fake, ".quick button")
    fake.keyboard.press("Enter")
    fake.wait_for_selector("text=Answer to /more")
    assert [r["message"] for r in fake.bot.requests][-2:] == ["¿Pueden ver mis notas?", "/more"]
    link = fake.locator(".msg.bot a").first
    assert link.get_attribute("href") == "https://example.org/src"  # trailing "." not part of the URL
    assert link.get_attribute("rel") == "noopener noreferrer" and link.get_attribute("target") == "_blank"
    shot(fake, "webchat-fake-keyboard.png")


def test_page_deep_link_shows_question_then_answer_and_keeps_nothing_in_the_browser(fake: Any) -> None:
    fake.goto(f"{FAKE_ORIGIN}/chat?lang=es&topic=therapy_notes_ice&org=demo-shelter")
    fake.wait_for_selector(".msg.bot")
    title = content.answer("therapy_notes_ice", "es").title
    assert fake.locator(".msg.user").first.inner_text().endswith(title)
    sent = fake.bot.requests[0]
    assert sent["message"].startswith("/therapy_notes_ice") and '"es"' in sent["message"]
    assert sent["metadata"] == {"lang": "es", "topic": "therapy_notes_ice", "org": "demo-shelter"}
    assert storage(fake) == {"session": 0, "local": 0} and fake.context.cookies() == []
    fake.reload()  # nothing to restore: the page starts a new conversation
    fake.wait_for_selector(".msg.bot")
    assert len(fake.bot.requests) == 2 and fake.bot.requests[1]["sender"] != sent["sender"]
    assert storage(fake) == {"session": 0, "local": 0}


def test_page_transcript_is_gone_after_leaving_and_coming_back(fake: Any) -> None:
    """Session restore and "reopen closed tab" bring back browser storage and cached pages:
    the transcript (which may hold a handoff summary with a contact) must be in neither."""
    fake.goto(f"{FAKE_ORIGIN}/chat?lang=en")
    fake.wait_for_selector(".msg.bot")
    fake.fill("#kyr-input", "my contact is 555-0100")
    fake.keyboard.press("Enter")
    fake.wait_for_selector("text=Answer to my contact is 555-0100")
    assert storage(fake) == {"session": 0, "local": 0}
    fake.goto(f"{EXIT_PREFIX}search")
    fake.go_back()
    fake.wait_for_selector(".msg.bot")
    assert "555-0100" not in fake.locator("#kyr-log").inner_text()
    assert fake.bot.requests[-1]["message"].startswith("/greet")
    assert fake.bot.requests[-1]["sender"] != fake.bot.requests[0]["sender"]


def test_page_quick_exit_by_double_escape_leaves_nothing_behind(fake: Any) -> None:
    fake.goto(f"{FAKE_ORIGIN}/chat?lang=en")
    fake.wait_for_selector(".msg.bot")
    assert storage(fake) == {"session": 0, "local": 0}
    fake.keyboard.press("Escape")
    fake.keyboard.press("Escape")
    fake.wait_for_url(f"{EXIT_PREFIX}**")
    deadline = time.time() + 5
    while time.time() < deadline and fake.bot.requests[-1]["message"] != "/delete_my_data":
        fake.wait_for_timeout(100)
    assert fake.bot.requests[-1]["message"] == "/delete_my_data"
    assert fake.bot.requests[-1]["sender"] == fake.bot.requests[0]["sender"]
    assert fake.context.cookies() == []
    fake.go_back()
    assert fake.url == "about:blank"  # location.replace: the chat is not in the history
    fake.goto(f"{FAKE_ORIGIN}/chat/static/chat.css")  # same origin and tab, no script: storage is empty
    assert storage(fake) == {"session": 0, "local": 0}


def test_page_exit_button_visible_and_single_escape_does_nothing(fake: Any) -> None:
    fake.set_viewport_size({"width": 320, "height": 640})
    fake.goto(f"{FAKE_ORIGIN}/chat?lang=es")
    fake.wait_for_selector(".msg.bot")
    button = fake.locator("#kyr-exit")
    assert button.is_visible() and button.inner_text() == "Salir"
    fake.keyboard.press("Escape")
    fake.wait_for_timeout(1700)
    fake.keyboard.press("Escape")
    fake.wait_for_timeout(300)
    assert fake.url.startswith(FAKE_ORIGIN)
    assert fake.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scroll at 320px
    shot(fake, "webchat-fake-320px.png")
    button.click()
    fake.wait_for_url(f"{EXIT_PREFIX}**")


def test_page_language_switch_and_delete_my_chat(fake: Any) -> None:
    fake.goto(f"{FAKE_ORIGIN}/chat")
    fake.wait_for_selector(".msg.bot")
    assert fake.bot.requests[0]["message"] == "/greet"  # no lang in the link: detection stays free
    fake.click("button[data-lang=es]")
    fake.wait_for_function("() => document.querySelectorAll('.msg.bot').length >= 2")
    assert fake.bot.requests[-1]["message"] == '/choose_language{"language":"es"}'
    assert fake.evaluate("document.documentElement.lang") == "es"
    assert fake.locator("#kyr-send").inner_text() == "Enviar"
    assert fake.get_attribute("#kyr-input", "placeholder") == "Escribe tu pregunta aquí"
    fake.click("#kyr-delete")
    fake.wait_for_selector("text=Deleted.")
    assert fake.bot.requests[-1]["message"] == "/delete_my_data"
    assert fake.locator(".msg.user").count() == 0
    assert [t.split("\n")[-1] for t in fake.locator(".msg.bot").all_inner_texts()] == ["Deleted."]


def test_page_retries_once_on_network_error_and_blocks_double_send(fake: Any) -> None:
    fake.goto(f"{FAKE_ORIGIN}/chat?lang=en")
    fake.wait_for_selector(".msg.bot")
    before = len(fake.bot.requests)
    fake.bot.fail_next_network = 1
    fake.fill("#kyr-input", "hello there")
    fake.keyboard.press("Enter")
    fake.keyboard.press("Enter")  # a second Enter while sending must not send twice
    fake.wait_for_selector("text=Answer to hello there")
    assert [r["message"] for r in fake.bot.requests[before:]] == ["hello there", "hello there"]  # failed + retry
    assert fake.locator(".msg.user").count() == 1
    fake.bot.fail_next_network = 2
    fake.fill("#kyr-input", "second")
    fake.keyboard.press("Enter")
    fake.wait_for_selector(".msg.notice")
    assert fake.input_value("#kyr-input") == "second"  # kept so the user can resend


# --------------------------------------------------------------------------------------------
# Against the real servers (lead's stack fixture: rasa_url, token, artifacts_dir, tracker()).
# --------------------------------------------------------------------------------------------
@pytest.fixture()
def real(browser: Any, stack: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 800, "height": 900})
    neutral_exit(context)
    page = context.new_page()
    page.senders = []  # the page keeps its id in memory only: read it from what it sends
    page.on(
        "request",
        lambda r: (
            page.senders.append(json.loads(r.post_data)["sender"])
            if r.url.endswith("/webhooks/rest/webhook") and r.post_data
            else None
        ),
    )
    page.goto("about:blank")
    yield page
    context.close()


def sender_of(page: Any) -> str:
    return page.senders[-1]


def test_stack_spanish_deep_link_shows_the_spanish_answer(real: Any, stack: Any) -> None:
    real.goto(f"{stack.rasa_url}/chat?lang=es&topic=therapy_notes_ice")
    real.wait_for_selector(".msg.bot", timeout=60000)
    answer = content.answer("therapy_notes_ice", "es")
    assert real.locator(".msg.user").first.inner_text().endswith(answer.title)
    text = real.locator("#kyr-log").inner_text()
    assert "ICE" in text and real.evaluate("document.documentElement.lang") == "es"
    events = [e for e in stack.tracker(sender_of(real))["events"] if e.get("event") == "bot"]
    assert any(e["metadata"].get("topic") == "therapy_notes_ice" and e["metadata"].get("lang") == "es" for e in events)
    assert real.context.cookies() == []
    real.screenshot(path=str(stack.artifacts_dir / "webchat-es-deeplink.png"), full_page=True)


def test_stack_keyboard_only_question_and_quick_reply(real: Any, stack: Any) -> None:
    real.goto(f"{stack.rasa_url}/chat?lang=en")
    real.wait_for_selector(".msg.bot", timeout=60000)
    tab_to(real, "#kyr-input")
    real.keyboard.type("Can ICE get the notes my therapist writes about me?")
    real.keyboard.press("Enter")
    real.wait_for_function(
        "() => document.querySelectorAll('.msg.bot').length >= 2 && !document.querySelector('#kyr-input').disabled",
        timeout=60000,
    )
    events = [e for e in stack.tracker(sender_of(real))["events"] if e.get("event") == "bot"]
    assert events[-1]["metadata"].get("topic") == "therapy_notes_ice"
    if real.locator(".quick button").count():
        bots = real.locator(".msg.bot").count()
        tab_to(real, ".quick button")
        real.keyboard.press("Enter")
        real.wait_for_function(f"() => document.querySelectorAll('.msg.bot').length > {bots}", timeout=60000)
    real.screenshot(path=str(stack.artifacts_dir / "webchat-keyboard.png"), full_page=True)


def test_stack_quick_exit_deletes_and_leaves_nothing(real: Any, stack: Any) -> None:
    real.goto(f"{stack.rasa_url}/chat?lang=en")
    real.wait_for_selector(".msg.bot", timeout=60000)
    real.fill("#kyr-input", "Who can see my case file?")
    real.keyboard.press("Enter")
    real.wait_for_function("() => document.querySelectorAll('.msg.bot').length >= 2", timeout=60000)
    sender = sender_of(real)
    real.click("#kyr-exit")
    real.wait_for_url(f"{EXIT_PREFIX}**")
    real.go_back()
    assert real.url == "about:blank"
    real.goto(f"{stack.rasa_url}/chat/static/chat.css")
    assert storage(real) == {"session": 0, "local": 0} and real.context.cookies() == []
    deadline = time.time() + 15  # the beacon is fire-and-forget: give the server a moment
    texts: list[str] = ["Who can see my case file?"]
    while time.time() < deadline:
        texts = [e.get("text") or "" for e in stack.tracker(sender)["events"] if e.get("event") == "user"]
        if "Who can see my case file?" not in texts:
            break
        time.sleep(0.5)
    assert "Who can see my case file?" not in texts, "quick exit did not delete the conversation"


def test_stack_phone_shows_the_crisis_answer_from_its_first_line(real: Any, stack: Any) -> None:
    """Session 40's browser test: on a phone the page scrolled a long answer's first lines under the sticky header
    (title and language buttons), the crisis answer's "tell any staff member" among them."""
    real.set_viewport_size({"width": 375, "height": 667})
    real.goto(f"{stack.rasa_url}/chat?lang=en")
    real.wait_for_selector(".msg.bot", timeout=60000)
    real.fill("#kyr-input", "i want to kill myself")
    real.keyboard.press("Enter")
    real.wait_for_function(
        "() => document.querySelectorAll('.msg.bot').length >= 2 && !document.querySelector('#kyr-input').disabled",
        timeout=60000,
    )
    events = [e for e in stack.tracker(sender_of(real))["events"] if e.get("event") == "bot"]
    assert events[-1]["metadata"].get("topic") == "crisis"
    header_bottom = real.evaluate("document.querySelector('.top').getBoundingClientRect().bottom")
    answer_top = real.evaluate("[...document.querySelectorAll('.msg.bot')].pop().getBoundingClientRect().top")
    assert answer_top >= header_bottom - 1, (
        f"the answer starts at {answer_top}px, under the header (to {header_bottom}px)"
    )
    # Help lines can be called with a tap; a source's address is still a web link.
    assert real.locator(".msg.bot").last.locator("a[href='tel:911']").count() >= 1
    assert real.locator(".msg.bot").last.locator("a[href='tel:18004224453']").count() >= 1
    real.screenshot(path=str(stack.artifacts_dir / "webchat-phone-crisis.png"))


def test_stack_a_caseworkers_free_lawyer_link_opens_the_legal_aid_questions(real: Any, stack: Any) -> None:
    """Session 40's browser test: ?topic=find_legal_aid opened the plain greeting."""
    real.goto(f"{stack.rasa_url}/chat?lang=es&topic=find_legal_aid")
    real.wait_for_selector(".msg.bot", timeout=60000)
    assert real.locator(".msg.user").first.inner_text().endswith(content.t("common.button_legal_help", "es"))
    text = real.locator("#kyr-log").inner_text()
    assert content.t("legal_aid.ask_custody", "es").split("?")[0][:30] in text
    events = [e for e in stack.tracker(sender_of(real))["events"] if e.get("event") == "bot"]
    assert events[-1]["metadata"].get("topic") == "find_legal_aid" and events[-1]["metadata"].get("lang") == "es"
