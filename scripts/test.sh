#!/usr/bin/env bash
# The whole check: lint, Django checks, dependency audit, then every test on SQLite (browser tests in
# Chromium included) and every database test except the browser tests again on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DEBUG=1
# pytest keeps its rewritten test modules, and Python its compiled modules, only where bytecode may
# be written: without them every test process would compile some 550 modules again (~15 s each).
unset PYTHONDONTWRITEBYTECODE

scripts/ensure-system-packages.sh

scripts/lint.sh

echo "== pip-audit of the pinned dependencies"
scripts/audit.sh

# Two workers: the machines have two cores. Each worker has its own test database.
# Not work stealing: each worker runs its tests in Django's order (database
# tests before the transactional ones, whose flush removes the rows migrations seeded). A stolen
# database test ran after a flush and missed the default peer group (see docs/architecture.md).
# The scheduling (tests/conftest.py, `pytest_xdist_make_scheduler`): a worker is handed the next
# test when it is nearly done, not a quarter of what is left (in big chunks one worker ran the
# last 160 s alone), in the collection order; the tests that share loaded data go together.
WORKERS=${TEST_WORKERS:-2}
XDIST=(-n "$WORKERS")

echo "== pytest on SQLite (browser tests in Chromium included)"
env -u DATABASE_URL $BIN/pytest "${XDIST[@]}" "$@"

# Browser tests run once, on SQLite: what they show is the pages, and every page's database reads
# and writes are tested on PostgreSQL by the tests without a browser (the planning decision of
# issue 21, which keeps `make test` under 10 minutes on two cores).
echo "== pytest on PostgreSQL: the tests that use the database, without the browser tests"
scripts/with-postgres.sh $BIN/pytest "${XDIST[@]}" --database-only -m "not browser" "$@"
