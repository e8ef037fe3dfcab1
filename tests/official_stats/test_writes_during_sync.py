"""No write lost to a lock (issue 11 §3): admin saves made while a national sync writes its cells
into the same SQLite file all succeed.

Real processes on a real (migrated) database file: `seuraamo sync_statistics`
against the fake PxWeb server (a 12r5-like table of 421 areas × 24 months × 23 codes, about
232 000 constructed cells), and meanwhile a second process saving through the admin (adding
groups) every 50 ms, with the configured busy timeout. None of its saves may fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from fakepxweb import make_12r5_table

from seuraamo.official_stats.services.locking import LOCK_NAME

SEURAAMO = str(Path(sys.executable).with_name("seuraamo"))

WRITER = """
import json, os, sys, time, django
django.setup()
from django.test import Client
from tests.personas import superuser
user = superuser("writer")
client = Client(HTTP_HOST="localhost")
client.force_login(user)
lock = sys.argv[1]
results = []
deadline = time.monotonic() + 120
started = False
while time.monotonic() < deadline:
    running = os.path.exists(lock) and open(lock).read() != ""
    started = started or running
    if started and not running:
        break
    began = time.monotonic()
    try:
        answer = client.post("/admin/auth/group/add/", {"name": f"group {len(results)}"})
        results.append((answer.status_code, running, round(time.monotonic() - began, 2)))
    except Exception as error:
        results.append((repr(error)[:200], running, round(time.monotonic() - began, 2)))
    time.sleep(0.05)  # an eager editor, not a busy loop that takes a core from the sync
print(json.dumps(results))
"""


def test_admin_saves_during_a_national_sync_all_succeed(
    fake_pxweb, tmp_path: Path, migrated_sqlite
) -> None:
    server = fake_pxweb(make_12r5_table(24, start="2024M07"))
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATA_DIR": str(tmp_path),
        "DATABASE_URL": migrated_sqlite(tmp_path / "seuraamo.sqlite3"),
        "DJANGO_SETTINGS_MODULE": "seuraamo.config.settings",
    }
    sync = subprocess.Popen(
        [SEURAAMO, "sync_statistics", "--base-url", server.base_url, "--table", "12r5",
         "--areas", "all"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    writer = subprocess.run(
        [sys.executable, "-c", WRITER, str(tmp_path / LOCK_NAME)],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    out, err = sync.communicate(timeout=300)
    assert sync.returncode == 0, err
    assert "tyonv/12r5 since the start" in out
    assert writer.returncode == 0, writer.stderr
    results = json.loads(writer.stdout.strip().splitlines()[-1])
    during = [status for status, running, _seconds in results if running]
    assert len(during) >= 5, results  # the saves really overlapped the sync
    assert {status for status, _running, _seconds in results} == {302}, results
