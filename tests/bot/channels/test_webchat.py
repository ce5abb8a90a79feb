"""The /chat page: served by WebChatInput through Rasa's register(), strict headers, language,
silent fallback for unknown link values, static files, and the page weight budget."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from rasa.core.channels.channel import register
from sanic import Sanic

from bot import content
from bot.channels import webchat
from bot.channels.webchat import WebChatInput


def _answer(title: str, short: str) -> dict[str, object]:
    return {
        "title": title,
        "short": short,
        "full": short + "\n\nhttps://example.org/source",
        "sources": [{"title": "Src", "url": "https://example.org/source", "date": "2025-01-01"}],
        "last_reviewed": "2025-01-01",
    }


@pytest.fixture(autouse=True)
def fake_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Real web.*.yml plus a few fake answers, so the tests do not depend on other features' content."""
    monkeypatch.setenv("KYR_LANGUAGES", "en,es")  # the fake answers exist in these two
    for lang in ("en", "es"):
        shutil.copy(content.LOCALES_DIR / f"web.{lang}.yml", tmp_path)
    answers = {
        "en": {
            "therapy_notes_ice": _answer("Can ICE see my therapy notes?", "EN notes."),
            "delete_my_data": _answer("Delete", "Deleted."),
        },
        "es": {
            "therapy_notes_ice": _answer("¿ICE puede ver mis notas de terapia?", "ES notas."),
            "delete_my_data": _answer("Borrar", "Borrado."),
        },
    }
    for lang, data in answers.items():
        (tmp_path / f"answers.{lang}.yml").write_text(yaml.safe_dump({lang: data}, allow_unicode=True), "utf-8")
    original = content.load
    monkeypatch.setattr(content, "load", lambda directory=tmp_path, force=False: original(tmp_path, force))
    yield
    monkeypatch.undo()
    content.load(content.LOCALES_DIR, force=True)  # later tests see the real content again


async def _call(app: Sanic, path: str, query: str) -> tuple[int, dict[str, str], list[str], bytes]:
    messages: list = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        messages.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
        "root_path": "",
    }
    await app(scope, receive, send)
    start = next(m for m in messages if m["type"] == "http.response.start")
    raw_headers = [(k.decode().lower(), v.decode()) for k, v in start["headers"]]
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return start["status"], dict(raw_headers), [k for k, _ in raw_headers], body


_app: dict[str, object] = {}


def _started_app() -> tuple[asyncio.AbstractEventLoop, Sanic]:
    """One app and loop per module: Sanic 21.12 cannot start a second app in one process (TouchUp)."""
    if not _app:
        loop = asyncio.new_event_loop()
        Sanic.test_mode = True
        app = Sanic(f"webchat_test_{uuid.uuid4().hex[:8]}")
        register([WebChatInput()], app, route="/webhooks/")
        queue: asyncio.Queue = asyncio.Queue()
        started = asyncio.Event()

        async def lifespan_send(message: dict) -> None:
            if message["type"].startswith("lifespan.startup"):
                started.set()

        async def start() -> None:
            await queue.put({"type": "lifespan.startup"})
            _app["lifespan"] = asyncio.ensure_future(
                app({"type": "lifespan", "asgi": {"version": "3.0"}}, queue.get, lifespan_send)
            )
            await asyncio.wait_for(started.wait(), 30)

        loop.run_until_complete(start())
        _app.update(loop=loop, app=app)
    return _app["loop"], _app["app"]  # type: ignore[return-value]


def get(path: str, query: str = "") -> tuple[int, dict[str, str], list[str], str]:
    """GET through a Sanic app with the channel registered exactly as Rasa does (route="/webhooks/")."""
    loop, app = _started_app()
    status, headers, names, body = loop.run_until_complete(_call(app, path, query))
    return status, headers, names, body.decode("utf-8")


