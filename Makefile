# The front door: `make run` and `make test` are the README's two commands.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Any Python >= 3.12 works; the first one found is used unless PYTHON= is given.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 python; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help run test test-uhren lint check-python install install-dev migrate demo messages benchmarks screenshots clean

help:
	@echo "make run    – set up .venv, migrate, load demo data, start the portal on http://$(HOST):$(PORT)"
	@echo "             (PORT=8001 for another port, DEBUG=true for Django's technical error pages)"
	@echo "make test   – lint, migrations check, translation check and the whole test suite"
	@echo "make test-uhren – the suite without browser tests under every test clock (tests/uhren.py)"
	@echo "make messages   – update the translation catalogues (needs gettext)"
	@echo "make benchmarks – run the benchmark scripts in benchmarks/"
	@echo "make screenshots – screenshots of the demo site for the guides (needs Chromium)"

check-python:
	@if [ -z "$(PYTHON)" ]; then echo "No Python >= 3.12 found. Install one or pass PYTHON=/path/to/python3.12"; exit 1; fi
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 12) else "Python >= 3.12 needed, got %d.%d (pass PYTHON=...)" % v[:2])'

$(VENV)/.stamp-run: pyproject.toml constraints.txt | check-python
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "The existing .venv has Python < 3.12: remove it (make clean)")'
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c constraints.txt -e .
	@touch $@

$(VENV)/.stamp-dev: $(VENV)/.stamp-run
	$(PIP) install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

# Test tools from npm (Mozilla's ical.js, the W3C Nu checker); tests skip them when npm is missing
# locally and fail under CI=true.
node_modules/.stamp: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --silent --no-audit --no-fund && touch $@; \
	else echo "npm not found: the ical.js and Nu checker tests will be skipped"; fi

install: $(VENV)/.stamp-run
install-dev: $(VENV)/.stamp-dev node_modules/.stamp

migrate: install
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable

demo: migrate
	$(MANAGE) demodaten

# The demo runs as its users will see it: DEBUG off, so a wrong address shows the portal's
# German error page; static files collected and served by whitenoise as in production, uploads
# by the app's media view; plain http and console mail on this machine. `make run DEBUG=true`
# shows Django's technical error pages instead. tests/netzwerk/test_einstellungen.py reads
# these lines.
run: export DEBUG ?= false
run: export SECURE_SSL_REDIRECT ?= false
run: export SECURE_COOKIES ?= false
run: export SECURE_HSTS_SECONDS ?= 0
run: export SERVE_MEDIA ?= true
run: export EMAIL_BACKEND ?= django.core.mail.backends.console.EmailBackend
run: demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	@echo
	@echo "Portal: http://$(HOST):$(PORT)/   Admin: http://$(HOST):$(PORT)/admin/   (Ctrl+C stops both)"
	@trap 'kill 0' EXIT INT TERM; \
	$(MANAGE) db_worker --interval 1 & \
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: install-dev lint
	$(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/pytest tests/test_uebersetzungen.py
	$(VENV)/bin/pytest

# The suite (without browser tests) once under each clock of tests/uhren.py: a test that
# depends on the date fails under one of them. Reports every clock, fails if one failed.
test-uhren: install-dev
	@rot=""; for uhr in $$($(PY) -m tests.uhren); do \
		echo "== clock $$uhr"; \
		$(VENV)/bin/pytest -q --deselect tests/e2e --uhr $$uhr || rot="$$rot $$uhr"; \
	done; \
	if [ -n "$$rot" ]; then echo "failed under:$$rot"; exit 1; fi

# Rooms (subpackages with their own locale/, e.g. vereine/marktplatz/) keep their own catalogue;
# the app's catalogue skips them.
ROOMS := $(patsubst %/locale,%,$(wildcard */*/locale */*/*/locale))

messages: install
	# netzwerk's catalogue also holds the root templates/; each app and room has its own catalogue.
	$(MANAGE) makemessages -l de --no-obsolete --add-location file \
		-i .venv -i node_modules -i vereine -i arbeitsgruppen -i termine -i tests -i benchmarks -i staticfiles
	for app in vereine arbeitsgruppen termine; do \
		rooms=$$(for r in $(ROOMS); do case $$r in $$app/*) echo "-i $${r#$$app/}";; esac; done); \
		(cd $$app && ../$(PY) ../manage.py makemessages -l de --no-obsolete --add-location file $$rooms) || exit 1; \
	done
	for room in $(ROOMS); do \
		(cd $$room && $(CURDIR)/$(PY) $(CURDIR)/manage.py makemessages -l de --no-obsolete --add-location file) || exit 1; \
	done
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules

benchmarks: install-dev
	@for b in benchmarks/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

screenshots: install-dev
	$(PY) docs/screenshots.py

clean:
	rm -rf $(VENV) staticfiles
