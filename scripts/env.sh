# Local defaults for every process of the bot (sourced by scripts/run.sh and the e2e tests).
# Real deployments set these in the environment; nothing here is a real secret.
export RASA_TELEMETRY_ENABLED=false
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"  # TensorFlow start-up chatter
# Library deprecation notices (TensorFlow, SQLAlchemy 2.0 migration, pkg_resources) drown the logs.
export PYTHONWARNINGS="${PYTHONWARNINGS:-ignore::DeprecationWarning}"
# One TensorFlow thread per op: on 2 cores, with many conversations, TF's own thread pools only
# contend (make bench: 1 conversation 14.7 -> 22.8 msg/s, 20 conversations 25 -> 30 msg/s).
export TF_INTRA_OP_PARALLELISM_THREADS="${TF_INTRA_OP_PARALLELISM_THREADS:-1}"
export TF_INTER_OP_PARALLELISM_THREADS="${TF_INTER_OP_PARALLELISM_THREADS:-1}"
# Loopback only by default; set KYR_BIND=0.0.0.0 behind a TLS proxy in production.
export KYR_BIND="${KYR_BIND:-127.0.0.1}"
export KYR_ACTION_ENDPOINT_URL="${KYR_ACTION_ENDPOINT_URL:-http://127.0.0.1:${KYR_ACTION_PORT:-5055}/webhook}"
export KYR_PUBLIC_URL="${KYR_PUBLIC_URL:-http://localhost:${KYR_PORT:-5005}}"
export KYR_TWILIO_WEBHOOK_URL="${KYR_TWILIO_WEBHOOK_URL:-$KYR_PUBLIC_URL/webhooks/twilio/webhook}"
export TWILIO_ACCOUNT_SID="${TWILIO_ACCOUNT_SID:-AC00000000000000000000000000000000}"
export TWILIO_NUMBER="${TWILIO_NUMBER:-+15555550100}"
# Sanic reads SANIC_* settings: cap request bodies (the largest legitimate one is a short message).
export SANIC_REQUEST_MAX_SIZE="${SANIC_REQUEST_MAX_SIZE:-65536}"
