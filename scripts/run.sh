#!/usr/bin/env bash
# Starts the action server, the handoff worker, the retention sweeper and the Rasa server,
# all on this machine with embedded defaults (SQLite under var/), and stops them together.
# Everything comes from the environment (defaults: scripts/env.sh and below), so the
# acceptance tests start this very script with their own ports and folders.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
PORT="${KYR_PORT:-5005}"
ACTION_PORT="${KYR_ACTION_PORT:-5055}"
DATA_DIR="${KYR_DATA_DIR:-var}"   # the bot's processes read KYR_DATA_DIR themselves (same default)
LOG_DIR="${KYR_LOG_DIR:-var/log}"
# KYR_MODEL: serve another model; default: the one trained for the current data.
MODEL="${KYR_MODEL:-$(.venv/bin/python -c 'from scripts import train_if_needed as t; print(t.model_path())')}"
# Dev-only Twilio token (a real one comes from the environment), created outside the repo.
export TWILIO_AUTH_TOKEN="${TWILIO_AUTH_TOKEN:-$(.venv/bin/python -c 'from bot.privacy.secrets import get_secret; print(get_secret("twilio_dev_auth_token"))')}"
# Shared secret between Rasa (endpoints.yml header) and the action server; dev key as above.
export KYR_ACTION_SECRET="${KYR_ACTION_SECRET:-$(.venv/bin/python -c 'from bot.privacy.secrets import get_secret; print(get_secret("action_secret"))')}"
# Everything the bot writes (databases, logs) is for this user only.
umask 077
mkdir -p "$DATA_DIR" "$LOG_DIR" && chmod 700 "$DATA_DIR" "$LOG_DIR"

pids=()
cleanup() { trap - INT TERM EXIT; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup INT TERM EXIT

# Loopback (KYR_ACTION_BIND) and the shared secret: see docs/SECURITY.md.
.venv/bin/python -m bot.action_server --actions actions --port "$ACTION_PORT" >"$LOG_DIR/actions.log" 2>&1 &
pids+=($!)
.venv/bin/python -m bot worker >"$LOG_DIR/worker.log" 2>&1 &
pids+=($!)
.venv/bin/python -m bot sweep --loop 600 >"$LOG_DIR/sweeper.log" 2>&1 &
pids+=($!)

# The HTTP API is on only when RASA_API_TOKEN is set; bot.server.rasa_server reads the token from the
# environment itself, so it never shows in the process list.
.venv/bin/python -m bot.server.rasa_server run --model "$MODEL" --interface "$KYR_BIND" --port "$PORT" --credentials credentials.yml --endpoints endpoints.yml \
  --cors "$KYR_PUBLIC_URL" >"$LOG_DIR/rasa.log" 2>&1 &
pids+=($!)

printf "Starting the bot (about 30 s)"
for _ in $(seq 1 180); do
  if curl -fs "http://127.0.0.1:$PORT/" >/dev/null 2>&1; then break; fi
  if ! kill -0 "${pids[-1]}" 2>/dev/null; then echo; echo "ERROR: the Rasa server stopped; see $LOG_DIR/rasa.log" >&2; exit 1; fi
  printf "."; sleep 1
done
echo
cat <<MSG
The bot is running.
  Web chat:      $KYR_PUBLIC_URL/chat          (Spanish: $KYR_PUBLIC_URL/chat?lang=es)
  REST channel:  GET $KYR_PUBLIC_URL/webhooks/rest/session (a conversation id), then
                 POST $KYR_PUBLIC_URL/webhooks/rest/webhook  {"sender": "<that id>", "message": "hola"}
  socket.io:     $KYR_PUBLIC_URL/socket.io
  SMS (Twilio):  $KYR_TWILIO_WEBHOOK_URL
  Action server: http://127.0.0.1:$ACTION_PORT   Logs: $LOG_DIR/
  HTTP API:      $( [ -n "${RASA_API_TOKEN:-}" ] && echo "on (token from RASA_API_TOKEN)" || echo "off (set RASA_API_TOKEN to enable)" )
Press Ctrl+C to stop.
MSG
wait -n "${pids[@]}"
echo "A process stopped; shutting down (see $LOG_DIR/)." >&2
