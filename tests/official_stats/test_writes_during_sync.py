"""No write lost to a lock (issue 11 §3, issue 23 §3): public pages, the API and admin saves made
while a national sync writes its cells into the same SQLite file all answer.

Real processes on a real (migrated) database file: `seuraamo sync_statistics`
against the fake PxWeb server (a 12r5-like table of 421 areas × 24 months × 23 codes, about
232 000 constructed cells), and meanwhile a second process sending the mixed requests of
`mixed_load.py` every 50 ms, with the configured busy timeout. None of them may fail.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fakepxweb import make_12r5_table

from seuraamo.official_stats.services.locking import LOCK_NAME
from tests.official_stats.mixed_load import environment, failures, finish_load, start_load

SEURAAMO = str(Path(sys.executable).with_name("seuraamo"))


def test_pages_api_and_admin_saves_during_a_national_sync_all_answer(
    fake_pxweb, tmp_path: Path, migrated_sqlite
) -> None:
    server = fake_pxweb(make_12r5_table(24, start="2024M07"))
    env = environment(tmp_path, migrated_sqlite(tmp_path / "seuraamo.sqlite3"))
    sync = subprocess.Popen(
        [SEURAAMO, "sync_statistics", "--base-url", server.base_url, "--table", "12r5",
         "--areas", "all"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    load = start_load(env, lock=tmp_path / LOCK_NAME)
    out, err = sync.communicate(timeout=300)
    results = finish_load(load)
    assert sync.returncode == 0, err
    assert "tyonv/12r5 since the start" in out
    during = [row for row in results if row[2]]
    assert len(during) >= 5, results  # the requests really overlapped the sync
    assert {name for name, *_rest in during} >= {"page /fi/", "admin save"}
    assert failures(results) == []
