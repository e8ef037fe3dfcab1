#!/usr/bin/env bash
# The edit loop (`make check`): lint and static checks, then every test except the browser tests,
# on SQLite. `make test` runs everything.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG=1
unset PYTHONDONTWRITEBYTECODE

scripts/lint.sh

echo "== pytest on SQLite, without the browser tests"
env -u DATABASE_URL .venv/bin/pytest -n "${TEST_WORKERS:-2}" -m "not browser" "$@"
