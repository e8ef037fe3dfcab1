"""With no Redis configured, the processes of one machine share one cache (files in DATA_DIR): a
page the background warm-up rendered in its own process is what every gunicorn worker answers.

The observable is the answer's bytes: Django's gzip pads each compressed answer with random bytes
against BREACH, so two renderings of a page never compress to the same bytes; equal bytes mean one
rendering, served from the cache."""

from __future__ import annotations

import hashlib
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.config.test_production_stack import (
    HOST,
    PROJECT,
    SEURAAMO,
    fetch,
    free_port,
    production_env,
    seuraamo,
)

#: The warm-up's request, in its own process: the page is rendered and stored there.
WARM_UP = (
    "import hashlib; from seuraamo.installation import tasks; "
    "print(hashlib.sha256(tasks._client().get('/fi/').content).hexdigest())"
)


@pytest.fixture(scope="module")
def two_workers(
    tmp_path_factory: pytest.TempPathFactory, collected_static: Path, migrated_sqlite
) -> Iterator[tuple[str, dict[str, str]]]:
    data_dir = tmp_path_factory.mktemp("shared-cache")
    env = production_env(data_dir, STATIC_ROOT=str(collected_static), SITE_URL=f"https://{HOST}")
    migrated_sqlite(data_dir / "seuraamo.sqlite3")
    result = seuraamo(env, "compile_catalogues")
    assert result.returncode == 0, result.stderr
    port = free_port()
    process = subprocess.Popen(
        [
            *SEURAAMO,
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--no-background-worker",
            "--no-warm-up",
        ],
        env=env,
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(300):
            try:
                if fetch(f"{url}/healthz")[0] == 200:
                    break
            except OSError:
                assert process.poll() is None
                time.sleep(0.1)
        yield url, env
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_every_worker_answers_the_page_another_process_rendered(
    two_workers: tuple[str, dict[str, str]],
) -> None:
    url, env = two_workers
    warmed = seuraamo(env, "shell", "-c", WARM_UP)
    assert warmed.returncode == 0, warmed.stderr
    rendered = warmed.stdout.strip().splitlines()[-1]
    cache_files = sorted((Path(env["DATA_DIR"]) / "cache").iterdir())
    assert cache_files

    answers = set()
    for _request in range(12):  # one connection each, taken by either worker
        status, headers, body = fetch(f"{url}/fi/", **{"Accept-Encoding": "gzip"})
        assert (status, headers["Content-Encoding"]) == (200, "gzip")
        answers.add(hashlib.sha256(body).hexdigest())

    assert answers == {rendered}
    assert sorted((Path(env["DATA_DIR"]) / "cache").iterdir()) == cache_files  # nothing new
