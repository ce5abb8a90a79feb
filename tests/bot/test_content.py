import pytest

from bot import content


def test_answer_loads_every_field(fixture_content):
    answer = content.answer("therapy_privacy", "es")
    assert answer.title == "¿Es privada la terapia?"
    assert answer.next == ["therapy_notes_ice", "find_legal_aid"]
    assert answer.sources[0].url == "https://example.org/facts"
    assert answer.last_reviewed == "2026-11-26"


def test_missing_translation_raises_instead_of_falling_back(fixture_content):
    with pytest.raises(content.MissingContent, match="answers.nope.short"):
        content.answer("nope", "es")
    with pytest.raises(content.MissingContent, match="'fr'"):
        content.t("common.sources_label", "fr")


def test_placeholders_are_filled(fixture_content):
    assert content.t("common.privacy_notice_first", "en", retention_hours=24).endswith("after 24 hours.")


def test_answer_ids_lists_the_language(fixture_content):
    assert content.answer_ids("es") == [
        "choose_language",
        "crisis",
        "menu",
        "out_of_scope",
        "therapy_notes_ice",
        "therapy_privacy",
    ]
