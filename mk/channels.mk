# Slack and Telegram channels (issue 3; docs/channels.md). Their tests (tests/channels/,
# against the shared stack and fake Slack / Telegram APIs on loopback) run in `make unit`,
# so nothing is added to TEST_TARGETS.
.PHONY: channels test-channels telegram-webhook

channels: $(VENV)/.installed ## Show which channels `make run` will start (from your env / .env)
	@$(PY) -m bot.channels.credentials credentials.yml var/credentials.yml

test-channels: $(MODEL) ## Slack, Telegram and "one conversation, every channel" tests only
	$(PY) -m pytest -q tests/channels --ignore=tests/channels/browser \
		--ignore-glob='tests/channels/test_widget*'

telegram-webhook: $(VENV)/.installed ## Register the Telegram webhook + secret (TELEGRAM_TOKEN, TELEGRAM_SECRET_TOKEN, TELEGRAM_WEBHOOK_URL)
	@$(PY) -m bot.channels.telegram_webhook
