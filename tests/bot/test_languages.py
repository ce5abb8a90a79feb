from bot.languages import explicit_language_request, fold, normalize_language, reply_language


def test_normalize_language_accepts_codes_regions_and_names():
    assert normalize_language("es") == "es"
    assert normalize_language("es-MX") == "es"
    assert normalize_language("EN_us") == "en"
    assert normalize_language("Español") == "es"
    assert normalize_language("spanish") == "es"
    assert normalize_language("inglés") == "en"


def test_normalize_language_rejects_unknown_values():
    for value in ("pt", "k'iche'", "", None, 3, "<script>"):
        assert normalize_language(value) is None


def test_explicit_request_needs_the_whole_message_to_name_a_language():
    assert explicit_language_request("Español") == "es"
    assert explicit_language_request("español por favor") == "es"
    assert explicit_language_request("English please!") == "en"
    assert explicit_language_request("es") is None  # "es" is also the Spanish word "is"
    assert explicit_language_request("my spanish teacher said") is None


def test_reply_language_prefers_slot_then_detection_then_english():
    assert reply_language({"language": "es"}, {"detected_language": {"code": "en"}}) == "es"
    assert reply_language({"language": None}, {"detected_language": {"code": "es"}}) == "es"
    assert reply_language({}, {}) == "en"
    assert reply_language({"language": "fr"}, None) == "en"


def test_fold_strips_accents_and_case():
    assert fold("INFORMACIÓN ¿Qué?") == "informacion ¿que?"
