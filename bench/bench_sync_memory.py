"""Benchmark: peak memory of a national 12r5 sync against the local fake PxWeb server.

    .venv/bin/python bench/bench_sync_memory.py [--months 250] [--also-materialised]

The table is CONSTRUCTED (tests/fakepxweb: 421 areas shaped like 12r5's x ``--months`` months from
2009M01 x 23 content codes, numbers from a formula; 250 months = 2 420 750 cells, the size the
issue measured). The fake server runs in its own process under the documented contract (120 000
cells per query, 40 calls per 60 s); `seuraamo sync_statistics --table tyonv/12r5 --areas all`
runs in a fresh process on an empty SQLite database, and the peak resident memory (ru_maxrss) of
that process is reported with the calls, 429 answers, cells and time. Target (issue 9): < 400 MB.

``--also-materialised`` repeats the sync the way it worked before streaming (fetch every answer,
merge them into one cube, then store), for comparison in the same run.
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


def child(base_url: str, materialised: bool) -> None:
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
    print(
        json.dumps(
            {
                "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                "peak_before_sync_kib": before,
                "seconds": seconds,
                "cells": run.cells,
                "inserted": run.inserted,
                "queries": result.queries,
                "minimum_queries": result.minimum_queries,
                "calls": run.calls,
            }
        )
    )


def measure(base_url: str, materialised: bool) -> dict[str, float]:
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
        done = subprocess.run(argv, env=env, cwd=PROJECT, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(done.stderr[-3000:])
        return json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--months", type=int, default=250)
    parser.add_argument("--also-materialised", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--materialised", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child, options.materialised)
        return

    cells = AREAS * options.months * CONTENTS
    modes = [False, True] if options.also_materialised else [False]
    rows = []
    for materialised in modes:
        server = subprocess.Popen(
            [sys.executable, "-m", "tests.fakepxweb", "--months", str(options.months)],
            cwd=PROJECT,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            line = server.stdout.readline()
            base_url = re.search(r"(http://\S+)", line)[1]
            result = measure(base_url, materialised)
        finally:
            server.terminate()
            summary = server.communicate(timeout=30)[0]
        statuses = re.search(r"statuses: (\{[^}]*\})", summary)
        rows.append((materialised, result, statuses[1] if statuses else "?"))

    print(
        f"\nNational 12r5 sync against the fake server: CONSTRUCTED table, {AREAS} areas x "
        f"{options.months} months x {CONTENTS} contents = {spaced(cells)} cells, "
        f"{spaced(MAX_CELLS)} cells per query, 40 calls per 60 s, SQLite\n"
    )
    print(
        "| how | cells stored | data queries (minimum) | all calls | HTTP statuses | time s | peak RSS MiB | target < 400 MB |"
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
        print(
            f"| {how} | {spaced(result['inserted'])} | {result['queries']} ({minimum}) "
            f"| {result['calls']} | {statuses} | {result['seconds']:.0f} | {peak_mib:.0f} "
            f"| {'yes' if peak_mib * 1.048576 < 400 else '**no**'} |"
        )


if __name__ == "__main__":
    main()
