# The front door. `make help` lists every target.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      ?= .venv
PY        := $(VENV)/bin/python
RASA      := $(VENV)/bin/rasa
SPACY_DIR := build/spacy_twitch
MODEL     := models/current.tar.gz
RASA_PORT ?= 5005
ACTIONS_PORT ?= 5055

export TF_CPP_MIN_LOG_LEVEL ?= 2
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1
export PYTHONDONTWRITEBYTECODE ?= 1
export RASA_TELEMETRY_ENABLED ?= false

# Local settings (see .env.example); never committed.
ifneq (,$(wildcard .env))
include .env
export
endif

# Rasa 3.6 needs Python 3.10: use python3.10 from PATH, else pyenv's.
PYTHON310 := $(shell (python3.10 -c 'import sys; print(sys.executable)' 2>/dev/null) || \
	(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.10*/bin/python3.10 2>/dev/null | sort -V | tail -n 1))

LINT_DIRS := bot actions rasa_ext ops tools tests scripts
KNOWLEDGE := $(wildcard bot/knowledge/*.yml)
BOT_SRC   := $(wildcard bot/*.py)
TRAIN_INPUTS := config.yml domain.yml $(wildcard data/*.yml) $(SPACY_DIR)/.built

.PHONY: help install run shell actions test ci lint typecheck validate unit review test-reader test-stories test-nlu train clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock
	@if [ -z "$(PYTHON310)" ]; then \
		echo "ERROR: Python 3.10 is required (Rasa 3.6 does not run on 3.11+)." >&2; \
		echo "       Install it (e.g. 'pyenv install 3.10') so that 'python3.10' or" >&2; \
		echo "       ~/.pyenv/versions/3.10.*/bin/python3.10 exists, then run make again." >&2; \
		exit 1; \
	fi
	@echo "Using $(PYTHON310)"
	@[ -x $(PY) ] || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

install: $(VENV)/.installed ## Create the Python 3.10 venv and install the pinned packages

$(SPACY_DIR)/.built: $(VENV)/.installed $(KNOWLEDGE) $(BOT_SRC)
	$(PY) -m bot.nlp $(SPACY_DIR)
	@touch $@

$(MODEL): $(VENV)/.installed $(TRAIN_INPUTS)
	@mkdir -p models
	@start=$$(date +%s); \
	$(RASA) train --fixed-model-name current --out models --quiet && \
	echo "Trained $(MODEL) in $$(( $$(date +%s) - start )) s"

train: $(MODEL) ## Build the spaCy pipeline and train (only when inputs changed)

actions: $(VENV)/.installed ## Start the action server alone (port 5055)
	$(RASA) run actions --port $(ACTIONS_PORT)

run: $(MODEL) ## Install, train if needed, start the action server and Rasa (REST on 5005)
	@scripts/run.sh

shell: $(MODEL) ## Chat in the terminal (starts the action server too)
	@scripts/run.sh shell

lint: $(VENV)/.installed ## ruff (lint + format check)
	$(VENV)/bin/ruff check $(LINT_DIRS)
	$(VENV)/bin/ruff format --check $(LINT_DIRS)

typecheck: $(VENV)/.installed ## mypy on bot/, actions/, rasa_ext/, ops/ and tools/
	$(VENV)/bin/mypy bot actions rasa_ext ops tools

validate: $(VENV)/.installed $(SPACY_DIR)/.built ## rasa data validate
	$(RASA) data validate --fail-on-warnings

unit: $(MODEL) ## pytest (unit, action and integration tests)
	$(PY) -m pytest -q

review: $(VENV)/.installed ## The clinician review page (docs/clinical-review.html) and its quote check
	$(PY) -m ops.review

test-reader: $(VENV)/.installed ## The message reader on tests/reader/*.yml: recall and precision per fact, every misread (not of the blind table)
	$(PY) -m pytest -q -s tests/reader

test-stories: $(MODEL) ## rasa test (through python -m rasa_ext): conversation tests and training stories, any error fails
	$(PY) -m rasa_ext test core --model $(MODEL) --stories tests/test_stories.yml \
		--fail-on-prediction-errors --out results/stories
	$(PY) -m rasa_ext test core --model $(MODEL) --stories data/stories.yml \
		--fail-on-prediction-errors --out results/stories-training

# The tables written blind as people write (issue 11): accuracy gated at the figure measured
# less 0.03 (docs/benchmarks.md has the figures and how the tables were written): 0.943 and
# 0.913 with the model of 2026-12-05 (first blind readings 0.886 and 0.868).
REALISTIC_MIN := nlu_realistic:0.91 nlu_realistic2:0.88

test-nlu: $(MODEL) ## Held-out NLU check (tests/nlu_holdout.yml, tests/nlu_realistic*.yml: never trained on)
	$(PY) -m rasa_ext test nlu --model $(MODEL) --nlu tests/nlu_holdout.yml --out results/nlu
	$(PY) scripts/check_nlu.py results/nlu/intent_report.json
	@set -e; for entry in $(REALISTIC_MIN); do \
		table=$${entry%%:*}; floor=$${entry##*:}; \
		$(PY) -m rasa_ext test nlu --model $(MODEL) --nlu tests/$$table.yml --out results/$$table; \
		$(PY) scripts/check_nlu.py results/$$table/intent_report.json --label "$$table.yml" \
			--min-macro 0 --min-intent 0 --min-accuracy $$floor; \
	done

# Feature makefiles (mk/*.mk) add their own targets and may append to
# CI_PREREQS (system packages/services CI must install or check first) and
# TEST_TARGETS (more checks for `make test`).
CI_PREREQS   :=
TEST_TARGETS := lint typecheck validate review unit test-stories test-nlu
-include mk/*.mk

test: $(TEST_TARGETS) ## Everything: lint, types, validate, pytest, stories, NLU

ci: $(CI_PREREQS) test ## What .ci/run runs: prerequisites, then make test

clean: ## Remove build outputs (keeps the venv)
	rm -rf build models results .pytest_cache .mypy_cache .ruff_cache
