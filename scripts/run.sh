#!/usr/bin/env bash
# Starts the action server (5055) in the background, waits until it answers,
# then runs Rasa in the foreground: `run.sh` for the HTTP server (REST channel),
# `run.sh shell` for a terminal chat. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
MODEL=${MODEL:-models/current.tar.gz}
mkdir -p var/log

"$VENV/bin/rasa" run actions --port "$ACTIONS_PORT" >var/log/actions.log 2>&1 &
actions_pid=$!
trap 'kill "$actions_pid" 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:${ACTIONS_PORT}/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$actions_pid" 2>/dev/null; then
    echo "ERROR: the action server did not start; see var/log/actions.log" >&2
    tail -n 20 var/log/actions.log >&2
    exit 1
  fi
  sleep 0.5
done
echo "Action server ready on port ${ACTIONS_PORT} (log: var/log/actions.log)"

# Channels (issue 3): only those whose ${VARS} in credentials.yml are all set (Slack and
# Telegram stay off until their secrets are in the environment; see docs/channels.md).
"$VENV/bin/python" -m ops.credentials "${CREDENTIALS:-credentials.yml}" var/credentials.yml

if [[ "${1:-}" == "shell" ]]; then
  "$VENV/bin/python" -m rasa_ext shell --model "$MODEL" --port "$RASA_PORT" \
    --credentials var/credentials.yml --endpoints "${ENDPOINTS:-endpoints.yml}"
  exit
fi

cat <<MSG
Starting Rasa on http://localhost:${RASA_PORT} (REST channel). When it says
"Rasa server is up and running", chat with it:
  * in a terminal:  make shell   (stop this one first, or set RASA_PORT=5006)
  * over HTTP:      curl -s localhost:${RASA_PORT}/webhooks/rest/webhook \\
                      -d '{"sender": "me", "message": "why do my muscles twitch?"}'
  * in a browser:   http://localhost:${RASA_PORT}/portal/  (demo health portal + web widget)
MSG
# Rasa itself: profile (PROFILE=dev|production), store checks, API and model rules
# live in deploy/serve.sh (issue 4, see docs/deployment.md).
RASA_PORT="$RASA_PORT" MODEL="$MODEL" VENV="$VENV" ACTIONS_PORT="$ACTIONS_PORT" \
  CREDENTIALS=var/credentials.yml deploy/serve.sh
