#!/usr/bin/env bash
# Lint and static checks: formatting, ruff's rules, types (mypy), Django's system checks, no missing
# migration.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DEBUG=1

echo "== ruff format --check, ruff check"
$BIN/ruff format --check .
$BIN/ruff check .

echo "== mypy (strict for the PxWeb library, the transport, the mappers, services and selectors)"
# Incremental: the cache (.mypy_cache/) makes a run after a small change take a few seconds.
$BIN/mypy
# mypy says nothing of a module listed with known errors that no longer exists (moved, renamed):
# such an entry would go on hiding the errors of nothing, so it fails here.
$BIN/python - <<'PY'
import sys
import tomllib
from pathlib import Path

overrides = tomllib.loads(Path("pyproject.toml").read_text())["tool"]["mypy"]["overrides"]
listed = [name for o in overrides if o.get("ignore_errors") for name in o["module"]]
gone = [
    name
    for name in listed
    if not Path(*name.split(".")).with_suffix(".py").is_file()
    and not Path(*name.split("."), "__init__.py").is_file()
]
if gone:
    print("pyproject.toml lists modules with known type errors that do not exist:", *gone)
    sys.exit(1)
PY

echo "== Django system checks, migrations"
$BIN/seuraamo compile_catalogues
$BIN/seuraamo check
$BIN/seuraamo makemigrations --check --dry-run
