from bench.nlu_metrics import evaluate


def test_accuracy_recall_macro_f1_and_fallback_equivalence():
    examples = [("a", "x"), ("b", "x"), ("c", "y"), ("d", "out_of_scope")]
    predictions = {"a": "x", "b": "y", "c": "y", "d": "nlu_fallback"}
    report = evaluate("en", predictions.get, examples)
    assert report.accuracy == 0.75
    assert report.recall("x") == 0.5 and report.recall("out_of_scope") == 1.0
    # x: tp 1, fn 1, fp 0 -> 2/3; y: tp 1, fp 1 -> 2/3; out_of_scope: 1
    assert abs(report.macro_f1 - (2 / 3 + 2 / 3 + 1) / 3) < 1e-9
    assert report.confusions() == [(("x", "y"), 1)]


def test_offering_both_answers_counts_when_one_of_them_is_right():
    examples = [("a", "right_to_lawyer"), ("b", "find_legal_aid"), ("c", "complaint")]
    predictions = {
        "a": "right_to_lawyer|find_legal_aid",
        "b": "right_to_lawyer|find_legal_aid",
        "c": "right_to_lawyer|find_legal_aid",
    }
    report = evaluate("en", predictions.get, examples)
    assert report.correct == 2
    assert report.confusions() == [(("complaint", "right_to_lawyer|find_legal_aid"), 1)]


def test_frozen_figures_show_no_message_text():
    from bench.nlu_metrics import format_frozen

    report = evaluate(
        "es",
        {"texto secreto": "crisis", "otro texto": "greet"}.get,
        [("texto secreto", "crisis"), ("otro texto", "thanks")],
    )
    line = format_frozen(report)
    assert line == "frozen [es] topic accuracy 0.500 (1/2), crisis recall 1.000"
    assert "texto" not in line and "greet" not in line
