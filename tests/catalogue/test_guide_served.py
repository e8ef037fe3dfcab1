"""The guide's privacy promise on a real server: `seuraamo serve` (gunicorn) with the production
settings, the catalogue seed loaded, one person's answers posted as a browser posts them (the CSRF
cookie and token, `Origin: null` from a no-referrer page). Afterwards the access log, the application
log (the events included, at DEBUG) and the database hold none of the answers: the database differs
from before only by the one anonymous count (month, need, municipality)."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.utils import timezone

from tests.config.test_production_stack import (
    HOST,
    PROJECT,
    SEURAAMO,
    fetch,
    free_port,
    production_env,
    seuraamo,
)

#: One person's answers, each value distinctive: 97 years old, in Virolahti (KU935), registered
#: and unemployed over 12 months, moved to Finland recently, health limiting work ability.
ANSWERS = {
    "audience": "person",
    "municipality": "KU935",
    "age": "97",
    "jobseeker": "yes",
    "unemployment": "12",
    "moved": "recently",
    "work_ability": "yes",
    "need": "health_social",
}
#: What would betray an answer in a log line: the field names, the values and Virolahti's names.
BETRAYING = [
    *ANSWERS,
    "KU935",
    "Virolahti",
    "Vederlax",
    "health_social",
    "recently",
]


@dataclass
class Served:
    url: str
    database: Path
    access_log: Path
    application_log: Path
    process: subprocess.Popen[str]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


@pytest.fixture
def served(tmp_path: Path, collected_static: Path, migrated_sqlite: object) -> Iterator[Served]:
    database = tmp_path / "seuraamo.sqlite3"
    migrated_sqlite(database)  # type: ignore[operator]
    env = production_env(tmp_path, STATIC_ROOT=str(collected_static), LOG_LEVEL="DEBUG")
    for command in (["compile_catalogues"], ["load_catalogue"]):
        result = seuraamo(env, *command)
        assert result.returncode == 0, result.stderr
    port = free_port()
    access_log, application_log = tmp_path / "access.log", tmp_path / "application.log"
    with access_log.open("w") as stdout, application_log.open("w") as stderr:
        process = subprocess.Popen(
            [
                *SEURAAMO,
                "serve",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--no-background-worker",
                "--no-warm-up",
            ],
            env=env,
            cwd=PROJECT,
            stdout=stdout,
            stderr=stderr,
            text=True,
        )
    server = Served(f"http://127.0.0.1:{port}", database, access_log, application_log, process)
    try:
        for _attempt in range(300):
            status, _headers, _body = fetch_or_wait(f"{server.url}/healthz")
            if status == 200:
                break
            assert process.poll() is None, application_log.read_text()
            time.sleep(0.1)
        yield server
    finally:
        server.stop()


def fetch_or_wait(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        return fetch(url)
    except OSError:  # not listening yet
        return 0, {}, b""


def post_answers(url: str) -> tuple[int, dict[str, str], str]:
    """As a browser does: the questions first (the CSRF cookie and token), then the answers."""
    status, headers, body = fetch(f"{url}/fi/services/guide/")
    assert status == 200
    assert headers["Referrer-Policy"] == "no-referrer"
    cookie = SimpleCookie(headers["Set-Cookie"])
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    assert token is not None
    request = urllib.request.Request(
        f"{url}/fi/services/guide/",
        data=urllib.parse.urlencode({"csrfmiddlewaretoken": token[1].decode(), **ANSWERS}).encode(),
        headers={
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "Origin": "null",  # what a browser sends from a page with no-referrer
            "Cookie": "; ".join(f"{name}={morsel.value}" for name, morsel in cookie.items()),
            "Content-Type": "application/x-www-form-urlencoded",
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers.items()), response.read().decode()


def dump(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        return list(connection.iterdump())


def test_after_a_guide_use_no_log_and_no_table_holds_an_answer(served: Served) -> None:
    before = dump(served.database)
    status, headers, html = post_answers(served.url)
    assert status == 200
    assert "Sinulle sopivat palvelut" in html  # the recommendations
    assert "koska terveytesi rajoittaa työkykyäsi" in html
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "no-store" in headers["Cache-Control"]
    served.stop()  # the logs are complete

    access = served.access_log.read_text()
    guide_lines = [line for line in access.splitlines() if "/services/guide/" in line]
    assert len(guide_lines) == 2
    assert '"GET /fi/services/guide/ HTTP/1.1" 200' in guide_lines[0]
    assert '"POST /fi/services/guide/ HTTP/1.1" 200' in guide_lines[1]
    # gunicorn's own lines name process ids, which are numbers like any age.
    application = "\n".join(
        line
        for line in served.application_log.read_text().splitlines()
        if not re.search(r"\bpid:? \d+", line)
    )
    for log, text in (("access log", access), ("application log", application)):
        for word in BETRAYING:
            assert not re.search(rf"\b{word}\b", text, re.IGNORECASE), (log, word)
        assert not re.search(r"\b97\b", text), (log, "the age")

    after = dump(served.database)
    month = timezone.localdate().replace(day=1).isoformat()
    assert sorted(line for line in after if line not in before) == [
        f"INSERT INTO \"catalogue_guidedemand\" VALUES(1,'{month}','KU935','health_social',1,0);",
        # SQLite's bookkeeping of the table's last id.
        "INSERT INTO \"sqlite_sequence\" VALUES('catalogue_guidedemand',1);",
    ]
    assert [line for line in before if line not in after] == []
