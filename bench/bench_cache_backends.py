"""Benchmark: the two caches the processes of one machine can share without Redis, Django's
file-based cache and its database cache (an SQLite table, WAL, as the installation opens it),
storing and reading a page-sized answer (150 kB, as the page cache stores it) among 1 200 entries.

    .venv/bin/python bench/bench_cache_backends.py

The file-based cache was chosen (issue 22, point 3): a hit, the common case, reads one file; and a
store into the database cache takes SQLite's write lock, which a statistics sync may hold for
seconds, so a page render would wait for the sync.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import django
from django.conf import settings


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="seuraamo-bench-cache-"))
    settings.configure(
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(workdir / "db.sqlite3"),
                "OPTIONS": {
                    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                    "transaction_mode": "IMMEDIATE",
                    "timeout": 20,
                },
            }
        },
        CACHES={
            "file": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(workdir / "files"),
                "OPTIONS": {"MAX_ENTRIES": 5000},
            },
            "database": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "cache_table",
                "OPTIONS": {"MAX_ENTRIES": 5000},
            },
        },
        INSTALLED_APPS=[],
    )
    django.setup()
    from django.core.cache import caches  # noqa: PLC0415 (after setup)
    from django.core.management import call_command  # noqa: PLC0415

    call_command("createcachetable", verbosity=0)
    answer = (200, [("Content-Type", "text/html")], os.urandom(30_000) + b"x" * 120_000)
    print("| cache | store (ms) | hit (ms) |\n|---|---|---|")
    try:
        for name in ("file", "database"):
            cache = caches[name]
            for i in range(1000):
                cache.set(f"page:{i}", answer, 3600)
            began = time.perf_counter()
            for i in range(200):
                cache.set(f"new:{i}", answer, 3600)
            store = (time.perf_counter() - began) / 200 * 1000
            began = time.perf_counter()
            for i in range(1000):
                cache.get(f"page:{i}")
            hit = (time.perf_counter() - began) / 1000 * 1000
            print(f"| {name} | {store:.2f} | {hit:.2f} |")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
