# Persistence, scale-out, faults, bad input and security (issue 4; docs/deployment.md,
# docs/reliability.md). The production profile needs PostgreSQL and Redis: CI checks they
# answer before anything else (`services`), and installs Debian's nginx for the test that
# puts two Rasa servers behind it.

TWITCH_DB_HOST    ?= 127.0.0.1
TWITCH_DB_PORT    ?= 5432
TWITCH_REDIS_HOST ?= 127.0.0.1
TWITCH_REDIS_PORT ?= 6379
NGINX             := /usr/sbin/nginx
AUDIT_VENV        := build/audit-venv

.PHONY: services nginx test-reliability run-production audit

services: ## Check PostgreSQL and Redis answer (fails with a clear message if not)
	@timeout 5 bash -c 'echo > /dev/tcp/$(TWITCH_DB_HOST)/$(TWITCH_DB_PORT)' 2>/dev/null || { \
		echo "ERROR: PostgreSQL is not reachable at $(TWITCH_DB_HOST):$(TWITCH_DB_PORT)." >&2; \
		echo "       The production-profile tests need it (database 'test', see docs/deployment.md)." >&2; \
		exit 1; }
	@timeout 5 bash -c 'echo > /dev/tcp/$(TWITCH_REDIS_HOST)/$(TWITCH_REDIS_PORT)' 2>/dev/null || { \
		echo "ERROR: Redis is not reachable at $(TWITCH_REDIS_HOST):$(TWITCH_REDIS_PORT)." >&2; \
		echo "       The production-profile tests need it (see docs/deployment.md)." >&2; \
		exit 1; }
	@echo "PostgreSQL $(TWITCH_DB_HOST):$(TWITCH_DB_PORT) and Redis $(TWITCH_REDIS_HOST):$(TWITCH_REDIS_PORT) answer."

$(NGINX):
	@if [ "$$(id -u)" != 0 ]; then \
		echo "ERROR: $(NGINX) is missing: run 'sudo apt-get install -y nginx-light'" >&2; exit 1; fi
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
	@$(NGINX) -v

nginx: $(NGINX) ## Install Debian's nginx (apt) when it is missing

# `make test` installs what its tests need, like CI does (the nginx test needs it).
unit: $(NGINX)

test-reliability: $(MODEL) ## Reliability tests only: persistence, two servers, faults, bad input, security
	$(PY) -m pytest -q tests/rasa_ext/stores tests/rasa_ext/patches tests/system/test_bad_input.py \
		tests/system/test_faults_dev.py tests/system/test_production.py tests/system/test_startup_checks.py

run-production: $(MODEL) ## Like `make run` with PROFILE=production (PostgreSQL + Redis, 2 workers)
	@PROFILE=production scripts/run.sh

$(AUDIT_VENV)/.installed: deploy/audit-requirements.lock
	@[ -x $(AUDIT_VENV)/bin/python ] || $(PYTHON310) -m venv $(AUDIT_VENV)
	$(AUDIT_VENV)/bin/pip install --quiet --disable-pip-version-check -r deploy/audit-requirements.lock
	@touch $@

audit: $(AUDIT_VENV)/.installed ## pip-audit of requirements.lock (needs the vulnerability DB on the network)
	@mkdir -p results
	-$(AUDIT_VENV)/bin/pip-audit --no-deps --disable-pip --progress-spinner off \
		-r requirements.lock --format json -o results/audit.json 2>results/audit.log
	@$(AUDIT_VENV)/bin/python -c 'import json, sys; \
	deps = json.load(open("results/audit.json"))["dependencies"]; \
	skipped = [d for d in deps if "skip_reason" in d]; \
	vulns = [(d["name"], v["id"]) for d in deps for v in d.get("vulns", [])]; \
	print(f"pip-audit: {len(deps)} pinned packages, {len(deps) - len(skipped)} audited, {len(skipped)} NOT audited, {len(vulns)} known vulnerabilities"); \
	[print("  vulnerable:", n, i) for n, i in vulns]; \
	skipped and print("  not audited, first reason:", skipped[0]["skip_reason"]); \
	sys.exit(1 if vulns or skipped else 0)' || { \
		echo "make audit: FAILED: vulnerabilities found or packages not audited (vulnerability database unreachable?); see docs/reliability.md" >&2; exit 1; }

CI_PREREQS += services nginx
