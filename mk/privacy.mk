# Privacy (docs/privacy.md): delete-my-data, retention purge, usage figures without text.
# Their tests (tests/rasa_ext/stores/test_privacy.py, tests/actions/test_privacy.py,
# tests/ops/test_privacy.py, tests/rasa_ext/channels/test_stats.py, tests/system/test_forget_me.py,
# tests/system/browser/test_widget_forget_me.py) run in `make unit`, so nothing is added to
# TEST_TARGETS; the conversation tests are in tests/test_stories.yml (make test-stories). PROFILE=production (or ENDPOINTS=...) picks the store, as for `make run`.
.PHONY: purge stats test-privacy

purge: $(VENV)/.installed ## Delete conversations idle > TWITCH_RETENTION_DAYS (default 30) from the tracker store
	$(PY) -m ops.privacy purge

stats: $(VENV)/.installed ## Print the usage counts (no text, no ids) and plot them to results/usage.png
	$(PY) -m ops.privacy stats --out results/usage.png

test-privacy: $(MODEL) $(WEBCHAT) $(CHROMIUM) ## Privacy tests only: forget me, retention, usage figures, stats page
	$(PY) -m pytest -q tests/rasa_ext/stores/test_privacy.py tests/actions/test_privacy.py \
		tests/ops/test_privacy.py tests/rasa_ext/channels/test_stats.py \
		tests/system/test_forget_me.py tests/system/browser/test_widget_forget_me.py
