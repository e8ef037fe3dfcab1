"""Benchmark: peak memory of a national 12r5 sync against the local fake PxWeb server.

    .venv/bin/python bench/bench_sync_memory.py [--months 250] [--also-materialised]

The table is CONSTRUCTED (tests/fakepxweb: 421 areas shaped like 12r5's x ``--months`` months from
2009M01 x 23 content codes, numbers from a formula; 250 months = 2 420 750 cells, the size the
issue measured). The fake server runs in its own process under the documented contract (120 000
cells per query, 40 calls per 60 s); `seuraamo sync_statistics --table tyonv/12r5 --areas all`
runs in a fresh process on an empty SQLite database, and the peak resident memory (ru_maxrss) of
that process is reported with the calls, 429 answers, cells and time.

``--also-materialised`` repeats the sync the way it worked before streaming (fetch every answer,
merge them into one cube, then store), for comparison in the same run.

Targets (issue 22 §4): the national sync under 15 s and 300 MB. Then, in the same process, a
re-sync from a server whose table starts a month earlier, so that every stored cell changes (a
re-based history, the worst case for the switch): its time, its peak memory and the longest
write transaction (what another writer may have to wait for; SQLite's busy timeout is 20 s).
``--no-resync`` leaves it out. The months end at the current month (the checks refuse periods
more than a year ahead).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
TABLE = "tyonv/12r5"
AREAS, CONTENTS, MAX_CELLS = 421, 23, 120_000


def spaced(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def start_month(months: int, earlier: int = 0) -> str:
    """The first of ``months`` months ending this month, ``earlier`` months before that."""
    today = time.gmtime()
    index = today.tm_year * 12 + today.tm_mon - 1 - months + 1 - earlier
    return f"{index // 12}M{index % 12 + 1:02d}"


def longest_transactions() -> list[float]:
    """Patch Django's atomic blocks to record how long each outermost one lasted (seconds)."""
    from django.db import transaction

    durations: list[float] = []
    enter, exit_ = transaction.Atomic.__enter__, transaction.Atomic.__exit__
    started: list[float] = []

    def timed_enter(self):  # noqa: ANN001, ANN202
        from django.db import connection

        if not connection.in_atomic_block:
            started.append(time.perf_counter())
        return enter(self)

    def timed_exit(self, *args):  # noqa: ANN001, ANN002, ANN202
        from django.db import connection

        result = exit_(self, *args)
        if not connection.in_atomic_block and started:
            durations.append(time.perf_counter() - started.pop())
        return result

    transaction.Atomic.__enter__ = timed_enter
    transaction.Atomic.__exit__ = timed_exit
    return durations


