"""Benchmark: requests from another process while a national 12r5 sync and then its revert write
into the same SQLite file (issue 23 §3: "400 mixed requests during a national revert and during a
national sync, 0 errors").

    .venv/bin/python bench/bench_writes_under_load.py [--months 210]

The tables are CONSTRUCTED (tests/fakepxweb: 421 areas shaped like 12r5's x ``--months`` months x
23 content codes, numbers from a formula). On a migrated SQLite file: a first national sync (not
measured); then a second national sync from a server whose table starts a month earlier, so that
every stored cell changes and one month is added, measured under load; then the revert of that
second run, measured under load. The load is `tests/official_stats/mixed_load.py`: a second process
sending, in turn, the home page, the situation page, an API query and an admin save, every 50 ms,
through Django's whole request path. Reported per phase: its time, the requests answered while it
ran, the errors among them (a 5xx or no answer), the slowest answer of each kind, and the writer's
peak memory.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from tests.official_stats.mixed_load import environment, failures, finish_load, start_load  # noqa: E402

SEURAAMO = str(Path(sys.executable).with_name("seuraamo"))


def fake_server(months: int, start: str) -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.fakepxweb", "--months", str(months), "--start", start],
        cwd=PROJECT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    line = server.stdout.readline() if server.stdout else ""
    match = re.search(r"(http://\S+)", line)
    if match is None:
        raise SystemExit(f"the fake server did not start: {line!r}")
    return server, match[1]


def seuraamo(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([SEURAAMO, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"seuraamo {' '.join(args)} failed: {done.stderr[-2000:]}")
    return done


def under_load(env: dict[str, str], command: list[str], **load: object) -> dict[str, object]:
    started = time.perf_counter()
    loader = start_load(env, **load)  # type: ignore[arg-type]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        writer = subprocess.Popen([SEURAAMO, *command], env=env, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(writer.pid, 0)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        output, errors = out.read(), err.read()
    results = finish_load(loader)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"seuraamo {' '.join(command)} failed: {errors[-2000:]}")
    during = [row for row in results if row[2]]
    slowest = {}
    for name, _status, _running, answer_seconds, _progress in during:
        slowest[name] = max(slowest.get(name, 0.0), answer_seconds)
    return {
        "seconds": seconds,
        "during": len(during),
        "errors": len(failures(during)),
        "median": statistics.median(row[3] for row in during) if during else 0.0,
        "slowest": slowest,
        "peak_mib": usage.ru_maxrss / 1024,
        "output": next(
            (line for line in output.splitlines() if "inserted" in line or "restored" in line), ""
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--months", type=int, default=210)
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="seuraamo-bench-load-"))
    env = environment(workdir, f"sqlite:///{workdir / 'bench.sqlite3'}")
    servers = []
    try:
        seuraamo(env, "migrate", "-v0")
        first, first_url = fake_server(options.months, "2009M01")
        servers.append(first)
        sync = ["sync_statistics", "--table", "12r5", "--areas", "all"]
        seuraamo(env, *sync, "--base-url", first_url)
        second, second_url = fake_server(options.months, "2008M12")
        servers.append(second)
        lock = workdir / "sync_statistics.lock"
        synced = under_load(env, [*sync, "--base-url", second_url], lock=lock)
        run_id = int(
            seuraamo(
                env,
                "shell",
                "-c",
                "from seuraamo.official_stats.models import SyncRun; print(SyncRun.objects.latest('pk').pk)",
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        reverted = under_load(env, ["revert_statistics_run", str(run_id)], run_id=run_id)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)

    cells = 421 * options.months * 23
    print(
        f"\nWrites under load, SQLite: CONSTRUCTED 12r5-like table, 421 areas x {options.months} "
        f"months x 23 contents = {cells:_} cells".replace("_", " ")
        + "; load: home page, situation page, API query, admin save in turn every 50 ms\n"
    )
    print(
        "| phase | what it wrote | time s | requests during | errors | median answer s | slowest page / API / save s | writer peak MiB |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for phase, found in (("national sync", synced), ("revert of that sync", reverted)):
        slow = found["slowest"]
        slowest = " / ".join(
            f"{max(slow.get(k, 0.0) for k in keys):.2f}"
            for keys in (
                ("page /fi/", "page /fi/situation/"),
                ("api observations",),
                ("admin save",),
            )
        )
        print(
            f"| {phase} | {found['output'].split(': ')[-1][:110]} | {found['seconds']:.0f} | {found['during']} | "
            f"{found['errors']} | {found['median']:.2f} | {slowest} | {found['peak_mib']:.0f} |"
        )


if __name__ == "__main__":
    main()
