from collections import Counter

import pytest

from bench.crossval import CV_LANGS, TRAIN_ONLY, data_at, folds_like, pipeline_config, stratified_folds


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


def test_folds_like_a_base_keep_old_examples_in_their_fold_and_train_on_new_ones():
    base_texts = ["a1", "a2", "a3", "b1", "b2"]
    base_folds = stratified_folds(["a", "a", "a", "b", "b"], 2)
    texts = ["new", "b2", "a1", "a3", "also new"]  # reordered, one base example gone, two added
    folds = folds_like(texts, base_texts, base_folds)
    assert folds == [TRAIN_ONLY, base_folds[4], base_folds[0], base_folds[2], TRAIN_ONLY]
    assert TRAIN_ONLY not in range(2)  # never equal to a fold number, so never held out


def test_the_base_data_is_read_from_git(tmp_path):
    folder = data_at("HEAD", tmp_path)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{lang}.yml" for lang in CV_LANGS)
    with pytest.raises(SystemExit, match="no-such-ref"):
        data_at("no-such-ref", tmp_path)
