"""Rasa 3.6 server hot spots replaced by equivalent, cached versions (installed by ``bot.server.rasa_server``).

* Rasa validates every action-server response with ``jsonschema.validate``, which re-checks
  the (constant) schema itself on each call: ~25-50 ms per custom action on this machine, more
  than the whole rest of a turn. The schema is now compiled once; the instance is validated
  exactly as before and errors carry Rasa's own hint.
* Graph runs (NLU once and policies twice per message) skip dask: see ``_graph_run``.
* ``Domain.is_empty`` serializes the whole domain and a new empty one to compare them, and the
  processor asks on every message; a loaded domain does not change, so the answer is kept.
* DIET's prediction goes through a ``tf.function`` with a fixed input signature, yet TensorFlow
  matches the inputs against it on every call (~0.5 ms of ~2.8 ms). After Rasa's own first call
  builds it, its one concrete function is called directly: same graph, same outputs.

And one for training (``python -m bot.server.rasa_server train``, run by ``scripts/train_if_needed.py``):

* After each step of a training, Rasa's ``TrainingHook`` fingerprints the step's whole output (every
  message's data, tokens and features re-hashed as JSON) for its training cache: ~15 s of CPU per
  training here. The fingerprints serve that cache only; with the cache turned off
  (``RASA_MAX_CACHE_SIZE=0``, as ``train_if_needed`` runs it) they are skipped. With the cache on,
  Rasa's hooks run unchanged.
* ``CountVectorsFeaturizer.process_training_data`` featurizes example by example: two sklearn
  ``transform`` calls and two SciPy conversions per example and attribute, ~0.5 ms each in checks and
  set-up (~14,400 examples: 7-15 s per featurizer, three featurizers). Now one ``transform`` per
  attribute over every example's tokens and one over the joined texts, cut into the same COO matrices
  (1.5-2.7 s per featurizer; tests compare every matrix with Rasa's own). Messages at inference
  (``process``) go Rasa's way.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Mapping
from typing import Any

_validator: Any | None = None


def _validate_action_result(self: Any, result: dict[str, Any]) -> bool:
    from jsonschema import ValidationError
    from jsonschema.validators import validator_for

    global _validator
    if _validator is None:
        schema = self.action_response_format_spec()
        cls = validator_for(schema)
        cls.check_schema(schema)
        _validator = cls(schema)
    try:
        _validator.validate(result)
        return True
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the "
            "Action endpoint is valid. For more information about the format visit https://rasa.com/docs/rasa/custom-actions"
        )
        raise error


_PLANS = "_kyr_plans"


def _graph_run(self: Any, inputs: dict[str, Any] | None = None, targets: list[str] | None = None) -> dict[str, Any]:
    """``DaskGraphRunner.run`` without dask: the same nodes, called in dependency order.

    Rasa rebuilds the minimal schema and a dask graph on every run and lets dask's generic
    scheduler walk it (and formats every input into a debug message, even when debug logging
    is off): ~10% of a message's time, three graph runs per message. The order of the nodes for
    a set of targets is computed once.
    """
    from rasa.engine.exceptions import GraphRunError

    run_targets = list(targets) if targets else list(self._graph_schema.target_names)
    plans = self.__dict__.setdefault(_PLANS, {})
    plan = plans.get(tuple(run_targets))
    if plan is None:
        schema = self._graph_schema.minimal_graph_schema(run_targets)
        order: list[str] = []

        def visit(name: str, path: tuple[str, ...] = ()) -> None:
            if name in order or name not in schema.nodes:
                return
            if name in path:
                raise GraphRunError(f"Cycle in the graph at node '{name}'.")
            for need in schema.nodes[name].needs.values():
                visit(need, path + (name,))
            order.append(name)

        for target in run_targets:
            visit(target)
        plan = [(name, tuple(schema.nodes[name].needs.values())) for name in order]
        plans[tuple(run_targets)] = plan
    values: dict[str, Any] = {}
    for input_name, input_value in (inputs or {}).items():
        if isinstance(input_value, str) and any(input_value == name for name, _ in plan):
            raise GraphRunError(
                f"Input value '{input_value}' clashes with a node name. Make sure that none of the input names "
                f"passed to the `run` method are the same as node names in the graph schema."
            )
        values[input_name] = (input_name, input_value)  # what dask hands a node for an input
    try:
        for name, needs in plan:
            # As dask: a need that is no key of the graph is passed as the literal string.
            values[name] = self._instantiated_nodes[name](*(values.get(need, need) for need in needs))
    except RuntimeError as error:
        raise GraphRunError("Error running runner.") from error
    return dict(values[target] for target in run_targets)


_IS_EMPTY = "_kyr_is_empty"


def _make_is_empty(original: Any) -> Any:
    def is_empty(self: Any) -> bool:
        if _IS_EMPTY not in self.__dict__:
            self.__dict__[_IS_EMPTY] = original(self)
        return self.__dict__[_IS_EMPTY]

    return is_empty


_CONCRETE = "_kyr_concrete_predict_step"


def _make_rasa_predict(original: Any) -> Any:
    def _rasa_predict(self: Any, batch_in: Any) -> dict[str, Any]:
        concrete = getattr(self, _CONCRETE, None)
        if concrete is None:
            outputs = original(self, batch_in)  # Rasa's path; builds the tf.function on first use
            if getattr(self, "_tf_predict_step", None) is not None and not self._run_eagerly:
                setattr(self, _CONCRETE, self._tf_predict_step.get_concrete_function())
            return outputs
        from keras.utils import tf_utils  # as rasa.utils.tensorflow.models uses it
        from rasa.shared.constants import DIAGNOSTIC_DATA

        self._training = False
        outputs = tf_utils.sync_to_numpy_or_python_type(concrete(batch_in))
        if DIAGNOSTIC_DATA in outputs:
            outputs[DIAGNOSTIC_DATA] = self._empty_lists_to_none_in_dict(outputs[DIAGNOSTIC_DATA])
        return outputs

    return _rasa_predict


def _make_count_vectors_training(original: Any) -> Any:
    """``CountVectorsFeaturizer.process_training_data`` with one sklearn ``transform`` per attribute.

    Rasa featurizes the training examples one by one, two ``transform`` calls per message and
    attribute (sequence: each token as a document; sentence: the tokens joined), and each call pays
    sklearn's checks and set-up again. A token's row and a text's row depend on that token or text
    alone, so all tokens of all messages go through one call and all joined texts through another;
    each message gets its slice of the rows, then Rasa's own ``sort_indices`` and ``tocoo``, and its
    features are added in Rasa's order (message by message, attribute by attribute).
    """

    # Rasa's graph validation reads the return annotation (Fingerprintable TrainingData) through wraps.
    @functools.wraps(original)
    def process_training_data(self: Any, training_data: Any) -> Any:
        if self.vectorizers is None:  # Rasa's own path logs the error
            return original(self, training_data)
        _count_vectors_in_batches(self, training_data.training_examples)
        return training_data

    return process_training_data


def _count_vectors_in_batches(self: Any, messages: list[Any]) -> None:
    from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES

    # attribute -> (sequence features, sentence features), one entry per message (None: no feature)
    per_attribute: dict[str, tuple[list[Any], list[Any]]] = {}
    for attribute in self._attributes:
        all_tokens = [self._get_processed_message_tokens_by_attribute(m, attribute) for m in messages]
        sequences: list[Any] = [None] * len(messages)
        sentences: list[Any] = [None] * len(messages)
        per_attribute[attribute] = (sequences, sentences)
        present = [i for i, tokens in enumerate(all_tokens) if tokens]
        if not self.vectorizers.get(attribute) or not present:
            continue  # Rasa's _create_features gives (None, None) for these too
        vectorizer = self.vectorizers[attribute]
        bounds, start = [], 0
        for i in present:
            bounds.append((start, start + len(all_tokens[i])))
            start += len(all_tokens[i])
        rows = vectorizer.transform([token for i in present for token in all_tokens[i]])
        for i, coo in zip(present, _coo_rows(rows, bounds)):
            sequences[i] = coo
        if attribute in DENSE_FEATURIZABLE_ATTRIBUTES:
            texts = vectorizer.transform([" ".join(all_tokens[i]) for i in present])
            for i, coo in zip(present, _coo_rows(texts, [(r, r + 1) for r in range(len(present))])):
                sentences[i] = coo
    for index, message in enumerate(messages):
        for attribute in self._attributes:
            sequences, sentences = per_attribute[attribute]
            self.add_features_to_message(sequences[index], sentences[index], attribute, message)


# What a COO matrix holds in the SciPy release these were checked with (1.10): other attributes mean
# another layout, and then every matrix goes through SciPy's constructor.
_COO_ATTRIBUTES = {"_shape", "maxprint", "row", "col", "data", "has_canonical_format"}


def _coo_rows(matrix: Any, bounds: list[tuple[int, int]]) -> list[Any]:
    """Rows ``start:end`` of a CSR matrix for each bound, as Rasa makes them: ``sort_indices`` then ``tocoo``.

    Slicing the CSR matrix and converting each slice costs ~0.2 ms of SciPy's checks per message and
    attribute, more than the ``transform`` itself saves. The arrays are cut from the whole matrix instead
    (own copies, as ``tocoo`` gives); the first matrix comes from SciPy's constructor and the others are
    built like it: same class, attributes, dtypes and values (tests/bot/test_rasa_speedups.py).
    """
    import numpy as np
    import scipy.sparse

    matrix.sort_indices()  # sklearn's transform sorts already; Rasa sorts each slice (a no-op then)
    indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    width = matrix.shape[1]
    row_of = np.repeat(np.arange(matrix.shape[0], dtype=indices.dtype), np.diff(indptr))
    out: list[Any] = []
    template: Any = None
    for start, end in bounds:
        low, high = indptr[start], indptr[end]
        parts = (data[low:high].copy(), row_of[low:high] - start, indices[low:high].copy())
        if template is None:
            coo = scipy.sparse.coo_matrix((parts[0], (parts[1], parts[2])), shape=(end - start, width))
            if set(vars(coo)) == _COO_ATTRIBUTES and not coo.has_canonical_format:
                template = coo
        else:
            coo = object.__new__(scipy.sparse.coo_matrix)
            coo.__dict__.update(
                template.__dict__,
                _shape=(end - start, width),
                data=parts[0],
                row=parts[1].astype(template.row.dtype, copy=False),
                col=parts[2].astype(template.col.dtype, copy=False),
            )
        out.append(coo)
    return out


def _make_cache_hook(original: Any, skipped: Any) -> Any:
    """``TrainingHook.on_before_node``/``on_after_node``, skipped (``skipped`` returned) without a cache."""

    def hook(self: Any, *args: Any, **kwargs: Any) -> Any:
        cache = getattr(self, "_cache", None)
        if cache is not None and cache._is_disabled():
            return skipped
        return original(self, *args, **kwargs)

    return hook


# The one Rasa release these replacements were read against and tested on. Another release may
# have changed what they replace: then none is installed and the server runs Rasa as shipped.
TESTED_RASA = "3.6.21"
# Comma-separated names of PATCHES to leave out ("all" for every one), e.g. to measure one.
DISABLE_ENV = "KYR_DISABLE_SPEEDUPS"

logger = logging.getLogger(__name__)


def _targets() -> dict[str, tuple[Any, str, Callable[[Any], Any]]]:
    """name -> (class, attribute, replacement built from Rasa's original)."""
    from rasa.core.actions.action import RemoteAction
    from rasa.engine.runner.dask import DaskGraphRunner
    from rasa.engine.training.hooks import TrainingHook
    from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
    from rasa.shared.core.domain import Domain
    from rasa.utils.tensorflow.models import RasaModel

    return {
        "action_result_validation": (RemoteAction, "_validate_action_result", lambda original: _validate_action_result),
        "graph_runner": (DaskGraphRunner, "run", lambda original: _graph_run),
        "domain_is_empty": (Domain, "is_empty", _make_is_empty),
        "diet_concrete_function": (RasaModel, "_rasa_predict", _make_rasa_predict),
        # on_before_node returns what on_after_node receives; both only feed the training cache.
        "training_cache_hooks_before": (
            TrainingHook,
            "on_before_node",
            lambda original: _make_cache_hook(original, {}),
        ),
        "training_cache_hooks_after": (
            TrainingHook,
            "on_after_node",
            lambda original: _make_cache_hook(original, None),
        ),
        "count_vectors_batched": (CountVectorsFeaturizer, "process_training_data", _make_count_vectors_training),
    }


PATCHES = (
    "action_result_validation",
    "graph_runner",
    "domain_is_empty",
    "diet_concrete_function",
    "training_cache_hooks_before",
    "training_cache_hooks_after",
    "count_vectors_batched",
)
_originals: dict[str, tuple[Any, str, Any]] = {}


def disabled(environ: Mapping[str, str] | None = None) -> set[str]:
    raw = (environ if environ is not None else os.environ).get(DISABLE_ENV, "")
    names = {n.strip() for n in raw.split(",") if n.strip()}
    return set(PATCHES) if "all" in names else names


def install(rasa_version: str | None = None) -> list[str]:
    """Install every patch not disabled, on the tested Rasa release only; returns what is installed.

    Idempotent. Only ``bot.server.rasa_server.prepare`` calls it (the Rasa server, and training).
    """
    import rasa

    version = rasa_version or rasa.__version__
    if version != TESTED_RASA:
        logger.warning(
            "Rasa %s is not %s, the release bot.server.rasa_speedups was checked against: "
            "running Rasa as shipped, without the speedups",
            version,
            TESTED_RASA,
        )
        return []
    off = disabled()
    for name, (owner, attribute, build) in _targets().items():
        if name in off or name in _originals:
            continue
        original = getattr(owner, attribute)
        _originals[name] = (owner, attribute, original)
        replacement = build(original)
        setattr(owner, attribute, replacement)
    installed = [name for name in PATCHES if name in _originals]
    logger.info("Rasa speedups installed: %s", ", ".join(installed) or "none")
    return installed


def uninstall() -> None:
    """Put Rasa's own functions back (tests, and comparisons with unpatched Rasa)."""
    for name in list(_originals):
        owner, attribute, original = _originals.pop(name)
        setattr(owner, attribute, original)


def original(name: str) -> Any:
    """Rasa's own function that patch ``name`` replaced (while installed)."""
    return _originals[name][2]


def installed() -> list[str]:
    return [name for name in PATCHES if name in _originals]
