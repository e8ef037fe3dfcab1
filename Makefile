# The two commands: `make run` and `make test`. Both work on a fresh machine with Python 3.11+ and apt.
# `make dev` is `make run` with Django's autoreloading development server and DEBUG on.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PROGRAMME_FILE := seuraamo/programmes/data/kymenlaakso.yaml

.PHONY: install install-test run dev load test check bench clean

# --no-compile: Python compiles a module when it is first imported (and keeps the bytecode); pip
# compiling every file of every package up front took about 18 s of a fresh install.
PIP_INSTALL := $(BIN)/python -m pip install --quiet --no-compile

$(BIN)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(PIP_INSTALL) -r requirements.lock
	$(PIP_INSTALL) --no-deps -e .
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed requirements-test.lock
	$(PIP_INSTALL) -r requirements-test.lock
	touch $@

# pyjstat and pandas are only the baseline the json-stat benchmark compares against.
$(BIN)/.installed-bench: $(BIN)/.installed-test requirements-bench.lock
	$(PIP_INSTALL) -r requirements-bench.lock
	touch $@

install: $(BIN)/.installed

install-test: $(BIN)/.installed-test

# Migrate the embedded SQLite database and load the programme, statistics and catalogue (idempotent).
# No variables: the local checkout's settings (DEBUG off, var/, a secret key generated once in var/).
load: install
	scripts/ensure-system-packages.sh
	$(BIN)/seuraamo compile_catalogues
	$(BIN)/seuraamo migrate --noinput
	$(BIN)/seuraamo load_initial_data --demo

# The production stack: gunicorn, static files compressed and hashed by collectstatic for WhiteNoise.
run: load
	$(BIN)/seuraamo collectstatic --noinput --verbosity 0
	$(BIN)/seuraamo serve --bind 127.0.0.1:$(PORT)

dev: load
	DEBUG=1 $(BIN)/seuraamo runserver 127.0.0.1:$(PORT)

test: install-test
	scripts/test.sh

# The edit loop: lint and the tests without a browser, on SQLite (`make test` runs everything).
check: install-test
	scripts/ensure-system-packages.sh
	scripts/check.sh

bench: $(BIN)/.installed-bench
	scripts/bench.sh

clean:
	rm -rf $(VENV) var/*.sqlite3*
