"""bot.server.rasa_speedups: the replaced Rasa hot spots behave like the originals."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.utils.endpoints import EndpointConfig

from bot.server import rasa_speedups


@pytest.fixture(autouse=True)
def installed() -> Iterator[None]:
    """Installed for each test and removed after it, so no later test runs a patched Rasa."""
    assert rasa_speedups.install() == list(rasa_speedups.PATCHES)
    assert rasa_speedups.install() == list(rasa_speedups.PATCHES)  # idempotent
    yield
    rasa_speedups.uninstall()


def test_an_untested_rasa_release_gets_no_patch() -> None:
    rasa_speedups.uninstall()
    originals = (RemoteAction._validate_action_result, DaskGraphRunner.run)
    assert rasa_speedups.install(rasa_version="3.7.0") == []
    assert (RemoteAction._validate_action_result, DaskGraphRunner.run) == originals


def test_each_patch_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    rasa_speedups.uninstall()
    monkeypatch.setenv(rasa_speedups.DISABLE_ENV, "graph_runner, diet_concrete_function")
    assert rasa_speedups.install() == [
        "action_result_validation",
        "domain_is_empty",
        "training_cache_hooks_before",
        "training_cache_hooks_after",
        "count_vectors_batched",
    ]
    assert DaskGraphRunner.run is not rasa_speedups._graph_run
    rasa_speedups.uninstall()
    monkeypatch.setenv(rasa_speedups.DISABLE_ENV, "all")
    assert rasa_speedups.install() == []


def test_uninstall_restores_rasa() -> None:
    graph_run = rasa_speedups.original("graph_runner")
    rasa_speedups.uninstall()
    assert DaskGraphRunner.run is graph_run and rasa_speedups.installed() == []


def remote() -> RemoteAction:
    return RemoteAction("action_more", EndpointConfig("http://127.0.0.1:1/webhook"))


def test_valid_action_server_responses_pass() -> None:
    response = {"events": [{"event": "slot", "name": "language", "value": "es"}], "responses": [{"text": "hola"}]}
    assert remote()._validate_action_result(response) is True


@pytest.mark.parametrize("bad", [{"events": "not a list"}, {"events": [{"no_event_key": 1}]}, {"responses": [1]}])
def test_invalid_responses_fail_with_rasa_hint(bad: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as error:
        remote()._validate_action_result(bad)
    assert "Failed to validate Action server response" in error.value.message


class FakeConcrete:
    def __init__(self) -> None:
        self.calls: list[Any] = []

    def __call__(self, batch: Any) -> dict[str, Any]:
        self.calls.append(batch)
        return {"intent": [[0.9]], "diagnostic_data": {"attention": []}}


class FakeModel:
    """Just what Rasa's _rasa_predict path touches."""

    _run_eagerly = False

    def __init__(self, concrete: FakeConcrete) -> None:
        self.concrete, self.original_calls, self._tf_predict_step = concrete, 0, None

    def _empty_lists_to_none_in_dict(self, data: dict[str, Any]) -> dict[str, Any]:
        return {k: (None if v == [] else v) for k, v in data.items()}


def test_prediction_uses_rasa_once_then_the_concrete_function() -> None:
    concrete = FakeConcrete()

    def original(self: FakeModel, batch: Any) -> dict[str, Any]:
        self.original_calls += 1
        self._tf_predict_step = type("TfFunction", (), {"get_concrete_function": lambda _: concrete})()
        return {"intent": [[0.9]]}

    predict = rasa_speedups._make_rasa_predict(original)
    model = FakeModel(concrete)
    assert predict(model, "batch-1") == {"intent": [[0.9]]}
    out = predict(model, "batch-2")
    assert model.original_calls == 1 and concrete.calls == ["batch-2"]
    assert out["diagnostic_data"] == {"attention": None}  # as Rasa post-processes it


# -- graph runs without dask ---------------------------------------------------------------------
from pathlib import Path  # noqa: E402

from rasa.engine.exceptions import GraphRunError  # noqa: E402
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode  # noqa: E402
from rasa.engine.storage.local_model_storage import LocalModelStorage  # noqa: E402


