"""Scaling out: two app servers (`seuraamo serve`) on one database — PostgreSQL in the PostgreSQL
run, a SQLite file otherwise. An edit made in the admin through one is on the public page of the
other at once."""

from __future__ import annotations

import http.cookiejar
import os
import secrets
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from tests.config.test_production_stack import free_port

PROJECT = Path(__file__).resolve().parents[2]
SEURAAMO = [sys.executable, "-m", "seuraamo.cli"]
PROGRAMME = PROJECT / "seuraamo/programmes/data/kymenlaakso.yaml"
PASSWORD = secrets.token_urlsafe(16)


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory, migrated_sqlite) -> Iterator[str]:
    """A database of its own: a new PostgreSQL database beside the test one, or a SQLite file
    (migrated already)."""
    default = settings.DATABASES["default"]
    if default["ENGINE"] != "django.db.backends.postgresql":
        yield migrated_sqlite(tmp_path_factory.mktemp("two-servers") / "db.sqlite3")
        return
    name = f"seuraamo_two_servers_{os.getpid()}"
    admin_url = os.environ["DATABASE_URL"]
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def servers(
    database_url: str, tmp_path_factory: pytest.TempPathFactory, collected_static: Path
) -> Iterator[list[str]]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "PROXY_SSL_HEADER"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "seuraamo.config.settings",
            "DATABASE_URL": database_url,
            "DATA_DIR": str(tmp_path_factory.mktemp("two-servers-data")),
            "STATIC_ROOT": str(collected_static),
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1",
            "HTTPS": "0",  # plain HTTP on loopback, no TLS proxy in front
            "DJANGO_SUPERUSER_USERNAME": "admin",
            "DJANGO_SUPERUSER_EMAIL": "admin@example.fi",
            "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        }
    )
    for step in (
        ["migrate", "--noinput"],
        ["compile_catalogues"],
        ["import_programme", str(PROGRAMME)],
        ["createsuperuser", "--noinput"],
    ):
        result = subprocess.run(
            [*SEURAAMO, *step], env=env, cwd=PROJECT, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, (step, result.stderr)
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
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
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            wait_for(f"http://127.0.0.1:{port}/healthz")
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def wait_for(url: str) -> None:
    for _attempt in range(600):
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer")


class FormFields(HTMLParser):
    """The fields a browser would submit from the form with the given id."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or "disabled" in a:
            return
        if tag == "input" and a.get("name") and a.get("type") not in {"submit", "button", "file"}:
            if a.get("type") in {"checkbox", "radio"}:
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value") or "on"))
            else:
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self.select = a.get("name")
        elif tag == "option" and self.select and "selected" in a:
            self.fields.append((self.select, a.get("value", "")))
        elif tag == "textarea":
            self.textarea = a.get("name")
            self.fields.append((self.textarea, ""))

    def handle_data(self, data: str) -> None:
        if self.textarea:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            if self.fields and self.fields[-1][1].startswith("\n"):
                self.fields[-1] = (self.fields[-1][0], self.fields[-1][1][1:])
            self.textarea = None
        elif tag == "form":
            self.inside = False


def form_fields(html: str, form_id: str) -> list[tuple[str, str]]:
    parser = FormFields(form_id)
    parser.feed(html)
    return parser.fields


@pytest.mark.uses_database
def test_an_admin_edit_through_one_server_shows_through_the_other_at_once(
    servers: list[str],
) -> None:
    first, second = servers
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def get(url: str) -> str:
        with browser.open(url, timeout=30) as response:
            return response.read().decode()

    def post(url: str, fields: list[tuple[str, str]]) -> str:
        request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode())
        request.add_header("Referer", url)
        with browser.open(request, timeout=30) as response:
            return response.geturl()

    login = f"{first}/fi/admin/login/"
    fields = dict(form_fields(get(login), "login-form"))
    fields.update({"username": "admin", "password": PASSWORD})
    assert post(login, list(fields.items())).endswith("/fi/admin/")

    public_before = get(f"{second}/fi/organisations/")
    change = f"{first}/fi/admin/organisations/organisation/1/change/"
    fields = form_fields(get(change), "organisation_form")
    old_name = dict(fields)["name_fi"]
    assert old_name in public_before
    new_name = f"{old_name} (muokattu {secrets.token_hex(3)})"
    edited = [(k, new_name if k == "name_fi" else v) for k, v in fields]
    edited.append(("_save", "Tallenna"))
    assert post(change, edited).endswith("/fi/admin/organisations/organisation/")

    assert new_name in get(f"{second}/fi/organisations/")
