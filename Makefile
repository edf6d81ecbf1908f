# Nopsa — the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format messages bench bench-report check clean

# Creates .venv with the app and test dependencies; reinstalls only when pyproject.toml changes.
install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)
	@echo "Installed into $(VENV)."

run: install
	@DEBUG=true $(BIN)/python manage.py migrate --no-input -v 0
	@DEBUG=true $(BIN)/python manage.py seed_demo --if-absent
	@echo ""
	@echo "Nopsa runs at http://$(HOST):$(PORT)/ — log in as 'fasilitaattori' or 'koordinaattori', password 'nopsa-demo'."
	@echo "The background worker (PDF exports) runs beside it; Ctrl+C stops both."
	@echo ""
	@DEBUG=true $(BIN)/python manage.py db_worker -v 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	@NOPSA_TESTING=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .

format: install
	@$(BIN)/ruff format .
	@$(BIN)/ruff check --fix .

check: install
	@NOPSA_TESTING=1 $(BIN)/python manage.py makemigrations --check --dry-run
	@NOPSA_TESTING=1 $(BIN)/python manage.py check

# msgids are English: the English catalogue is filled from them (nopsa/i18n_fill_en.py); new
# Finnish and Swedish entries are written by hand. tests/test_translations.py fails on any
# empty or fuzzy entry and on a .mo that does not match its .po.
messages: install
	@DEBUG=true $(BIN)/python manage.py makemessages -l fi -l sv -l en --no-obsolete --ignore ".venv/*" --ignore "tests/*"
	@$(BIN)/python -m nopsa.i18n_fill_en locale/en/LC_MESSAGES/django.po
	@DEBUG=true $(BIN)/python manage.py compilemessages --ignore ".venv/*"

# Figures for the README: prints `live-bench ...` (see bench/live.py): a brainstorm, then a
# dot vote. Takes about two and a half minutes. Then `report-bench ...` (bench/report.py): the
# full demo report rendered three times on a fresh SQLite file (about a minute).
bench: install
	@$(BIN)/python -m pip install --quiet -e ".[bench]"
	@$(BIN)/python bench/live.py $(BENCH_ARGS)
	@$(BIN)/python bench/report.py $(REPORT_BENCH_ARGS)

# Only the report's render time (touches no shared database).
bench-report: install
	@$(BIN)/python bench/report.py $(REPORT_BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles
