#!/usr/bin/env bash
# The whole check: lint, Django checks, dependency audit, then every test on SQLite and again on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DEBUG=1

scripts/ensure-system-packages.sh

echo "== ruff format --check, ruff check"
$BIN/ruff format --check .
$BIN/ruff check .

echo "== Django system checks, migrations"
$BIN/seuraamo compile_catalogues
$BIN/seuraamo check
$BIN/seuraamo makemigrations --check --dry-run

echo "== pip-audit of the pinned dependencies"
scripts/audit.sh

echo "== pytest on SQLite (browser tests in Chromium included)"
env -u DATABASE_URL $BIN/pytest "$@"

echo "== pytest on PostgreSQL (browser tests in Chromium included)"
scripts/with-postgres.sh $BIN/pytest "$@"
