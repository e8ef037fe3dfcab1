# The two commands: `make run` and `make test`. Both work on a fresh machine with Python 3.11+ and apt.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PROGRAMME_FILE := seuraamo/programmes/data/kymenlaakso.yaml

.PHONY: install install-test run load test lint bench clean

$(BIN)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed requirements-test.lock
	$(BIN)/python -m pip install --quiet -r requirements-test.lock
	touch $@

# pyjstat and pandas are only the baseline the json-stat benchmark compares against.
$(BIN)/.installed-bench: $(BIN)/.installed-test requirements-bench.lock
	$(BIN)/python -m pip install --quiet -r requirements-bench.lock
	touch $@

install: $(BIN)/.installed

install-test: $(BIN)/.installed-test

# Migrate the embedded SQLite database and load the programme, statistics and catalogue (idempotent).
load: install
	mkdir -p var
	DEBUG=1 $(BIN)/seuraamo compile_catalogues
	DEBUG=1 $(BIN)/seuraamo migrate --noinput
	DEBUG=1 $(BIN)/seuraamo load_initial_data

run: load
	DEBUG=1 $(BIN)/seuraamo runserver 127.0.0.1:$(PORT)

test: install-test
	scripts/test.sh

bench: $(BIN)/.installed-bench
	scripts/bench.sh

clean:
	rm -rf $(VENV) var/*.sqlite3*
