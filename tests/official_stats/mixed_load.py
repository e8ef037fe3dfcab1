"""A second process sending mixed requests while a sync or a revert writes into the same SQLite
file: public pages, the API and admin saves, through Django's test client (the whole request
path, in-process), every 50 ms. It prints each answer as (request, status or error, whether the
write was running, seconds) in JSON. The write counts as running while `running()` says so: the
sync lock file is held (a sync), or the run's revert has started and not finished (a revert)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

LOAD = """
import json, os, sys, time, django
django.setup()
from django.test import Client
from seuraamo.accounts.models import User
from seuraamo.official_stats.models import SyncRun
from tests.personas import superuser

lock, run_id = sys.argv[1], int(sys.argv[2])
editor = Client(HTTP_HOST="localhost")
editor.force_login(User.objects.filter(username="writer").first() or superuser("writer"))
visitor = Client(HTTP_HOST="localhost")
REQUESTS = [
    ("page /fi/", lambda n: visitor.get("/fi/")),
    ("page /fi/situation/", lambda n: visitor.get("/fi/situation/")),
    ("api observations", lambda n: visitor.get(
        "/api/observations?table=tyonv/12r5&area=MK08&content=TYOTTOMATLOPUSSA")),
    ("admin save", lambda n: editor.post("/admin/auth/group/add/", {"name": f"group {n}"})),
]

def running():
    if run_id:
        run = SyncRun.objects.filter(pk=run_id).first()
        busy = run.revert_started_at is not None and run.reverted_at is None
        return busy, run.revert_restored + run.revert_removed
    return os.path.exists(lock) and open(lock).read() != "", 0

results = []
deadline = time.monotonic() + 240
started = False
while time.monotonic() < deadline:
    now_running, progress = running()
    started = started or now_running
    if started and not now_running:
        break
    name, send = REQUESTS[len(results) % len(REQUESTS)]
    began = time.monotonic()
    try:
        status = send(len(results)).status_code
    except Exception as error:
        status = repr(error)[:200]
    results.append((name, status, now_running, round(time.monotonic() - began, 2), progress))
    time.sleep(0.05)  # an eager set of users, not a busy loop that takes a core from the writer
print(json.dumps(results))
"""


def start_load(
    env: dict[str, str], *, lock: Path | None = None, run_id: int = 0
) -> subprocess.Popen[str]:
    """Start the load beside a write; `finish_load` reads its answers."""
    return subprocess.Popen(
        [sys.executable, "-c", LOAD, str(lock or ""), str(run_id)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip


def finish_load(load: subprocess.Popen[str]) -> list[tuple[str, object, bool, float, int]]:
    out, err = load.communicate(timeout=300)
    assert load.returncode == 0, err
    return [tuple(row) for row in json.loads(out.strip().splitlines()[-1])]


def failures(results: list[tuple[str, object, bool, float, int]]) -> list[tuple[str, object]]:
    """The answers that were errors: a server error (5xx) or no answer at all (an exception, such
    as "database is locked"). A 400 for a table not stored yet is the API's right answer."""
    return [
        (name, status)
        for name, status, *_rest in results
        if not isinstance(status, int) or status >= 500
    ]


def environment(tmp_path: Path, database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "1",
        "DATA_DIR": str(tmp_path),
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "seuraamo.config.settings",
    }
