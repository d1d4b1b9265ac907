# The two commands a newcomer needs: `make run` and `make test`.
VENV ?= .venv
PORT ?= 8000
PY := $(VENV)/bin/python
DEV_ENV := DJANGO_DEBUG=1
TEST_ENV := DJANGO_SECRET_KEY=tests-only-not-secret

.PHONY: run test install install-dev lint format check migrate demo bench clean

$(VENV)/bin/python:
	@python=$$(scripts/find-python) && echo "Creating $(VENV) with $$python" && "$$python" -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

migrate: install
	$(DEV_ENV) $(PY) manage.py migrate --no-input

demo: migrate
	$(DEV_ENV) $(PY) manage.py seed_demo

## make run: install, migrate, load the demo community and serve on 127.0.0.1:$(PORT)
run: demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ with a task worker beside it"
	@echo "(outgoing mail is sent by the worker and printed here; Ctrl-C stops both)"
	$(DEV_ENV) DJANGO_SITE_URL=http://127.0.0.1:$(PORT) PYTHON=$(PY) PORT=$(PORT) scripts/run-dev

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: install-dev
	$(TEST_ENV) $(PY) manage.py check
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

## make test: install, lint, check and run every test (DATABASE_URL picks the database)
## in PYTEST_WORKERS processes (pytest-xdist; PYTEST_WORKERS=0 runs them in this one)
PYTEST_WORKERS ?= 2
test: lint check
	$(TEST_ENV) $(VENV)/bin/pytest -rs -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

## make bench: seed a PostgreSQL database and measure the pages; needs Redis (bench/README.md)
BENCH_SIZE ?= small
bench: install-dev
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && \
		(apt-get install -y -qq wrk >/dev/null 2>&1 || \
		 (apt-get update -qq && apt-get install -y -qq wrk >/dev/null 2>&1)); } || \
		echo "wrk is not installed: using the Python load client instead"
	$(PY) bench/run.py --size $(BENCH_SIZE) $(BENCH_ARGS)