class Const(GraphComponent):
    def __init__(self, config: dict[str, Any]) -> None:
        self.value = config["value"]

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: Any, resource: Any, execution_context: Any) -> Const:
        return cls(config)

    def get(self) -> Any:
        return self.value


class Combine(Const):
    order: list[str] = []

    def combine(self, left: Any, right: Any) -> Any:
        Combine.order.append(self.value)
        return [self.value, left, right]


def schema() -> GraphSchema:
    def node(cls: type, fn: str, value: Any, needs: dict[str, str], target: bool = False) -> SchemaNode:
        return SchemaNode(
            needs=needs, uses=cls, constructor_name="create", fn=fn, config={"value": value}, is_target=target
        )

    return GraphSchema(
        {
            "a": node(Const, "get", 1, {}),
            "b": node(Combine, "combine", "b", {"left": "a", "right": "__message__"}),
            "c": node(Combine, "combine", "c", {"left": "b", "right": "a"}, target=True),
            "d": node(Combine, "combine", "d", {"left": "a", "right": "__tracker__"}, target=True),
            "unused": node(Const, "get", "x", {}),
        }
    )


def runner(tmp_path: Path) -> DaskGraphRunner:
    return DaskGraphRunner.create(schema(), LocalModelStorage(tmp_path), ExecutionContext(schema(), "test"), [])


@pytest.mark.parametrize("targets", [["c"], ["d"], ["c", "d"], None])
def test_graph_runs_give_what_dask_gives(tmp_path: Path, targets: Any) -> None:
    graph = runner(tmp_path)
    inputs = {"__message__": ["hola"], "__tracker__": {"sender": "fake"}}
    dask_run = rasa_speedups.original("graph_runner")
    assert graph.run(inputs=inputs, targets=targets) == dask_run(graph, inputs=inputs, targets=targets)


def test_a_missing_input_fails_as_with_dask(tmp_path: Path) -> None:
    graph = runner(tmp_path)
    for run in (DaskGraphRunner.run, rasa_speedups.original("graph_runner")):
        with pytest.raises(GraphRunError, match="Missing input"):
            run(graph, inputs={"__message__": ["hola"]}, targets=["d"])


def test_graph_nodes_run_once_in_dependency_order(tmp_path: Path) -> None:
    Combine.order = []
    runner(tmp_path).run(inputs={"__message__": "m"}, targets=["c"])
    assert Combine.order == ["b", "c"]


def test_an_input_named_like_a_node_is_refused(tmp_path: Path) -> None:
    with pytest.raises(GraphRunError):
        runner(tmp_path).run(inputs={"__message__": "b"}, targets=["c"])


def test_domain_emptiness_is_answered_as_rasa_does() -> None:
    from rasa.shared.core.domain import Domain

    full = Domain.from_yaml('version: "3.1"\nintents: [greet]\nresponses:\n  utter_greet: [{text: hi}]\n')
    assert full.is_empty() is False and full.is_empty() is False
    assert Domain.empty().is_empty() is True
    assert rasa_speedups.original("domain_is_empty")(full) is False


# Training: Rasa's cache hooks are skipped when its training cache is off, and only then.
TINY_NLU = """version: "3.1"
nlu:
- intent: greet
  examples: |
    - hello there
    - hi friend
    - good morning
    - hey you
- intent: lawyer
  examples: |
    - i need a lawyer
    - where is legal help
    - can a lawyer help me
    - find me an attorney
"""
TINY_CONFIG = """recipe: default.v1
assistant_id: tiny-test
language: en
pipeline:
- name: WhitespaceTokenizer
- name: CountVectorsFeaturizer
- name: LogisticRegressionClassifier
policies: []
"""


def _train_tiny(tmp_path: Path, name: str) -> list[tuple[str, float]]:
    """Train a small deterministic NLU model and return its (intent, confidence) for a few messages."""
    import asyncio

    from rasa.core.agent import Agent
    from rasa.model_training import train_nlu

    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "nlu.yml").write_text(TINY_NLU)
    (tmp_path / "config.yml").write_text(TINY_CONFIG)
    model = train_nlu(
        str(tmp_path / "config.yml"), str(tmp_path / "nlu.yml"), str(tmp_path / "models"), fixed_model_name=name
    )
    agent = Agent.load(model)
    parsed = [asyncio.run(agent.parse_message(text)) for text in ("hello", "i want a lawyer", "morning friend")]
    return [(p["intent"]["name"], round(p["intent"]["confidence"], 12)) for p in parsed]


