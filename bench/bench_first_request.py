"""Benchmark: what the first visitor pays after a change of the data (a sync), with and without the
background warm-up of the public pages (issue 22, point 3), and a new worker's first render
(point 2: the chart engine started before the worker takes requests).

    .venv/bin/python bench/bench_first_request.py [--workers 3]

Sets up a fresh SQLite installation as bench_http.py does (not timed), starts `seuraamo serve
--no-background-worker`, then:

1. a new process's first page: a server with one worker started for each of the situation page
   and the home page, and the page's first request timed (`--project DIR` runs the server from
   another source tree, e.g. `git archive` of an earlier commit, to compare);
2. without warm-up: the data version moved on (as a sync does), then the first request of each page
   kind: each is rendered for its visitor;
3. with warm-up: the version moved on again, the queued warm-up run to its end
   (`seuraamo db_worker --batch`, timed), then the first request of each page kind.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_http import PROJECT, SEURAAMO, discover, get, prepare, server_env

BUMP = "from seuraamo.core.data_version import bump_data_version; bump_data_version()"


def timed_get(port: int, path: str) -> float:
    began = time.perf_counter()
    status, _body = get(port, path)
    if status != 200:
        raise SystemExit(f"{path}: HTTP {status}")
    return (time.perf_counter() - began) * 1000


def seuraamo(env: dict[str, str], *args: str) -> None:
    subprocess.run([*SEURAAMO, *args], env=env, cwd=PROJECT, check=True, capture_output=True)


def start(env: dict[str, str], port: int, workers: int, project: Path) -> subprocess.Popen[bytes]:
    """`seuraamo serve` without the background worker, once it answers."""
    command = ["serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    server = subprocess.Popen(
        [*SEURAAMO, *command, "--no-background-worker"],
        env=env,
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _attempt in range(1200):
        try:
            get(port, "/healthz")
            return server
        except OSError:
            time.sleep(0.05)
    raise SystemExit("the server did not start")


def first_requests(port: int, urls: list[tuple[str, str]]) -> list[tuple[str, float, float]]:
    return [(kind, timed_get(port, path), timed_get(port, path)) for kind, path in urls]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--project", type=Path, default=PROJECT)
    parser.add_argument("--first-only", action="store_true", help="only step 1")
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="seuraamo-bench-first-"))
    env = server_env(workdir)
    print(f"Preparing {workdir} …", flush=True)
    prepare(env)
    port = 19000 + os.getpid() % 1000
    # The warm-up renders at SITE_URL: the address the visitors' requests carry.
    env["SITE_URL"] = f"http://127.0.0.1:{port}"
    fresh = {}
    for path in ("/fi/situation/", "/fi/"):
        server = start(env, port, 1, options.project)
        try:
            fresh[path] = timed_get(port, path)
        finally:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(workdir / "cache", ignore_errors=True)
    print(
        "A new process's first page (ms): "
        + ", ".join(f"{path} {ms:.0f}" for path, ms in fresh.items())
    )
    if options.first_only:
        shutil.rmtree(workdir, ignore_errors=True)
        return
    server = start(env, port, options.workers, options.project)
    try:
        urls = [(kind, path) for kind, path in discover(port) if not path.startswith("/static")]
        seuraamo(env, "shell", "-c", BUMP)
        cold = first_requests(port, urls)
        seuraamo(env, "shell", "-c", BUMP)
        began = time.perf_counter()
        seuraamo(env, "db_worker", "--batch", "--no-startup-delay", "--no-reload")
        warm_up_seconds = time.perf_counter() - began
        warm = first_requests(port, urls)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"\n`seuraamo serve --workers {options.workers}`, SQLite, DEBUG off, gzip asked\n")
    print(
        f"\nThe warm-up after the change (db_worker --batch, the process's start included): "
        f"{warm_up_seconds:.1f} s\n"
    )
    print(
        "| page | first request after a change, no warm-up (ms) | second | "
        "first request after the warm-up (ms) | second |"
    )
    print("|---|---|---|---|---|")
    for (kind, cold_first, cold_second), (_kind, warm_first, warm_second) in zip(
        cold, warm, strict=True
    ):
        print(
            f"| {kind} | {cold_first:.0f} | {cold_second:.1f} | {warm_first:.1f} | "
            f"{warm_second:.1f} |"
        )


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
