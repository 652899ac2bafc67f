# Kotobot: the entry point for running, training and testing (see README.md).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(PY) -m bot.rasa_cli
RASA_DATA := --domain domain --data data/nlu data/rules data/stories
MODEL := models/kotobot.tar.gz
MASKING_CASES := tests/data/pii_cases.yml
TRAIN_INPUTS := config.yml $(wildcard domain/*.yml) $(shell find data/nlu data/rules data/stories -name '*.yml' 2>/dev/null) $(wildcard bot/nlu/*.py) bot/languages.py bot/transliteration.py requirements.lock

# Local configuration (see .env.example); exported to every command.
ifneq (,$(wildcard .env))
include .env
export
endif

.PHONY: help setup setup-test setup-cluster run-cluster run train bench test lint validate unit test-stories e2e eval clean

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

setup: ## Create .venv on Python 3.10 and install the locked dependencies (fast when done)
	@bash scripts/setup.sh

$(MODEL): $(TRAIN_INPUTS) | setup
	@bash scripts/train.sh

train: setup $(MODEL) ## Train the model if its data, config or dependencies changed

run: setup train ## Run the assistant on embedded defaults (Ctrl-C stops everything)
	@$(PY) -m bot.run

lint: setup ## ruff: lint and formatting
	@$(VENV)/bin/ruff check bot actions tests
	@$(VENV)/bin/ruff format --check bot actions tests

validate: setup ## rasa data validate, warnings are errors
	@$(RASA) data validate $(RASA_DATA) --config config.yml --fail-on-warnings

unit: setup ## Unit tests (no servers)
	@$(PY) -m pytest -m "not e2e" -q

test-stories: train ## Rasa test stories against the trained model
	@$(RASA) test core --e2e --stories tests/stories --model $(MODEL) --out results/stories --fail-on-prediction-errors

e2e: train ## End-to-end tests: real Rasa and action servers over REST
	@$(PY) -m pytest -m e2e -q

setup-test: ## setup, plus Chromium, PostgreSQL, Redis and nginx for the tests
	@bash scripts/setup.sh --test

setup-cluster: setup ## Install PostgreSQL, Redis and nginx from Debian's packages
	@bash scripts/setup.sh --cluster

run-cluster: setup-cluster train ## Two Rasa servers sharing PostgreSQL and Redis behind nginx on :8000
	@$(PY) -m bot.cluster

test: setup-test lint validate unit train test-stories e2e ## Everything CI runs

bench: train ## Load benchmark: 50 concurrent newcomers over REST against real servers (not a test)
	@$(PY) -m bot.bench

eval: train ## Benchmarks: per-language NLU (held-out set), held-out conversations, masking
	@$(PY) -m bot.eval
	@$(PY) -m bot.eval_dialogues
	@$(PY) -m bot.eval_masking $(MASKING_CASES)

clean: ## Remove models, results and caches (not var/ with conversations)
	rm -rf models results .rasa .pytest_cache .ruff_cache
