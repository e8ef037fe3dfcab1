"""Benchmark: ingest the 12r5 history snapshot (265 788 cells) into a fresh SQLite database.

    .venv/bin/python bench/bench_ingest.py [--runs 5]

Each run migrates a new SQLite file (not timed), then times
* parse: reading the snapshot file with the PxWeb library (json-stat 2.0, gzip),
* ingest: `ingest_cube` into the empty database (one transaction),
* re-import: parse and ingest the same file again (must write 0 rows),
* whole snapshot: `load_snapshot()` of every table (12r5 history + 2026M06, 12ti, population) into
  another fresh database, for information.
Prints a markdown table of the medians (and min/max). Target: parse + ingest < 3 s.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
WORKDIR = Path(tempfile.mkdtemp(prefix="seuraamo-bench-"))
DATABASE = WORKDIR / "bench.sqlite3"
os.environ["DEBUG"] = "1"
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seuraamo.config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from seuraamo.official_stats.models import Observation, ObservationRevision  # noqa: E402
from seuraamo.official_stats.pxweb import Cube, parse_jsonstat  # noqa: E402
from seuraamo.official_stats.services import ingest_cube, load_snapshot  # noqa: E402
from seuraamo.official_stats.services.snapshot import SNAPSHOT_DIR  # noqa: E402

HISTORY = SNAPSHOT_DIR / "12r5_history_2006M01-2023M10.json-stat2.json.gz"
TABLE = "tyonv/12r5"


def fresh_database() -> None:
    connection.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    call_command("migrate", verbosity=0)


def parse() -> Cube:
    return parse_jsonstat(gzip.decompress(HISTORY.read_bytes()))


def timed(function: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def one_run() -> dict[str, float]:
    fresh_database()
    parse_seconds, cube = timed(parse)
    ingest_seconds, run = timed(lambda: ingest_cube(table_id=TABLE, cube=cube, source="bench"))
    assert run.inserted == run.cells == 265_788, run
    again_seconds, again = timed(
        lambda: ingest_cube(table_id=TABLE, cube=parse(), source="bench again")
    )
    written = again.inserted + again.changed
    assert written == 0 and ObservationRevision.objects.count() == 0, again
    assert Observation.objects.count() == 265_788
    fresh_database()
    whole_seconds, result = timed(load_snapshot)
    return {
        "parse": parse_seconds,
        "ingest": ingest_seconds,
        "total": parse_seconds + ingest_seconds,
        "reimport": again_seconds,
        "written": float(written),
        "whole": whole_seconds,
        "whole_cells": float(sum(r.cells for r in result.runs)),
    }


def machine() -> list[tuple[str, str]]:
    try:
        cpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        model = next(
            (line.split(":", 1)[1].strip() for line in cpu.splitlines() if "Model name" in line),
            platform.processor(),
        )
    except (OSError, subprocess.CalledProcessError):
        model = platform.processor()
    return [
        ("nproc", str(os.cpu_count())),
        ("CPU", model),
        ("Python", platform.python_version()),
        ("SQLite", sqlite3.sqlite_version),
        ("Django", django.get_version()),
        ("load average at start", " ".join(f"{x:.2f}" for x in os.getloadavg())),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    facts = machine()
    runs = [one_run() for _ in range(args.runs)]

    def row(label: str, key: str, unit: str = "s") -> str:
        values = [run[key] for run in runs]
        if unit == "s":
            cells = [f"{statistics.median(values):.2f}", f"{min(values):.2f}", f"{max(values):.2f}"]
        else:
            cells = [f"{statistics.median(values):.0f}", f"{min(values):.0f}", f"{max(values):.0f}"]
        return f"| {label} | " + " | ".join(cells) + " |"

    print(f"## Ingest benchmark ({args.runs} runs, fresh SQLite database each run)\n")
    print("| step | median | min | max |")
    print("|---|---|---|---|")
    print(row("parse 12r5 history (json-stat2.gz, 265 788 cells)", "parse"))
    print(row("ingest into empty database", "ingest"))
    print(row("**parse + ingest (target < 3 s)**", "total"))
    print(row("re-import, no changes", "reimport"))
    print(row("rows written by the re-import", "written", unit="rows"))
    print(row(f"whole snapshot, all tables ({runs[0]['whole_cells']:.0f} cells)", "whole"))
    print("\n| machine | |\n|---|---|")
    for name, value in facts:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
