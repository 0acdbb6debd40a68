# mattran — the two commands a new machine needs are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MATTRAN := $(VENV)/bin/mattran
VP_VERSION := 2026.9.0
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run dev test test-sqlite test-postgres test-browser setup db demo lint format messages bench clean time-run

# What running needs (make run): the package and its runtime dependencies, nothing for tests or lint.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	@# The pip that venv bundles (Python 3.11: pip 23) installs the package as it is: upgrading it first cost
	@# seconds of every fresh make run (docs/operations.md).
	$(PIP) install --quiet -e .
	@# vietnam-provinces >= 2026 carries the legacy structure and the 2025 conversion tables; it declares
	@# Python >= 3.12 but is plain Python that runs on 3.11 (docs/decisions.md).
	$(PIP) install --quiet --no-deps --ignore-requires-python 'vietnam-provinces==$(VP_VERSION)'
	@# axe-core 4.12 (WCAG 2.2 rules, target size) for the accessibility browser tests: only its axe.min.js
	@# is used, driven through Selenium, so not the Playwright it declares (docs/decisions.md).
	$(PIP) install --quiet --no-deps 'axe-playwright-python==0.1.8'
	@# PDF documents need Pango and the Liberation fonts (Times New Roman metrics) from Debian; without
	@# root this only says what is missing, and the pages offer the DOCX while PDF answers with the reason.
	-@bash scripts/install-debian-packages.sh $$(cat scripts/debian-packages.txt)
	touch $@

# Tests, lint, types, translations (make test, make lint, make messages): the dev extra on top.
$(VENV)/.dev-installed: $(VENV)/.installed
	$(PIP) install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.dev-installed

# The database with the divisions and the demo; load-demo imports the divisions it needs (both structures)
# and is idempotent, so a second make run only checks.
db: $(VENV)/.installed
	DEBUG=1 $(MATTRAN) migrate --noinput
	DEBUG=1 $(MATTRAN) load-demo

# Serve as in production: gunicorn, DEBUG off, the secret key kept in var/, the worker supervised.
run: db
	@DEBUG=1 $(MATTRAN) demo-logins --host $(HOST) --port $(PORT)
	HOST=$(HOST) PORT=$(PORT) bash scripts/run.sh

# Development: Django's auto-reloading server with DEBUG on, and a worker that reloads too.
dev: db
	@DEBUG=1 $(MATTRAN) demo-logins --host $(HOST) --port $(PORT)
	DEBUG=1 $(MATTRAN) db_worker --queue-name '*' --reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(MATTRAN) runserver $(HOST):$(PORT)

# The whole suite on SQLite (browser tests included when Chromium is there or can be installed),
# then again on PostgreSQL when a server answers at 127.0.0.1:5432 or DATABASE_URL names one.
test: setup
	@bash scripts/test.sh

# ruff (lint, format), import-linter (the layers of docs/architecture.md), mypy with django-stubs.
lint: setup
	@bash scripts/lint.sh

# The English catalogue: collect the texts (no source locations, sorted, so parallel work merges cleanly),
# fill the English of scripts/i18n_en.py, compile.
messages: setup
	@# a union merge of parallel work can leave an entry with two translations or a repeated key: keep the first
	$(PY) scripts/fix_po_union.py mattran/locale/en/LC_MESSAGES/django.po
	$(PY) scripts/dedupe_i18n.py
	msguniq --use-first -o mattran/locale/en/LC_MESSAGES/django.po mattran/locale/en/LC_MESSAGES/django.po
	cd mattran && ../$(VENV)/bin/django-admin makemessages -l en --no-location --no-obsolete
	msguniq --use-first --sort-output --no-location -o mattran/locale/en/LC_MESSAGES/django.po mattran/locale/en/LC_MESSAGES/django.po
	sed -i "/^\"POT-Creation-Date: /d" mattran/locale/en/LC_MESSAGES/django.po
	$(PY) scripts/i18n_en.py > /dev/null
	@# Vietnamese is the source language, but Django ships a Vietnamese catalogue of its own that would
	@# translate the app's words too ("Thu", a receipt, became "Thứ 5", Thursday): the app's own Vietnamese
	@# catalogue maps each of its texts to itself and, being in LOCALE_PATHS, takes precedence.
	msgfilter --keep-header --no-location -i mattran/locale/en/LC_MESSAGES/django.po sed -e d \
		| msgen --no-location --sort-output -o mattran/locale/vi/LC_MESSAGES/django.po -
	@# The plural rule stays the source's (n != 1): singular text for one, plural text otherwise, as untranslated.
	sed -i 's/^"Language: en\\n"/"Language: vi\\n"/' mattran/locale/vi/LC_MESSAGES/django.po
	cd mattran && ../$(VENV)/bin/django-admin compilemessages -l en -l vi

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: setup
	$(PIP) install --quiet -e '.[dev,bench]'
	@bash scripts/bench.sh

# Time make run from a fresh clone, phase by phase (docs/operations.md, "How long make run takes").
time-run:
	@bash scripts/time-make-run.sh

clean:
	rm -rf $(VENV) var/*.sqlite3* .pytest_cache