def child(base_url: str, materialised: bool, second_url: str | None = None) -> None:
    """Runs in the measured process: migrate an empty database, sync, print one JSON line."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from seuraamo.official_stats.models import SyncRun
    from seuraamo.official_stats.services import sync as sync_service

    if materialised:
        # The earlier way: every answer merged into one cube before anything is stored.
        from seuraamo.official_stats.pxweb import fetch_table

        def fetch_all(client, table_id, selection=None, lang=None, **options):  # noqa: ANN001, ANN202, ANN003
            yield fetch_table(client, table_id, selection, lang, **options)

        sync_service.fetch_table_pieces = fetch_all
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    client = sync_service.make_client(base_url)
    result = sync_service.sync_table(client=client, table_id=TABLE, areas_option="all")
    seconds = time.perf_counter() - started
    run = SyncRun.objects.get(pk=result.run.pk)
    report = {
        "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "peak_before_sync_kib": before,
        "seconds": seconds,
        "cells": run.cells,
        "inserted": run.inserted,
        "queries": result.queries,
        "minimum_queries": result.minimum_queries,
        "calls": run.calls,
    }
    if second_url:
        durations = longest_transactions()
        started = time.perf_counter()
        again = sync_service.sync_table(
            client=sync_service.make_client(second_url), table_id=TABLE, areas_option="all"
        )
        rerun = SyncRun.objects.get(pk=again.run.pk)
        report["resync"] = {
            "seconds": time.perf_counter() - started,
            "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "inserted": rerun.inserted,
            "changed": rerun.changed,
            "unchanged": rerun.unchanged,
            "longest_transaction": max(durations, default=0.0),
            "transactions": len(durations),
        }
    print(json.dumps(report))


def measure(base_url: str, materialised: bool, second_url: str | None = None) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="seuraamo-bench-sync-"))
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "seuraamo.config.settings",
            "DATA_DIR": str(workdir),
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "SECRET_KEY": secrets.token_urlsafe(64),
        }
    )
    try:
        argv = [sys.executable, __file__, "--child", base_url]
        if materialised:
            argv.append("--materialised")
        if second_url:
            argv += ["--second", second_url]
        done = subprocess.run(argv, env=env, cwd=PROJECT, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(done.stderr[-3000:])
        return json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def fake_server(months: int, start: str) -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.fakepxweb", "--months", str(months), "--start", start],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        text=True,
    )
    line = server.stdout.readline() if server.stdout else ""
    match = re.search(r"(http://\S+)", line)
    if match is None:
        raise SystemExit(f"the fake server did not start: {line!r}")
    return server, match[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--months", type=int, default=250)
    parser.add_argument("--also-materialised", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--materialised", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--second", help=argparse.SUPPRESS)
    parser.add_argument("--no-resync", action="store_true", help="only the first sync")
    options = parser.parse_args()
    if options.child:
        child(options.child, options.materialised, options.second)
        return

    cells = AREAS * options.months * CONTENTS
    modes = [False, True] if options.also_materialised else [False]
    rows = []
    load_before = os.getloadavg()
    for materialised in modes:
        resync = not materialised and not options.no_resync
        server, base_url = fake_server(options.months, start_month(options.months))
        second = fake_server(options.months, start_month(options.months, 1)) if resync else None
        try:
            result = measure(base_url, materialised, second[1] if second else None)
        finally:
            server.terminate()
            summary = server.communicate(timeout=30)[0]
            if second:
                second[0].terminate()
                second[0].communicate(timeout=30)
        statuses = re.search(r"statuses: (\{[^}]*\})", summary)
        rows.append((materialised, result, statuses[1] if statuses else "?"))

    print(
        f"\nNational 12r5 sync against the fake server: CONSTRUCTED table, {AREAS} areas x "
        f"{options.months} months x {CONTENTS} contents = {spaced(cells)} cells, "
        f"{spaced(MAX_CELLS)} cells per query, 40 calls per 60 s, SQLite\n"
    )
    print(
        "| how | cells stored | data queries (minimum) | all calls | HTTP statuses | time s "
        "| peak RSS MiB | target < 15 s, < 300 MB |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for materialised, result, statuses in rows:
        peak_mib = result["peak_kib"] / 1024
        how = (
            "merged into one cube first (before)"
            if materialised
            else "streamed, one answer at a time"
        )
        minimum = math.ceil(cells / MAX_CELLS)
        met = result["seconds"] < 15 and peak_mib * 1.048576 < 300
        print(
            f"| {how} | {spaced(result['inserted'])} | {result['queries']} ({minimum}) "
            f"| {result['calls']} | {statuses} | {result['seconds']:.1f} | {peak_mib:.0f} "
            f"| {'yes' if met else '**no**'} |"
        )
    resynced = [result["resync"] for _, result, _ in rows if "resync" in result]
    if resynced:
        again = resynced[0]
        print(
            "\nRe-sync from a table starting a month earlier (every stored cell changes):\n\n"
            "| inserted | changed | unchanged | time s | peak RSS MiB (whole process) "
            "| write transactions | longest s | under SQLite's 20 s busy timeout |\n"
            "|---|---|---|---|---|---|---|---|\n"
            f"| {spaced(again['inserted'])} | {spaced(again['changed'])} "
            f"| {spaced(again['unchanged'])} | {again['seconds']:.1f} "
            f"| {again['peak_kib'] / 1024:.0f} | {again['transactions']} "
            f"| {again['longest_transaction']:.2f} "
            f"| {'yes' if again['longest_transaction'] < 20 else '**no**'} |"
        )
    print(
        f"\nLoad average (1, 5, 15 min) before: {' '.join(f'{x:.1f}' for x in load_before)}, "
        f"after: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