def test_training_without_the_cache_skips_the_fingerprints_and_trains_what_rasa_trains(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rasa.shared.utils import io as rasa_io

    monkeypatch.setenv("RASA_MAX_CACHE_SIZE", "0")
    monkeypatch.setenv("RASA_CACHE_DIRECTORY", str(tmp_path / "cache"))
    calls = []
    fingerprint = rasa_io.deep_container_fingerprint
    monkeypatch.setattr(rasa_io, "deep_container_fingerprint", lambda *a, **k: calls.append(1) or fingerprint(*a, **k))
    patched = _train_tiny(tmp_path / "patched", "patched")
    patched_calls = len(calls)
    rasa_speedups.uninstall()
    calls.clear()
    unpatched = _train_tiny(tmp_path / "unpatched", "unpatched")
    assert patched == unpatched
    assert len(calls) > patched_calls, "the patched training should fingerprint less than Rasa's"


def test_training_with_the_cache_keeps_rasa_s_hooks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.engine.training.hooks import TrainingHook

    monkeypatch.setenv("RASA_CACHE_DIRECTORY", str(tmp_path / "cache"))
    monkeypatch.delenv("RASA_MAX_CACHE_SIZE", raising=False)
    seen = []
    before = rasa_speedups.original("training_cache_hooks_before")
    monkeypatch.setattr(
        rasa_speedups._originals["training_cache_hooks_before"][0],
        "on_before_node",
        rasa_speedups._make_cache_hook(lambda *a, **k: seen.append(1) or before(*a, **k), {}),
    )
    assert TrainingHook.on_before_node is not before
    _train_tiny(tmp_path, "cached")
    assert seen, "Rasa's own hook must run while the cache is on"
    assert any((tmp_path / "cache").iterdir()), "the cache is written as before"


# CountVectorsFeaturizer.process_training_data in batches: the features of Rasa's own, exactly.

from rasa.engine.storage.resource import Resource  # noqa: E402
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer  # noqa: E402
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer  # noqa: E402
from rasa.shared.nlu.constants import (  # noqa: E402
    ACTION_NAME,
    ACTION_TEXT,
    INTENT,
    INTENT_RESPONSE_KEY,
    RESPONSE,
    TEXT,
)
from rasa.shared.nlu.training_data.loading import load_data  # noqa: E402
from rasa.shared.nlu.training_data.message import Message  # noqa: E402
from rasa.shared.nlu.training_data.training_data import TrainingData  # noqa: E402

from bot import settings  # noqa: E402

# config.yml's three featurizers, and variants that take Rasa's other paths (OOV token, shared vocabulary,
# binary counts, a vocabulary of words seen once).
FEATURIZER_CONFIGS = [
    {"use_lemma": False, "ngram_range": [1, 2], "min_df": 2},
    {"min_df": 2},
    {"analyzer": "char_wb", "min_ngram": 2, "max_ngram": 4, "min_df": 2},
    {"OOV_token": "oov", "OOV_words": ["estas", "foo"]},
    {"use_shared_vocab": True, "use_lemma": False},
    {"analyzer": "char", "max_ngram": 3, "binary": True},
]


def _odd_messages() -> list[Message]:
    """Every kind of training example Rasa hands the featurizers, including ones with nothing to featurize."""
    return [
        Message(data={TEXT: "hola como estas", INTENT: "greet"}),
        Message(data={TEXT: "Hola, como ESTAS? tengo 15 años", INTENT: "greet"}),
        Message(data={TEXT: "i am 17 and my case manager asked", INTENT: "ask"}),
        Message(data={TEXT: "zzqx", INTENT: "ask"}),  # a word no vocabulary keeps (min_df 2): zero rows
        Message(data={TEXT: "", INTENT: "greet"}),  # empty text: no tokens, no features
        Message(data={INTENT: "greet"}),  # intent only (from the domain and the rules)
        Message(data={ACTION_NAME: "utter_greet"}),  # action only
        Message(data={ACTION_TEXT: "hola, soy el bot"}),
        Message(data={TEXT: "texto sin intencion"}),
        Message(data={TEXT: "what is faq", INTENT: "faq", INTENT_RESPONSE_KEY: "faq/ask", RESPONSE: "an answer"}),
        Message(data={}),
    ]


def _training_data(messages: list[Message]) -> TrainingData:
    data = TrainingData([Message(data=dict(m.data)) for m in messages])
    tokenizer = WhitespaceTokenizer({**WhitespaceTokenizer.get_default_config()})
    tokenizer.process_training_data(data)
    return data


def _featurized(messages: list[Message], config: dict[str, Any], tmp_path: Path, patched: bool) -> list[Message]:
    tmp_path.mkdir()
    data = _training_data(messages)
    featurizer = CountVectorsFeaturizer.create(
        {**CountVectorsFeaturizer.get_default_config(), **config},
        LocalModelStorage(tmp_path),
        Resource(f"cvf-{patched}"),
        ExecutionContext(GraphSchema({}), node_name="run_CountVectorsFeaturizer2"),
    )
    featurizer.train(data)
    if patched:
        assert CountVectorsFeaturizer.process_training_data is not rasa_speedups.original("count_vectors_batched")
        assert featurizer.process_training_data(data) is data
    else:
        rasa_speedups.original("count_vectors_batched")(featurizer, data)
    return data.training_examples


def _layout(matrix: Any) -> tuple[Any, ...]:
    shape = [(n, type(n)) for n in matrix.shape]
    return type(matrix), sorted(vars(matrix)), shape, matrix.dtype, matrix.has_canonical_format, matrix.maxprint


def _arrays(matrix: Any) -> list[tuple[Any, ...]]:
    return [(a.dtype, a.shape, a.flags.c_contiguous, a.tolist()) for a in (matrix.data, matrix.row, matrix.col)]


def _assert_same_features(patched: list[Message], rasa: list[Message]) -> None:
    assert len(patched) == len(rasa)
    for ours, theirs in zip(patched, rasa):
        assert [(f.type, f.attribute, f.origin) for f in ours.features] == [
            (f.type, f.attribute, f.origin) for f in theirs.features
        ], ours.data
        for a, b in zip(ours.features, theirs.features):
            assert _layout(a.features) == _layout(b.features), ours.data
            assert _arrays(a.features) == _arrays(b.features), ours.data
            assert (a.features.toarray() == b.features.toarray()).all()


@pytest.mark.parametrize("config", FEATURIZER_CONFIGS)
def test_batched_count_vectors_give_rasa_s_features(config: dict[str, Any], tmp_path: Path) -> None:
    messages = _odd_messages() * 3  # repeated so that min_df 2 keeps words
    messages.append(Message(data={TEXT: "una palabra unica", INTENT: "ask"}))
    ours = _featurized(messages, config, tmp_path / "ours", patched=True)
    rasa = _featurized(messages, config, tmp_path / "rasa", patched=False)
    _assert_same_features(ours, rasa)
    assert any(m.features for m in ours)
    assert not any(m.features for m in ours if not any(m.get(a) for a in (TEXT, INTENT, ACTION_NAME, ACTION_TEXT)))


@pytest.mark.parametrize("config", FEATURIZER_CONFIGS[:3])
def test_batched_count_vectors_on_the_bot_s_training_data(config: dict[str, Any], tmp_path: Path) -> None:
    messages = load_data(str(settings.PROJECT_ROOT / "data/nlu/es.yml")).training_examples
    messages = [Message(data={k: v for k, v in m.data.items() if k in (TEXT, INTENT)}) for m in messages]
    messages += _odd_messages()
    ours = _featurized(messages, config, tmp_path / "ours", patched=True)
    rasa = _featurized(messages, config, tmp_path / "rasa", patched=False)
    _assert_same_features(ours, rasa)


def test_batched_count_vectors_without_vectorizers_do_as_rasa_does(tmp_path: Path) -> None:
    featurizer = CountVectorsFeaturizer.create(
        CountVectorsFeaturizer.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("none"),
        ExecutionContext(GraphSchema({}), node_name="none"),
    )
    featurizer.vectorizers = None
    data = _training_data(_odd_messages())
    assert featurizer.process_training_data(data) is data
    assert not any(m.features for m in data.training_examples)
