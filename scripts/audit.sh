#!/usr/bin/env bash
# pip-audit of every pinned dependency: fails on a known vulnerability or on a dependency it could
# not check (exit status 1, the vulnerable pin and the advisory's id printed).
#
# Settings (environment):
#   AUDIT_OSV_URL       an OSV-compatible query URL (an internal mirror of api.osv.dev, or the
#                       test's local fake service): then that service is asked, and it must answer.
#   AUDIT_REQUIREMENTS  the requirement files, space-separated (default: the two lock files).
#   AUDIT_CACHE_DIR     pip-audit's cache folder (default: its own).
#   AUDIT_PYPI_PROBE_URL  where to check that PyPI's JSON API answers with vulnerability data
#                       (default https://pypi.org/pypi; the tests point it at a local fake).
# Without AUDIT_OSV_URL the service is PyPI's JSON API; where that does not answer with
# vulnerability data (a machine that reaches only a package mirror, or nothing), the audit is
# skipped: the first line says "pip-audit: could not reach a vulnerability database; nothing was
# audited" and the exit status is 0, so an offline CI run passes without claiming a clean audit.
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

# Before pip-audit: does PyPI's JSON API answer here *with vulnerability data*? A package mirror
# or proxy that serves the JSON without the "vulnerabilities" list would make pip-audit report
# "No known vulnerabilities found" having checked nothing.
DJANGO_PIN=$(grep -i '^django==' requirements.lock | cut -d= -f3)
if ! $BIN/python - "${AUDIT_PYPI_PROBE_URL:-https://pypi.org/pypi}" "$DJANGO_PIN" <<'PY'
import json
import sys
import urllib.request

url = f"{sys.argv[1].rstrip('/')}/django/{sys.argv[2]}/json"
try:
    with urllib.request.urlopen(url, timeout=15) as response:
        answer = json.load(response)
    sys.exit(0 if isinstance(answer.get("vulnerabilities"), list) else 1)
except Exception:
    sys.exit(1)
PY
then
    echo "pip-audit: could not reach a vulnerability database; nothing was audited"
    echo "NOTICE: PyPI's vulnerability data (https://pypi.org/pypi/<name>/<version>/json) does not"
    echo "NOTICE: answer from this machine, so the pinned dependencies were NOT audited here."
    echo "NOTICE: set AUDIT_OSV_URL to an OSV mirror that does answer (see docs/security.md)."
    exit 0
fi
exec $BIN/pip-audit "${OPTIONS[@]}"
