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
# `--dist load`, not work stealing: each worker then runs its tests in Django's order (database
# tests before the transactional ones, whose flush removes the rows migrations seeded). A stolen
# database test ran after a flush and missed the default peer group (see docs/architecture.md).
# `--maxschedchunk 1`: a worker is handed the next test when it is nearly done, not a quarter of
# what is left, so both finish together (in big chunks one worker took the last 160 s alone).
WORKERS=${TEST_WORKERS:-2}
XDIST=(-n "$WORKERS" --dist load --maxschedchunk 1)

echo "== pytest on SQLite (browser tests in Chromium included)"
env -u DATABASE_URL $BIN/pytest "${XDIST[@]}" "$@"

# Browser tests run once, on SQLite: what they show is the pages, and every page's database reads
# and writes are tested on PostgreSQL by the tests without a browser (the planning decision of
# issue 21, which keeps `make test` under 10 minutes on two cores).
echo "== pytest on PostgreSQL: the tests that use the database, without the browser tests"
scripts/with-postgres.sh $BIN/pytest "${XDIST[@]}" --database-only -m "not browser" "$@"
