#!/usr/bin/env bash
# Starts the Rasa server (not the action server) for one profile, after checks.
#   PROFILE=dev (default)   endpoints.yml: SQLite tracker store under var/, one worker
#   PROFILE=production      deploy/endpoints.production.yml: PostgreSQL + Redis, SANIC_WORKERS=2
# Rasa runs through the project's launcher (python -m rasa_ext: its patches, then Rasa's CLI).
# Refuses to start (exit 2) when a configured store is unreachable (ops/preflight.py),
# when the model is not under models/, or when the HTTP API is asked for without auth.
# Settings (environment): RASA_PORT, RASA_INTERFACE, MODEL, ENDPOINTS, CREDENTIALS,
# TWITCH_ENABLE_API=1 with RASA_AUTH_TOKEN or RASA_JWT_SECRET, TWITCH_DB_*, TWITCH_REDIS_*.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PROFILE=${PROFILE:-dev}
RASA_PORT=${RASA_PORT:-5005}
RASA_INTERFACE=${RASA_INTERFACE:-0.0.0.0}
MODEL=${MODEL:-models/current.tar.gz}
CREDENTIALS=${CREDENTIALS:-credentials.yml}
mkdir -p var/log

case "$PROFILE" in
  dev)
    ENDPOINTS=${ENDPOINTS:-endpoints.yml}
    preflight_args=()
    ;;
  production)
    ENDPOINTS=${ENDPOINTS:-deploy/endpoints.production.yml}
    preflight_args=(--require-persistent)
    # Non-secret defaults for one machine; passwords have no default (empty = none).
    export TWITCH_ACTION_URL=${TWITCH_ACTION_URL:-http://127.0.0.1:${ACTIONS_PORT:-5055}/webhook}
    export TWITCH_DB_HOST=${TWITCH_DB_HOST:-127.0.0.1} TWITCH_DB_PORT=${TWITCH_DB_PORT:-5432}
    export TWITCH_DB_NAME=${TWITCH_DB_NAME:-test} TWITCH_DB_USER=${TWITCH_DB_USER:-postgres}
    export TWITCH_DB_PASSWORD=${TWITCH_DB_PASSWORD:-}
    export TWITCH_REDIS_HOST=${TWITCH_REDIS_HOST:-127.0.0.1} TWITCH_REDIS_PORT=${TWITCH_REDIS_PORT:-6379}
    export TWITCH_REDIS_DB=${TWITCH_REDIS_DB:-1} TWITCH_REDIS_PASSWORD=${TWITCH_REDIS_PASSWORD:-}
    export SANIC_WORKERS=${SANIC_WORKERS:-2}
    ;;
  *)
    echo "ERROR: PROFILE must be 'dev' or 'production', not '$PROFILE'" >&2
    exit 2
    ;;
esac

# Only models from this project's models/ folder.
model_path=$("$VENV/bin/python" -c 'import os, sys; print(os.path.realpath(sys.argv[1]))' "$MODEL")
if [[ "$model_path" != "$PWD/models/"* || ! -f "$model_path" ]]; then
  echo "ERROR: MODEL must be an existing file under $PWD/models/ (got '$MODEL')" >&2
  exit 2
fi

# The HTTP API stays off unless asked for, and then only with authentication.
api_args=()
if [[ "${TWITCH_ENABLE_API:-0}" == "1" ]]; then
  if [[ -n "${RASA_JWT_SECRET:-}" ]]; then
    api_args=(--enable-api --jwt-secret "$RASA_JWT_SECRET" --jwt-method "${RASA_JWT_METHOD:-HS256}")
  elif [[ -n "${RASA_AUTH_TOKEN:-}" ]]; then
    api_args=(--enable-api --auth-token "$RASA_AUTH_TOKEN")
  else
    echo "ERROR: TWITCH_ENABLE_API=1 needs RASA_AUTH_TOKEN or RASA_JWT_SECRET" >&2
    exit 2
  fi
fi

"$VENV/bin/python" -m ops.preflight "$ENDPOINTS" ${preflight_args[@]+"${preflight_args[@]}"}

echo "Rasa: profile $PROFILE, endpoints $ENDPOINTS, port $RASA_PORT, workers ${SANIC_WORKERS:-1}"
exec "$VENV/bin/python" -m rasa_ext run --model "$model_path" --port "$RASA_PORT" --interface "$RASA_INTERFACE" \
  --credentials "$CREDENTIALS" --endpoints "$ENDPOINTS" ${api_args[@]+"${api_args[@]}"}
