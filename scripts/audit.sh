#!/usr/bin/env bash
# pip-audit of every pinned dependency: fails on a known vulnerability or on a dependency it could
# not check. Its vulnerability service is PyPI's JSON API; where that does not answer (a machine that
# reaches only a package mirror), the audit is skipped with a notice instead of failing the run.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
DJANGO_PIN=$(grep -i '^django==' requirements.lock | cut -d= -f3)

if ! $BIN/python - "$DJANGO_PIN" <<'PY'
import sys
import urllib.request

url = f"https://pypi.org/pypi/django/{sys.argv[1]}/json"
try:
    with urllib.request.urlopen(url, timeout=15) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception:
    sys.exit(1)
PY
then
    echo "NOTICE: pip-audit skipped: the vulnerability service (https://pypi.org/pypi/<name>/<version>/json)"
    echo "NOTICE: does not answer from this machine, so the pinned dependencies were NOT audited here."
    exit 0
fi
$BIN/pip-audit --strict --disable-pip --no-deps --progress-spinner off \
    -r requirements.lock -r requirements-test.lock
