#!/usr/bin/env bash
# Lint and static checks: formatting, ruff's rules, Django's system checks, no missing migration.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DEBUG=1

echo "== ruff format --check, ruff check"
$BIN/ruff format --check .
$BIN/ruff check .

echo "== Django system checks, migrations"
$BIN/seuraamo compile_catalogues
$BIN/seuraamo check
$BIN/seuraamo makemigrations --check --dry-run
