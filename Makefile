# Two commands do everything: `make run` (build and show the warehouse on generated data) and
# `make test` (everything CI runs). The rest are their steps, for when you want one alone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# The optional Dagster code location (pyproject extra `orchestration`): CI tests it, `make run` does without.
ORCHESTRATION_STAMP := $(VENV)/.orchestration-stamp
# The optional engines (docs/engines.md): dbt-postgres and dbt-spark; CI tests them, `make run` does without.
ENGINES_STAMP := $(VENV)/.engines-stamp
# Lint compiles the project; its own DuckDB file keeps it clear of a running build's lock.
LINT_ENV := KPI_DUCKDB_PATH=$(CURDIR)/warehouse/lint.duckdb KPI_AS_OF=2026-11-20

.PHONY: install install-orchestration install-engines test-engines run test lint pytest build dashboard serve docs clean

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

install-orchestration: $(ORCHESTRATION_STAMP)

$(ORCHESTRATION_STAMP): $(STAMP) requirements-orchestration.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-orchestration.txt
	touch $(ORCHESTRATION_STAMP)

install-engines: $(ENGINES_STAMP)

$(ENGINES_STAMP): $(STAMP) requirements-engines.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-engines.txt
	touch $(ENGINES_STAMP)

run: install
	$(BIN)/kpiwh run

test: lint pytest

lint: install-orchestration
	mkdir -p warehouse
	$(LINT_ENV) $(BIN)/sqlfluff lint models analyses
	$(BIN)/ruff check scripts tests
	$(BIN)/mypy

pytest: install-orchestration
	$(BIN)/pytest

build: install
	$(BIN)/kpiwh build

dashboard: install
	$(BIN)/kpiwh dashboard

# The web dashboard on the published warehouse (after `make run`): http://127.0.0.1:8050/
serve: install
	@echo "KPI dashboard: http://127.0.0.1:8050/"
	$(BIN)/kpiwh serve --port 8050

docs: install
	$(BIN)/dbt docs generate

clean:
	rm -rf $(VENV) target logs warehouse data
