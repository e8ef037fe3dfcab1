#!/usr/bin/env bash
# pip-audit of every pinned dependency: fails on a known vulnerability or on a dependency it could
# not check (exit status 1, the vulnerable pin and the advisory's id printed).
#
# Settings (environment):
#   AUDIT_OSV_URL       an OSV-compatible query URL (an internal mirror of api.osv.dev, or the
#                       test's local fake service): then that service is asked, and it must answer.
#   AUDIT_REQUIREMENTS  the requirement files, space-separated (default: the two lock files).
#   AUDIT_CACHE_DIR     pip-audit's cache folder (default: its own).
# Without AUDIT_OSV_URL the service is PyPI's JSON API; where that does not answer (a machine that
# reaches only a package mirror), the audit is skipped with a notice instead of failing the run.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
read -r -a FILES <<< "${AUDIT_REQUIREMENTS:-requirements.lock requirements-test.lock}"
OPTIONS=(--strict --disable-pip --no-deps --progress-spinner off)
for file in "${FILES[@]}"; do
    OPTIONS+=(-r "$file")
done
if [[ -n "${AUDIT_CACHE_DIR:-}" ]]; then
    OPTIONS+=(--cache-dir "$AUDIT_CACHE_DIR")
fi

if [[ -n "${AUDIT_OSV_URL:-}" ]]; then
    exec $BIN/pip-audit "${OPTIONS[@]}" --vulnerability-service osv --osv-url "$AUDIT_OSV_URL"
fi

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
    echo "NOTICE: set AUDIT_OSV_URL to an OSV mirror that does answer (see docs/security.md)."
    exit 0
fi
exec $BIN/pip-audit "${OPTIONS[@]}"
