#!/usr/bin/env bash
# Sets up everything the bot needs, idempotently (seconds when nothing changed):
#   Python 3.10 venv, pinned dependencies (pip check), spaCy pipelines, a trained model
#   matching the current data. `scripts/setup.sh test` also makes sure Chromium is there
#   for the browser tests; `scripts/setup.sh deps` stops before training (unit tests, linters).
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"  # TensorFlow start-up chatter
MODE="${1:-run}"
VENV=.venv

find_python() {
  local candidates=("${KYR_PYTHON:-}" python3.10 "$HOME/.pyenv/versions/3.10.13/bin/python3.10" /usr/bin/python3.10 python3)
  for py in "${candidates[@]}"; do
    [ -n "$py" ] || continue
    if PYENV_VERSION="${PYENV_VERSION:-3.10.13}" "$py" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; then
      echo "$py"; return 0
    fi
  done
  return 1
}

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; then
  PY=$(find_python) || {
    echo "ERROR: Rasa 3.6 needs Python 3.10 and none was found." >&2
    echo "Install it (e.g. 'pyenv install 3.10.13') or point KYR_PYTHON at a python3.10 binary, then run this again." >&2
    exit 1
  }
  echo "==> creating $VENV with $(PYENV_VERSION="${PYENV_VERSION:-3.10.13}" "$PY" --version)"
  rm -rf "$VENV"
  PYENV_VERSION="${PYENV_VERSION:-3.10.13}" "$PY" -m venv "$VENV"
fi

STAMP="$VENV/.installed"
WANT=$(cat requirements.txt requirements-dev.txt constraints.txt | sha256sum | cut -c1-16)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$WANT" ]; then
  echo "==> installing pinned dependencies (first run takes a few minutes)"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt -c constraints.txt
  "$VENV/bin/pip" check
  echo "$WANT" > "$STAMP"
fi

"$VENV/bin/python" -m bot build-spacy
# `deps`: what the unit tests and linters need (make test-fast, make lint); no model.
[ "$MODE" = "deps" ] && exit 0
"$VENV/bin/python" scripts/train_if_needed.py

# The tests also need a browser (web page) and a PostgreSQL server (the "by URL" option).
if [ "$MODE" = "test" ] || [ "$MODE" = "cluster" ]; then
  missing=()
  [ "$MODE" = "test" ] && { command -v chromium >/dev/null 2>&1 || missing+=(chromium); }
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)  # state shared by several Rasa servers
  command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)  # the balancer of `make cluster`
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      echo "==> installing Debian's ${missing[*]} for the tests"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "ERROR: the tests need Debian's ${missing[*]}: sudo apt-get install ${missing[*]}" >&2
      exit 1
    fi
  fi
fi
