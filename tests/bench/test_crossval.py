from collections import Counter

import pytest

from bench.crossval import pipeline_config, stratified_folds


def test_folds_are_stratified_by_intent_and_reproducible():
    intents = ["a"] * 10 + ["b"] * 5 + ["c"] * 2
    folds = stratified_folds(intents, 5)
    assert folds == stratified_folds(intents, 5)
    for intent, size in (("a", 2), ("b", 1)):
        assert Counter(f for f, i in zip(folds, intents) if i == intent) == {fold: size for fold in range(5)}
    assert len({f for f, i in zip(folds, intents) if i == "c"}) == 2  # a rare intent is spread, not doubled up


def test_config_overrides_and_drops_rewrite_the_production_pipeline():
    config = pipeline_config(
        ["DIETClassifier.epochs=40", "DIETClassifier.transformer_size=64"], ["CountVectorsFeaturizer#1"]
    )
    names = [c["name"] for c in config["pipeline"]]
    diet = next(c for c in config["pipeline"] if c["name"] == "DIETClassifier")
    assert diet["epochs"] == 40 and diet["transformer_size"] == 64
    assert names.count("CountVectorsFeaturizer") == 2 and "policies" not in config
    with pytest.raises(SystemExit):
        pipeline_config(["NoSuchComponent.epochs=1"])


def test_an_override_can_name_one_of_several_components_of_the_same_name():
    featurizers = [
        c
        for c in pipeline_config(["CountVectorsFeaturizer#2.min_df=5"])["pipeline"]
        if c["name"] == "CountVectorsFeaturizer"
    ]
    assert featurizers[2]["min_df"] == 5 and featurizers[2]["analyzer"] == "char_wb"
    assert all(c.get("min_df") != 5 for c in featurizers[:2])
    everywhere = pipeline_config(["CountVectorsFeaturizer.min_df=4"])["pipeline"]
    assert all(c["min_df"] == 4 for c in everywhere if c["name"] == "CountVectorsFeaturizer")
