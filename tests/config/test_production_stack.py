"""The production stack as an operator starts it: `seuraamo serve` (gunicorn) with the documented
production settings, answering real HTTP on loopback — security headers on every response, static
files compressed with hashed names and long caching, https:// behind a TLS proxy; `check --deploy`
clean; configuration refusals in one line."""

from __future__ import annotations

import gzip
import json
import os
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
SEURAAMO = [sys.executable, "-m", "seuraamo.cli"]
HOST = "seuraamo.example.fi"


def production_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The production settings docs/deployment.md documents (SQLite here, PostgreSQL there)."""
    env = {
        k: v
        for k, v in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE is set in the test process for Playwright (tests/conftest.py);
        # a production server never has it, and check --deploy rightly refuses it.
        if k
        not in {
            "DEBUG",
            "SECRET_KEY",
            "DATABASE_URL",
            "DATA_DIR",
            "HTTPS",
            "PROXY_SSL_HEADER",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "seuraamo.config.settings",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "DATA_DIR": str(data_dir),
            "ALLOWED_HOSTS": HOST,
            "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
            "PROXY_SSL_HEADER": "X-Forwarded-Proto",
            **extra,
        }
    )
    return env


def seuraamo(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SEURAAMO, *args], env=env, cwd=PROJECT, capture_output=True, text=True, check=False
    )


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path: Path) -> None:
    result = seuraamo(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_a_production_configuration_without_a_key_is_refused_in_one_line(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = seuraamo(env, "check")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "seuraamo: SECRET_KEY must be set when DEBUG is off and DATA_DIR or DATABASE_URL is set "
        "(see docs/configuration.md)."
    ]


def test_a_malformed_variable_is_refused_in_one_line(tmp_path: Path) -> None:
    result = seuraamo(production_env(tmp_path, HTTPS="sometimes"), "check")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "seuraamo: HTTPS='sometimes' is not a boolean (use 1/0, true/false, yes/no)."
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url: str, *, https: bool = True, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Host": HOST, **headers})
    if https:
        request.add_header("X-Forwarded-Proto", "https")
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("production")


@pytest.fixture(scope="module")
def server(data_dir: Path, collected_static: Path, migrated_sqlite) -> Iterator[str]:
    # One connection per request here, so that hiding the database file (the 503 test) is seen
    # by the next request: a kept SQLite connection goes on reading the renamed file.
    env = production_env(data_dir, STATIC_ROOT=str(collected_static), DATABASE_CONN_MAX_AGE="0")
    migrated_sqlite(data_dir / "seuraamo.sqlite3")
    result = seuraamo(env, "compile_catalogues")
    assert result.returncode == 0, result.stderr
    port = free_port()
    process = subprocess.Popen(
        [*SEURAAMO, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--no-warm-up"],
        env=env,
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(300):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert process.poll() is None, process.stderr.read()
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def assert_security_headers(headers: dict[str, str]) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, name
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "unsafe" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "camera=()" in headers["Permissions-Policy"]


def test_pages_answer_from_gunicorn_with_every_security_header(server: str) -> None:
    status, headers, body = fetch(f"{server}/fi/")
    assert status == 200
    assert headers["Server"] == "gunicorn"
    assert_security_headers(headers)
    assert b"<script>" not in body


@pytest.mark.parametrize("path", ["/fi/", "/api/openapi.json"])
def test_pages_and_api_answers_are_compressed_when_asked(server: str, path: str) -> None:
    _status, plain_headers, plain = fetch(f"{server}{path}")
    assert "Content-Encoding" not in plain_headers
    status, headers, body = fetch(f"{server}{path}", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in headers["Vary"]
    assert len(body) < len(plain) / 2
    assert gzip.decompress(body).startswith(plain[:15])


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fi", "Sivua ei löytynyt"),
        ("sv", "Sidan hittades inte"),
        ("en", "Page not found"),
    ],
)
def test_error_pages_carry_the_headers_in_each_language(
    server: str, language: str, text: str
) -> None:
    status, headers, body = fetch(f"{server}/{language}/no-such-page/")
    assert status == 404
    assert_security_headers(headers)
    assert text in body.decode()
    assert "Traceback" not in body.decode()


def test_plain_http_is_redirected_to_https(server: str) -> None:
    status, headers, _body = fetch(f"{server}/fi/", https=False)
    assert status == 301
    assert headers["Location"] == f"https://{HOST}/fi/"
    assert "Strict-Transport-Security" not in headers  # only sent over https


def test_behind_the_tls_proxy_the_api_links_are_https(server: str) -> None:
    _status, _headers, index = fetch(f"{server}/api/")
    assert f'"https://{HOST}/api/observations"' in index.decode()
    _status, _headers, document = fetch(f"{server}/api/openapi.json")
    assert f'"url": "https://{HOST}/"' in document.decode().replace('":"', '": "')


def test_cookies_are_secure_and_http_only(server: str) -> None:
    status, headers, _body = fetch(f"{server}/fi/admin/login/")
    assert status == 200
    cookie = headers["Set-Cookie"]
    assert cookie.startswith("csrftoken=")
    for attribute in ("Secure", "HttpOnly", "SameSite=Lax"):
        assert attribute in cookie


def test_static_files_are_compressed_hashed_and_cached_for_long(server: str) -> None:
    _status, _headers, page = fetch(f"{server}/fi/")
    stylesheet = re.search(r'href="(/static/core/css/screen\.[0-9a-f]{12}\.css)"', page.decode())
    assert stylesheet, "the page links the stylesheet by its hashed name"
    status, headers, body = fetch(f"{server}{stylesheet[1]}", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert body[:2] == b"\x1f\x8b"
    assert headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert_security_headers(headers)


def test_the_background_worker_runs_beside_the_server(server: str, data_dir: Path) -> None:
    """`seuraamo serve` starts the worker: a job queued in the database is taken and run (this
    one asks to revert a run that does not exist, so it fails at once, with the reason kept)."""
    env = production_env(data_dir, DATABASE_CONN_MAX_AGE="0")
    queued = seuraamo(
        env, "shell", "-c",
        "from seuraamo.official_stats.tasks import revert_job; "
        "print(revert_job.enqueue(run_id=999999, actor_id=None).id)",
    )  # fmt: skip
    assert queued.returncode == 0, queued.stderr
    job = queued.stdout.strip().splitlines()[-1].replace("-", "")
    database = data_dir / "seuraamo.sqlite3"
    for _attempt in range(300):
        with sqlite3.connect(database) as db:
            status, traceback = db.execute(
                "SELECT status, traceback FROM django_tasks_database_dbtaskresult WHERE id = ?",
                [job],
            ).fetchone()
        if status not in ("READY", "RUNNING"):  # taken, then finished
            break
        time.sleep(0.1)
    assert status == "FAILED"
    assert traceback.strip().endswith("there is no run 999999")


def test_healthz_answers_503_while_the_database_is_gone(server: str, data_dir: Path) -> None:
    status, _headers, body = fetch(f"{server}/healthz")
    assert (status, json.loads(body)["database"]) == (200, "ok")
    database = data_dir / "seuraamo.sqlite3"
    hidden = database.with_name("hidden.sqlite3")
    database.rename(hidden)  # each request opens the database anew (see `server`)
    try:
        status, headers, body = fetch(f"{server}/healthz")
    finally:
        database.unlink(missing_ok=True)
        hidden.rename(database)
    assert status == 503
    assert json.loads(body) == {
        "status": "error",
        "database": "unavailable",
        "error": "OperationalError",
    }
    assert_security_headers(headers)