def config_of(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kyr-config">(.*?)</script>', page, re.S)
    assert match, "page carries its config JSON"
    return json.loads(match.group(1))


def test_page_served_at_chat_not_under_webhooks_with_strict_headers() -> None:
    status, headers, names, page = get("/chat")
    assert status == 200
    assert headers["content-type"].startswith("text/html")
    csp = headers["content-security-policy"]
    for directive in (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "no-store"
    assert "set-cookie" not in names
    assert '<html lang="en">' in page and "Know your rights" in page
    assert get("/webhooks/chat")[0] == 404


def test_spanish_page_and_both_languages_for_the_switch() -> None:
    status, _, _, page = get("/chat", "lang=es")
    assert status == 200
    assert '<html lang="es">' in page
    assert '<title data-i18n="page_title">Conoce tus derechos</title>' in page
    assert 'placeholder="Escribe tu pregunta aquí"' in page
    config = config_of(page)
    assert config["lang"] == "es" and config["langFromLink"] is True
    assert config["strings"]["en"]["send"] == "Send" and config["strings"]["es"]["send"] == "Enviar"


@pytest.mark.parametrize(
    "query",
    [
        "lang=xx",
        "lang=",
        "lang=%3Cscript%3E",
        "topic=not_a_topic",
        "topic=delete_my_data",
        "topic=%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
        "org=Bad%20Org",
        "org=" + "a" * 41,
        "org=%3Cb%3E",
        "lang=es&topic=../../etc/passwd&org=UPPER",
    ],
)
def test_unknown_values_fall_back_silently(query: str) -> None:
    status, _, _, page = get("/chat", query)
    assert status == 200
    config = config_of(page)
    assert config["lang"] in ("en", "es")
    assert config["topic"] is None and config["org"] is None
    assert "<script>alert" not in page and "passwd" not in page


def test_valid_topic_and_org_are_passed_to_the_page() -> None:
    _, _, _, page = get("/chat/", "lang=es&topic=therapy_notes_ice&org=demo-shelter")
    config = config_of(page)
    assert config["topic"] == "therapy_notes_ice"
    assert config["topicTitle"] == "¿ICE puede ver mis notas de terapia?"
    assert config["org"] == "demo-shelter"


def test_config_json_cannot_break_out_of_its_script_element() -> None:
    channel = WebChatInput(exit_url="https://example.org/</script><script>alert(1)</script>")
    assert channel.exit_url == webchat.DEFAULT_EXIT_URL  # not a plain https URL: refused
    template = (webchat.WEB_DIR / "chat.html").read_text("utf-8")
    page = channel.render_page({"org": "demo", "topic": "</script><script>alert(1)</script>"}, template)
    assert page.count("</script>") == 2  # config block + chat.js, nothing injected
    config_of(page)


def test_static_files_served_with_headers_and_nothing_else() -> None:
    for name, kind in (("chat.js", "javascript"), ("chat.css", "text/css")):
        status, headers, names, body = get(f"/chat/static/{name}")
        assert status == 200 and kind in headers["content-type"]
        assert headers["content-security-policy"] == webchat.CSP and "set-cookie" not in names
        assert body == (webchat.WEB_DIR / name).read_text("utf-8")
    assert get("/chat/static/chat.html")[0] == 404
    assert get("/chat/static/..%2Fbot%2Fsettings.py")[0] == 404


def test_page_has_no_third_party_requests_and_weighs_under_100_kb() -> None:
    _, _, _, page = get("/chat", "lang=es&topic=therapy_notes_ice&org=demo")
    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert all(u.startswith("/chat/static/") or u.startswith("#") or u.startswith("data:") for u in urls), urls
    total = len(page.encode()) + sum(len(get(f"/chat/static/{n}")[3].encode()) for n in ("chat.js", "chat.css"))
    assert total < 100_000, total
    js = (webchat.WEB_DIR / "chat.js").read_text("utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", js, flags=re.S)  # comments may mention them
    assert "localStorage" not in code and "document.cookie" not in code and "sessionStorage" not in code


def test_from_credentials_accepts_an_empty_entry() -> None:
    assert WebChatInput.from_credentials(None).exit_url == webchat.DEFAULT_EXIT_URL
    assert (
        WebChatInput.from_credentials({"exit_url": "https://example.org/news"}).exit_url == "https://example.org/news"
    )
    assert WebChatInput.from_credentials({"exit_url": "javascript:alert(1)"}).exit_url == webchat.DEFAULT_EXIT_URL
