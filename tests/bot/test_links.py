"""Caseworker links: only allow-listed lang/topic/org, SMS pre-fill, QR files that encode the link, cards."""

from __future__ import annotations

import html as html_lib
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import png
import pytest
import qrcode

from bot import content
from bot.channels import links

SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def fixed_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYR_PUBLIC_URL", "https://chat.example.org/")
    monkeypatch.setenv("KYR_SMS_NUMBER", "+15555550123")
    content.load(content.LOCALES_DIR)  # the project's real answers (explicit: other tests may load fakes)


def matrix(data: str) -> list[list[bool]]:
    qr = qrcode.QRCode(border=4)
    qr.add_data(data)
    qr.make(fit=True)
    return qr.get_matrix()


def test_web_link_carries_only_allow_listed_values() -> None:
    link = links.web_link("es", "therapy_notes_ice", "demo-shelter")
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://chat.example.org/chat"
    assert parse_qs(parts.query) == {"lang": ["es"], "topic": ["therapy_notes_ice"], "org": ["demo-shelter"]}
    assert links.web_link("en") == "https://chat.example.org/chat?lang=en"


def test_sms_link_prefills_topic_question_or_keyword_in_the_language() -> None:
    sms = links.sms_link("es", "therapy_notes_ice")
    number, _, query = sms[len("sms:") :].partition("?body=")
    assert number == "+15555550123"
    assert unquote(query) == content.answer("therapy_notes_ice", "es").title
    assert unquote(links.sms_link("es")[len("sms:+15555550123?body=") :]) == "AYUDA"
    assert unquote(links.sms_link("en")[len("sms:+15555550123?body=") :]) == "HELP"


@pytest.mark.parametrize(
    "lang, topic, org, named",
    [
        ("de", None, None, "en, es, pt, fr, ht"),
        ("ES", None, None, "en, es, pt, fr, ht"),
        ("es", "not_a_topic", None, "therapy_notes_ice"),
        ("es", "delete_my_data", None, "therapy_notes_ice"),  # a link must never delete or hand off
        ("es", "human_handoff", None, "therapy_notes_ice"),
        ("es", None, "Maria Lopez", "a-z, 0-9"),
        ("es", None, "maria@example.org", "a-z, 0-9"),
        ("es", None, "5551234567-" * 4, "1 to 40"),
    ],
)
def test_invalid_values_rejected_naming_the_allowed_ones(
    lang: str, topic: str, org: str, named: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    with pytest.raises(links.LinkError, match=re.escape(named)):
        links.web_link(lang, topic, org)
    argv = (
        ["--lang", lang, "--out", str(tmp_path)]
        + (["--topic", topic] if topic else [])
        + (["--org", org] if org else [])
    )
    assert links.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and named in err
    assert not list(tmp_path.iterdir())  # nothing written for a rejected link


def test_cli_prints_links_and_writes_qr_codes_of_the_web_link(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert links.main(["--lang", "es", "--topic", "therapy_notes_ice", "--org", "demo", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    link = "https://chat.example.org/chat?lang=es&topic=therapy_notes_ice&org=demo"
    assert f"web: {link}" in out and "sms: sms:+15555550123?body=" in out
    expected = matrix(link)
    size = len(expected)

    png_path = tmp_path / "chat-es-therapy_notes_ice-demo.png"
    assert png_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, rows, _ = png.Reader(filename=str(png_path)).asRGBA8()
    rows = [list(r) for r in rows]
    assert width == height == size * 10
    # Sample each module's centre: the picture is exactly the QR matrix of the link.
    seen = [[rows[y * 10 + 5][(x * 10 + 5) * 4] < 128 for x in range(size)] for y in range(size)]
    assert seen == expected

    svg_path = tmp_path / "chat-es-therapy_notes_ice-demo.svg"
    root = ET.parse(svg_path).getroot()  # well-formed XML
    assert root.tag == f"{SVG_NS}svg" and root.get("viewBox") == f"0 0 {size} {size}"
    d = next(p for p in root.iter(f"{SVG_NS}path")).get("d")
    dark = {(int(x), int(y)) for x, y in re.findall(r"M(\d+),(\d+)H", d)}
    assert dark == {(x, y) for y in range(size) for x in range(size) if expected[y][x]}


def test_links_hold_no_personal_data(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert links.main(["--lang", "en", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    web = out.splitlines()[0][len("web: ") :]
    assert set(parse_qs(urlsplit(web).query)) == {"lang"}
    assert "sender" not in out and "phone" not in out


def test_cards_per_language_with_three_facts_and_crisis_numbers(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert (
        links.main(["--lang", "es", "--topic", "therapy_notes_ice", "--org", "demo", "--out", str(tmp_path), "--card"])
        == 0
    )
    for lang, other in (("en", "es"), ("es", "en")):
        card = (tmp_path / f"card-{lang}-therapy_notes_ice-demo.html").read_text("utf-8")
        assert f'<html lang="{lang}">' in card and "@media print" in card
        text = html_lib.unescape(card)
        facts = links.card_facts("therapy_notes_ice", lang)
        assert len(facts) == 3 and facts[0] == "therapy_notes_ice"
        for fact in facts:
            assert content.answer(fact, lang).short in text
            assert content.answer(fact, other).short not in text
        assert content.answer("crisis", lang).short in text
        assert f"https://chat.example.org/chat?lang={lang}&topic=therapy_notes_ice&org=demo" in text
        assert '<svg role="img"' in card and "<?xml" not in card  # QR inline, no external image
        assert "src=" not in card and "<link" not in card  # self-contained, prints offline
    assert "card: " in capsys.readouterr().out


def test_page_and_cli_share_the_allow_list() -> None:
    assert links.clean_topic("therapy_notes_ice") == "therapy_notes_ice"
    assert links.clean_topic("delete_my_data") is None and links.clean_topic("menu") is None
    assert links.clean_org("demo-shelter") == "demo-shelter" and links.clean_org("Demo") is None
    assert links.clean_lang("es") == "es" and links.clean_lang("es-MX") is None


def test_a_card_for_a_topic_leads_with_it_and_its_next_questions() -> None:
    """QA session 30: a card printed for sponsors showed the child's three facts."""
    facts = links.card_facts("sponsor_vetting", "en")
    assert facts[0] == "sponsor_vetting" and len(facts) == 3 and len(set(facts)) == 3
    assert set(facts[1:]) <= set(content.answer("sponsor_vetting", "en").next) | set(links.CARD_FACTS)
    assert links.card_facts(None, "en") == list(links.CARD_FACTS)
    assert links.card_facts("crisis", "es") == list(links.CARD_FACTS)  # not a topic answer: the general card


def test_a_link_may_open_the_free_lawyer_search_and_names_it_as_its_button_does() -> None:
    """Session 40's browser test: ?topic=find_legal_aid (what a caseworker would share for "find a free lawyer")
    opened the plain greeting. It opens the legal-aid questions; a handoff or a deletion still never."""
    assert links.clean_topic("find_legal_aid") == "find_legal_aid"
    assert links.clean_topic("human_handoff") is None and links.clean_topic("telling_after_danger") is None
    assert links.topic_title("find_legal_aid", "es") == content.t("common.button_legal_help", "es")
    body = unquote(links.sms_link("fr", "find_legal_aid").partition("?body=")[2])
    assert body == content.t("common.button_legal_help", "fr")  # typed, the title does what the button does
    assert links.card_facts("find_legal_aid", "en") == list(links.CARD_FACTS)
