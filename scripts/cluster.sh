#!/usr/bin/env bash
# `make cluster`: the bot as several processes on one machine, the way a bigger deployment runs it:
# PostgreSQL (conversations and handoff outbox), Redis (Rasa's lock store, SMS options, rate limits),
# 2 Rasa servers, 2 action servers, 2 handoff workers, the retention sweeper, and HAProxy serving the
# same public port and paths as `make run` (REST, socket.io with sticky sessions, SMS, web page).
# Debian's postgresql, redis-server and haproxy are installed by scripts/setup.sh. Ctrl+C stops all.
# Ports and folders come from the environment, so tests/cluster starts this very script.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
PORT="${KYR_PORT:-5005}"
BASE="${KYR_CLUSTER_BASE_PORT:-5100}"            # replicas listen on BASE+1.., never on PORT
DIR="${KYR_CLUSTER_DIR:-var/cluster}"
LOG_DIR="${KYR_LOG_DIR:-$DIR/log}"
RASA_PORTS=($((BASE + 1)) $((BASE + 2)))
ACTION_PORTS=($((BASE + 51)) $((BASE + 52)))
REDIS_PORT="${KYR_REDIS_PORT:-$((BASE + 90))}"
MODEL="${KYR_MODEL:-$(.venv/bin/python -c 'from scripts import train_if_needed as t; print(t.model_path())')}"
export TWILIO_AUTH_TOKEN="${TWILIO_AUTH_TOKEN:-$(.venv/bin/python -c 'from bot.privacy.secrets import get_secret; print(get_secret("twilio_dev_auth_token"))')}"
export KYR_ACTION_SECRET="${KYR_ACTION_SECRET:-$(.venv/bin/python -c 'from bot.privacy.secrets import get_secret; print(get_secret("action_secret"))')}"
umask 077
mkdir -p "$DIR" "$LOG_DIR"
DIR="$(cd "$DIR" && pwd)"
LOG_DIR="$(cd "$LOG_DIR" && pwd)"

pids=()
names=()
start() {  # start NAME LOGFILE COMMAND...: run in the background, remember it
  local name="$1" log="$2"
  shift 2
  "$@" >"$log" 2>&1 &
  pids+=($!)
  names+=("$name")
}
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
as_db_user() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  trap - INT TERM EXIT
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  [ -d "$DIR/pg/data" ] && as_db_user "$PG_BIN/pg_ctl" -D "$DIR/pg/data" -m fast stop >/dev/null 2>&1 || true
}
trap cleanup INT TERM EXIT

# PostgreSQL: a private cluster under $DIR, Unix socket only (no TCP port).
# As root the database runs as `postgres`, which must be able to pass through (not read) the folders
# above its data: make the project's own folders on the way traversable (files in them stay 0600).
if [ "$(id -u)" = "0" ]; then
  p="$DIR"
  while [ "$p" != "/" ] && [ "${p#"$PWD"}" != "$p" ]; do chmod o+x "$p"; p="$(dirname "$p")"; done
  chmod 711 "$DIR"
  if ! runuser -u postgres -- test -x "$DIR"; then
    echo "ERROR: PostgreSQL runs as the postgres user and cannot reach $DIR; set KYR_CLUSTER_DIR to a folder it can reach (e.g. under /tmp)." >&2
    exit 1
  fi
fi
if [ ! -d "$DIR/pg/data" ]; then
  mkdir -p "$DIR/pg"
  if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$DIR/pg"; fi
  as_db_user "$PG_BIN/initdb" -D "$DIR/pg/data" -A trust -U kyr --no-sync >"$LOG_DIR/postgres-init.log"
fi
as_db_user "$PG_BIN/pg_ctl" -D "$DIR/pg/data" -w -l "$DIR/pg/server.log" -o "-c listen_addresses='' -k $DIR/pg" start >/dev/null
as_db_user "$PG_BIN/createdb" -h "$DIR/pg" -U kyr kyr 2>/dev/null || true
export KYR_TRACKER_DB_URL="postgresql://kyr@/kyr?host=$DIR/pg"
export KYR_HANDOFF_DB_URL="$KYR_TRACKER_DB_URL"

start redis "$LOG_DIR/redis.log" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$DIR"
export KYR_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

.venv/bin/python -m bot init-db >"$LOG_DIR/init-db.log" 2>&1 || { cat "$LOG_DIR/init-db.log" >&2; exit 1; }

