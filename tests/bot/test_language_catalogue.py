"""data/languages.yml and KYR_LANGUAGES: what is offered where, with the project's real content."""

from __future__ import annotations

import pytest

from bot import content
from bot.channels import links, webchat
from bot.channels.twilio_sms import KEYWORDS, PROVIDER_KEYWORDS
from bot.nlu import languages
from bot.nlu.languages import DEFAULT, LANGUAGES, SUPPORTED, LanguageSettingError, fold, live
from bot.server import nlg


@pytest.fixture()
def real_content():
    content.load(content.LOCALES_DIR, force=True)
    yield
    content.load(content.LOCALES_DIR, force=True)


def test_five_languages_with_english_default():
    assert SUPPORTED == ("en", "es", "pt", "fr", "ht") and DEFAULT == "en"
    assert LANGUAGES["ht"].native == "Kreyòl ayisyen" and LANGUAGES["ht"].detector == "langid"


@pytest.mark.parametrize(
    "value, expected",
    [("", SUPPORTED), ("all", SUPPORTED), ("en,es", ("en", "es")), ("ht, en ,pt", ("en", "pt", "ht"))],
)
def test_kyr_languages_chooses_the_live_languages(monkeypatch, value, expected):
    monkeypatch.setenv("KYR_LANGUAGES", value)
    assert live() == expected


@pytest.mark.parametrize("value", ["en,de", "es,pt"])
def test_kyr_languages_rejects_unknown_codes_and_a_missing_default(monkeypatch, value):
    monkeypatch.setenv("KYR_LANGUAGES", value)
    with pytest.raises(LanguageSettingError):
        live()


def test_sms_keywords_never_take_the_carriers_words():
    assert not set(KEYWORDS) & PROVIDER_KEYWORDS


def test_each_language_has_help_and_delete_keywords():
    for code in SUPPORTED:
        assert any(KEYWORDS[w] == ("/menu", code) for w in LANGUAGES[code].help_words)
        assert any(KEYWORDS[w] == ("/delete_my_data", code) for w in LANGUAGES[code].delete_words)


def test_the_keyword_each_language_tells_users_is_a_keyword(real_content):
    """web.sms_keyword (links, cards, the page) must be a word the SMS channel answers in that language."""
    for code in SUPPORTED:
        word = fold(content.t("web.sms_keyword", code))
        assert KEYWORDS.get(word) in (("/menu", code), ("/menu", None)), code


def test_language_menu_offers_only_live_languages(monkeypatch, real_content):
    monkeypatch.setenv("KYR_LANGUAGES", "en,es,ht")
    menu = nlg.render_language_menu("en", None)
    assert [b["title"] for b in menu["buttons"]] == ["English", "Español", "Kreyòl ayisyen", "I speak a Mayan language"]
    assert menu["buttons"][-1]["payload"] == "/mayan_language"  # "nobody here speaks my language": stop 47's test


def test_a_language_not_live_gets_a_note_in_it_and_the_menu(monkeypatch, real_content):
    monkeypatch.setenv("KYR_LANGUAGES", "en,es")
    reply = nlg.render_language_menu("en", "pt")
    assert reply["text"] == content.t("common.language_not_live", "pt")
    assert [b["payload"] for b in reply["buttons"]] == [
        '/choose_language{"language":"en"}',
        '/choose_language{"language":"es"}',
    ]


def test_web_page_and_links_offer_only_live_languages(monkeypatch, real_content):
    monkeypatch.setenv("KYR_LANGUAGES", "en,es,fr")
    template = (webchat.WEB_DIR / "chat.html").read_text("utf-8")
    page = webchat.WebChatInput().render_page({"lang": "ht"}, template)
    assert 'data-lang="fr" lang="fr">Français</button>' in page
    assert 'data-lang="ht"' not in page and '<html lang="en">' in page
    assert links.clean_lang("fr") == "fr" and links.clean_lang("ht") is None
    with pytest.raises(links.LinkError):
        links.web_link("pt")


def test_each_language_has_its_web_page(real_content):
    template = (webchat.WEB_DIR / "chat.html").read_text("utf-8")
    for code in SUPPORTED:
        page = webchat.WebChatInput().render_page({"lang": code}, template)
        assert f'<html lang="{code}">' in page
        assert content.t("web.heading", code) in page


def test_languages_module_reads_the_catalogue_file():
    assert languages.CATALOGUE_FILE.name == "languages.yml"
