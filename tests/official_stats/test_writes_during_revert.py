"""Nobody waits on a revert (issue 23 §3): while a revert restores and removes some 232 000 cells
of one run in the same SQLite file, public pages, the API and admin saves from another process
all answer; and from the revert's first commit the run's cells are no longer shown.

Real processes on a real (migrated) database file: two `sync_statistics` runs against the fake
PxWeb server (a 12r5-like table, constructed values: 421 areas × 6 months × 23 codes, then the
same table with 24 months and other values, so the second run changes 58 000 cells and adds
174 000), then `revert_statistics_run` of the second run beside the mixed load of
`mixed_load.py`. The revert is this large so that it lasts long enough for the load to overlap
it several times: with the faster ingest and revert of issue 22 §4, a revert of half as many cells
was over after three requests on an idle two-core machine."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from fakepxweb import make_12r5_table

from tests.official_stats.mixed_load import environment, failures, finish_load, start_load

SEURAAMO = str(Path(sys.executable).with_name("seuraamo"))


def sync(env: dict[str, str], base_url: str) -> str:
    done = subprocess.run(
        [SEURAAMO, "sync_statistics", "--base-url", base_url, "--table", "12r5", "--areas", "all"],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_pages_api_and_saves_all_answer_during_a_large_revert(
    fake_pxweb, tmp_path: Path, migrated_sqlite
) -> None:
    database = tmp_path / "seuraamo.sqlite3"
    env = environment(tmp_path, migrated_sqlite(database))
    sync(env, fake_pxweb(make_12r5_table(6, start="2026M01")).base_url)
    with sqlite3.connect(database) as db:
        first = sorted(db.execute("SELECT id, value FROM official_stats_observation"))
    sync(env, fake_pxweb(make_12r5_table(24, start="2024M07")).base_url)
    with sqlite3.connect(database) as db:
        (second, inserted, changed) = db.execute(
            "SELECT id, inserted, changed FROM official_stats_syncrun ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert inserted > 50_000 and changed > 50_000

    load = start_load(env, run_id=second)
    revert = subprocess.run(
        [SEURAAMO, "revert_statistics_run", str(second)],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    results = finish_load(load)

    assert revert.returncode == 0, revert.stderr
    assert f"{changed} value(s) restored, {inserted} cell(s) removed" in revert.stdout
    during = [row for row in results if row[2]]
    assert len(during) >= 4, results  # the requests really overlapped the revert
    assert {name for name, *_rest in during} >= {"page /fi/situation/", "admin save"}
    assert failures(results) == []
    assert {status for _name, status, *_rest in results} <= {200, 302}
    # Many short transactions, not one: the other process saw the revert come along.
    seen = {progress for *_rest, progress in during}
    assert len(seen - {0, changed + inserted}) >= 3, sorted(seen)
    with sqlite3.connect(database) as db:
        assert sorted(db.execute("SELECT id, value FROM official_stats_observation")) == first