for i in 0 1; do
  start "actions-$((i + 1))" "$LOG_DIR/actions-$((i + 1)).log" \
    .venv/bin/python -m bot.action_server --actions actions --port "${ACTION_PORTS[$i]}"
  start "worker-$((i + 1))" "$LOG_DIR/worker-$((i + 1)).log" .venv/bin/python -m bot worker
done
start sweeper "$LOG_DIR/sweeper.log" .venv/bin/python -m bot sweep --loop 600
# The replicas sit behind one proxy: Sanic takes the client's address from its X-Forwarded-For.
export SANIC_PROXIES_COUNT=1
for i in 0 1; do
  KYR_ACTION_ENDPOINT_URL="http://127.0.0.1:${ACTION_PORTS[$i]}/webhook" start "rasa-$((i + 1))" "$LOG_DIR/rasa-$((i + 1)).log" \
    .venv/bin/python -m bot.server.rasa_server run --model "$MODEL" --interface 127.0.0.1 --port "${RASA_PORTS[$i]}" \
    --credentials credentials.yml --endpoints endpoints.yml --cors "$KYR_PUBLIC_URL"
done

# HAProxy: round robin for HTTP (any replica may answer any message), the client's address for
# socket.io (its long-polling requests must reach the replica holding the session).
cat >"$DIR/haproxy.cfg" <<CFG
global
  maxconn 2000
  log stderr format raw local0 info
defaults
  mode http
  log global
  option httplog
  option dontlog-normal   # errors only (which replica, status, timings); never a message body
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  retries 3
  # A message that reached a replica which then died (no reply at all) is sent to the other one:
  # Rasa saves a turn only when it ends, so the user gets an answer instead of an error.
  retry-on conn-failure empty-response
  option redispatch 1   # every retry goes to another replica
  # Wait for the whole request body before choosing a replica: a body that arrived after the headers
  # (most HTTP clients send them apart) made the request not replayable, so a replica killed while
  # answering gave the user a 502 instead of the retry above.
  option http-buffer-request
  option forwardfor   # the client's address for the per-address rate limit (SANIC_PROXIES_COUNT=1)
  option httpchk GET /
frontend public
  bind $KYR_BIND:$PORT
  use_backend socketio if { path_beg /socket.io }
  default_backend rasa
backend rasa
  balance roundrobin
  server rasa-1 127.0.0.1:${RASA_PORTS[0]} check inter 2s fall 2 rise 1
  server rasa-2 127.0.0.1:${RASA_PORTS[1]} check inter 2s fall 2 rise 1
backend socketio
  balance source
  server rasa-1 127.0.0.1:${RASA_PORTS[0]} check inter 2s fall 2 rise 1
  server rasa-2 127.0.0.1:${RASA_PORTS[1]} check inter 2s fall 2 rise 1
CFG
start haproxy "$LOG_DIR/haproxy.log" haproxy -db -f "$DIR/haproxy.cfg"

printf "Starting the cluster (about a minute)"
for _ in $(seq 1 240); do
  up=0
  for p in "${RASA_PORTS[@]}"; do curl -fs "http://127.0.0.1:$p/" >/dev/null 2>&1 && up=$((up + 1)); done
  [ "$up" = 2 ] && curl -fs "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then echo; echo "ERROR: ${names[$i]} stopped; see $LOG_DIR/" >&2; exit 1; fi
  done
  printf "."; sleep 1
done
echo
echo "The cluster is running. Public port $PORT (same paths as make run: /webhooks/rest, /socket.io, /webhooks/twilio, /chat)."
for i in "${!pids[@]}"; do printf "  %-10s pid %s\n" "${names[$i]}" "${pids[$i]}"; done
echo "  rasa-1 :${RASA_PORTS[0]}  rasa-2 :${RASA_PORTS[1]}  actions :${ACTION_PORTS[0]} :${ACTION_PORTS[1]}  redis :$REDIS_PORT"
echo "  postgresql: unix socket in $DIR/pg   logs: $LOG_DIR/"
echo "Press Ctrl+C to stop."
# Runs until Ctrl+C or the balancer stops: a replica that dies is routed around (HAProxy checks).
wait "${pids[-1]}" || true
echo "HAProxy stopped; shutting down (see $LOG_DIR/)." >&2
