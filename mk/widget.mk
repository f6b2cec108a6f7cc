# Web widget and health-portal demo (issue 3, docs/embed.md).
# The rasa-webchat bundle comes from npm (package.json + package-lock.json, pinned 1.0.1) and
# is served by Rasa itself at /portal/ (rasa_ext/channels/portal.py). The browser tests drive
# Debian's Chromium with Playwright for Python; no browser is ever downloaded. axe-core (pinned,
# a devDependency) is only read by the accessibility tests (tests/system/browser/test_accessibility.py),
# which inject it through Playwright; the server never serves it.

WEBCHAT  := node_modules/.installed
CHROMIUM := /usr/bin/chromium

.PHONY: widget chromium test-widget test-accessibility widget-screenshot result-screenshots

$(WEBCHAT): package.json package-lock.json
	@command -v npm >/dev/null || { echo "ERROR: npm (node 18+) is needed for the web widget" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@test -s node_modules/rasa-webchat/lib/index.js
	@test -s node_modules/axe-core/axe.min.js
	@touch $@

widget: $(WEBCHAT) ## Install the web widget (rasa-webchat from package-lock.json) into node_modules/

$(CHROMIUM):
	@if [ "$$(id -u)" != 0 ]; then \
		echo "ERROR: $(CHROMIUM) is missing: run 'sudo apt-get install -y chromium'" >&2; exit 1; fi
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
	@$(CHROMIUM) --version

chromium: $(CHROMIUM) ## Install Debian's chromium (apt) when /usr/bin/chromium is missing

test-widget: $(MODEL) $(WEBCHAT) $(CHROMIUM) ## Widget tests only: portal, socket.io checks, browser
	$(PY) -m pytest -q tests/rasa_ext/channels/test_portal.py tests/rasa_ext/channels/test_socketio.py \
		tests/system/browser

test-accessibility: $(MODEL) $(WEBCHAT) $(CHROMIUM) ## Accessibility only: axe-core (WCAG 2.1 A/AA) on the portal and widget, keyboard-only assessment, reduced motion; report in results/a11y/axe.json
	$(PY) -m pytest -q tests/system/browser/test_accessibility.py

# `make run` serves the portal page, `make unit` (part of `make test`) runs the browser tests.
run shell: $(WEBCHAT)
unit: $(WEBCHAT) $(CHROMIUM)
CI_PREREQS += chromium widget

widget-screenshot: $(MODEL) $(WEBCHAT) $(CHROMIUM) ## Retake docs/img/widget.png (the browser test's screenshot)
	WIDGET_SCREENSHOT=docs/img/widget.png $(PY) -m pytest -q \
		tests/system/browser/test_widget_browser.py -k survives_a_reload

result-screenshots: $(MODEL) $(WEBCHAT) $(CHROMIUM) ## Retake docs/img/short-result.png and docs/img/summary.png (a phone-sized widget)
	RESULT_SCREENSHOTS=docs/img $(PY) -m pytest -q tests/system/browser/test_summary_browser.py
