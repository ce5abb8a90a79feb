# Quick start: `make run` (set up and start the bot), `make test` (set up and run every test).
SHELL := /bin/bash
export RASA_TELEMETRY_ENABLED := false
PY := .venv/bin/python

.PHONY: setup run cluster cluster-test test test-fast lint lint-checks format acceptance bench check-content validate train clean

setup:
	@scripts/setup.sh run

run: setup
	@scripts/run.sh

# Several processes on this machine as a bigger deployment runs them (PostgreSQL, Redis, 2 Rasa
# servers, 2 action servers, 2 workers, sweeper, HAProxy on the same port and paths as `make run`).
cluster:
	@scripts/setup.sh cluster
	@scripts/cluster.sh

# The proofs that no answer depends on which replica a message reaches (make test runs them too).
cluster-test:
	@scripts/setup.sh cluster
	@.venv/bin/pytest -q -p no:cacheprovider tests/cluster

# Two pytest-xdist workers on the 2 cores: the tests that talk to the launched bot run together in
# one (they share one stack), each other server or model module as a whole, the unit tests wherever
# a worker is free (tests/conftest.py groups them).
test:
	@scripts/setup.sh test
	@$(MAKE) --no-print-directory lint-checks
	@$(PY) -m bot.content.content_check
	@mkdir -p var && .venv/bin/rasa data validate --fail-on-warnings >/dev/null 2>var/validate.log || { cat var/validate.log; echo "rasa data validate failed"; exit 1; }
	@.venv/bin/pytest -q -p no:cacheprovider --durations=20 -n 2 --dist loadgroup tests

# The unit tests alone (a few minutes, on both cores): no Rasa server, model or database server (pytest.ini markers).
test-fast:
	@scripts/setup.sh deps
	@.venv/bin/pytest -q -p no:cacheprovider -n 2 -m unit tests

# ruff (lint and format check) on everything, mypy on the product code (bot/, actions/); `make test` runs them too.
lint:
	@scripts/setup.sh deps
	@$(MAKE) --no-print-directory lint-checks

lint-checks:
	@.venv/bin/ruff check --quiet . || { echo "ruff found problems: 'make format' fixes most"; exit 1; }
	@.venv/bin/ruff format --check --quiet . || { echo "files need formatting: run 'make format'"; exit 1; }
	@.venv/bin/mypy

format:
	@.venv/bin/ruff check --fix --quiet . ; .venv/bin/ruff format --quiet .

# The acceptance journeys alone (make test runs them too): whole conversations on REST, socket.io
# and SMS with the bot started by scripts/run.sh, exactly as `make run` starts it.
acceptance: setup
	@.venv/bin/pytest -q -p no:cacheprovider tests/acceptance

bench:
	@scripts/setup.sh cluster
	@$(PY) -m bench

check-content: setup
	@$(PY) -m bot.content.content_check

validate: setup
	@.venv/bin/rasa data validate --fail-on-warnings

clean:
	rm -rf models var build .pytest_cache
