"""Benchmark: HTTP load on the production stack, every public page kind and the API against a static
file of the same server.

    .venv/bin/python bench/bench_http.py [--clients 16] [--seconds 6] [--workers 2]

Sets up a fresh SQLite database with the real programme and the offline statistics snapshot
(`load_initial_data`, not timed), collects the static files, starts `seuraamo serve` (gunicorn,
sync workers, DEBUG off) on loopback, then for each URL runs `--clients` concurrent clients for
`--seconds` (after warm-up requests and a one-second warm-up under load) and reports requests per second, p50 and p95 latency,
and the throughput as a share of the static file's. Targets (issue 9): p95 < 100 ms and at least
half of the static file's throughput. Finally the peak memory (VmHWM) of each web worker.
The load generator runs on the same cores as the server, as the issue's measurement did.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SEURAAMO = [sys.executable, "-m", "seuraamo.cli"]


def server_env(workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "PROXY_SSL_HEADER"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "seuraamo.config.settings",
            "DATA_DIR": str(workdir),
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1",
            "HTTPS": "0",
        }
    )
    return env


def prepare(env: dict[str, str]) -> None:
    for step in (
        ["migrate", "--noinput", "-v0"],
        ["compile_catalogues"],
        ["load_initial_data"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run([*SEURAAMO, *step], env=env, cwd=PROJECT, check=True, capture_output=True)


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def discover(port: int) -> list[tuple[str, str]]:
    """One URL of each public page kind, found by following the site's own links."""

    def text(path: str) -> str:
        body = get(port, path)[1]
        return (gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body).decode()

    programme = text("/fi/programme/")
    organisations = text("/fi/organisations/")
    situation = text("/fi/situation/")
    services = text("/fi/services/")
    stylesheet = re.search(r'href="(/static/core/css/screen\.[0-9a-f]+\.css)"', text("/fi/"))

    def first(pattern: str, html: str) -> str:
        found = re.search(pattern, html)
        if not found:
            raise SystemExit(f"no link matching {pattern}")
        return found[1]

    theme = first(r'href="(/fi/themes/[0-9.]+/)"', programme)
    return [
        ("static file (CSS, WhiteNoise)", stylesheet[1] if stylesheet else "/static/missing"),
        ("home", "/fi/"),
        ("programme", "/fi/programme/"),
        ("theme", theme),
        ("goal", first(r'href="(/fi/goals/[^"/]+/)"', text(theme))),
        ("organisations", "/fi/organisations/"),
        ("organisation", first(r'href="(/fi/organisations/[^"/]+/)"', organisations)),
        ("steering group", "/fi/steering-group/"),
        ("situation", "/fi/situation/"),
        ("municipality", first(r'href="(/fi/situation/municipalities/[^"/]+/)"', situation)),
        ("situation review", "/fi/situation/review/"),
        ("services", "/fi/services/"),
        ("service", first(r'href="(/fi/services/(?!actors/|guide/)[^"/?]+/)"', services)),
        (
            "API observations (JSON)",
            "/api/observations?table=tyonv/12r5&content=TYOTTOMATLOPUSSA&area=MK08",
        ),
    ]


def load(port: int, path: str, clients: int, seconds: float) -> tuple[list[float], int, float]:
    """Latencies (s) of the requests that finished within `seconds`, the error count, the time."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    start_at = time.perf_counter() + 1.0  # the first second warms up, not counted
    stop_at = start_at + seconds

    def client() -> None:
        nonlocal errors
        mine: list[float] = []
        failed = 0
        while True:
            began = time.perf_counter()
            if began >= stop_at:
                break
            try:
                status, _body = get(port, path)
            except OSError:
                status = 0
            ended = time.perf_counter()
            if began >= start_at and ended <= stop_at:
                mine.append(ended - began)
                failed += status != 200
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, seconds


def worker_peak_memory(master_pid: int) -> list[int]:
    """VmHWM (kB) of each gunicorn worker: the children of the master process."""
    peaks = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master_pid}$", text, re.M):
            peak = re.search(r"^VmHWM:\s+(\d+) kB", text, re.M)
            if peak:
                peaks.append(int(peak[1]))
    return sorted(peaks)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=0)
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="seuraamo-bench-http-"))
    env = server_env(workdir)
    print(f"Preparing {workdir} (migrate, load_initial_data, collectstatic) …", flush=True)
    prepare(env)
    port = options.port or 18000 + os.getpid() % 1000
    server = subprocess.Popen(
        [*SEURAAMO, "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(options.workers)],
        env=env,
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _attempt in range(300):
            try:
                get(port, "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        urls = discover(port)
        rows = []
        static_rate = None
        for kind, path in urls:
            for _warm in range(4 * options.workers):  # every worker fills its caches first
                get(port, path)
            latencies, errors, seconds = load(port, path, options.clients, options.seconds)
            latencies.sort()
            rate = len(latencies) / seconds
            static_rate = static_rate or rate
            p50 = statistics.median(latencies) * 1000
            p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000
            rows.append((kind, path, len(latencies), errors, rate, p50, p95, rate / static_rate))
            print(f"  {kind}: {rate:.0f} req/s, p95 {p95:.0f} ms", file=sys.stderr, flush=True)
        peaks = worker_peak_memory(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)

    print(
        f"\nHTTP load: {options.clients} clients, {options.seconds:.0f} s per URL, "
        f"`seuraamo serve` with {options.workers} sync workers, SQLite, DEBUG off, gzip asked\n"
    )
    print(
        "| kind | path | requests | non-200 | req/s | p50 ms | p95 ms | of static | targets met |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for kind, path, count, errors, rate, p50, p95, ratio in rows:
        met = "—" if ratio == 1 else ("yes" if p95 < 100 and ratio >= 0.5 else "**no**")
        print(
            f"| {kind} | `{path}` | {count} | {errors} | {rate:.0f} | {p50:.1f} | {p95:.1f} "
            f"| {ratio:.0%} | {met} |"
        )
    print(
        f"\nPeak memory (VmHWM) of each web worker after the run: {', '.join(f'{p / 1024:.0f} MiB' for p in peaks)}"
    )


if __name__ == "__main__":
    main()
