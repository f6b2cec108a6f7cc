# Slack and Telegram channels (docs/channels.md). Their tests (tests/rasa_ext/channels/,
# against the shared stack and fake Slack / Telegram APIs on loopback) run in `make unit`,
# so nothing is added to TEST_TARGETS.
.PHONY: channels test-channels telegram-webhook

channels: $(VENV)/.installed ## Show which channels `make run` will start (from your env / .env)
	@$(PY) -m ops.credentials credentials.yml var/credentials.yml

test-channels: $(MODEL) ## Slack, Telegram, message limits and "one conversation, every channel" tests only
	$(PY) -m pytest -q tests/rasa_ext/channels/test_slack*.py tests/rasa_ext/channels/test_telegram*.py \
		tests/rasa_ext/channels/test_limits.py tests/rasa_ext/channels/test_channel_limits.py \
		tests/system/test_every_channel.py tests/ops/test_telegram_webhook.py

telegram-webhook: $(VENV)/.installed ## Register the Telegram webhook + secret (TELEGRAM_TOKEN, TELEGRAM_SECRET_TOKEN, TELEGRAM_WEBHOOK_URL)
	@$(PY) -m ops.telegram_webhook
