# The two commands: `make run` (the TUI on the bundled exercise) and `make test`.
# Each creates .venv and installs the project into it when missing or outdated.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench compile clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Byte-compile our own sources, as pip does for every package it installs: an
# editable install skips that step, and where PYTHONDONTWRITEBYTECODE is set
# Python would compile them again on every start (some 40 ms of start-up).
compile: $(STAMP)
	$(BIN)/python -m compileall -q src

run: compile
	$(BIN)/tabletop

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src
	$(BIN)/lint-imports

test: lint compile
	$(BIN)/pytest -n auto

bench: compile
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
	find src -name __pycache__ -prune -exec rm -rf {} +
