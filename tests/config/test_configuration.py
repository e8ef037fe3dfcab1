"""Settings come from documented environment variables, and production refuses an unset SECRET_KEY."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from seuraamo.config.env import database_from_url, env_bool

PROJECT = Path(__file__).resolve().parents[2]
ENV_READ = re.compile(
    r"""(?:env_\w+|os\.environ\.get|os\.getenv|environ\[)\(?\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def variables_read_by_code() -> set[str]:
    names: set[str] = set()
    for path in (PROJECT / "seuraamo").rglob("*.py"):
        if "/pxweb/" in str(path) or "/tests/" in str(path):
            continue
        names.update(ENV_READ.findall(path.read_text(encoding="utf-8")))
    names.discard("DJANGO_SETTINGS_MODULE")
    return names


def test_every_variable_the_settings_read_is_documented() -> None:
    documented = set(
        re.findall(r"`([A-Z][A-Z0-9_]+)`", (PROJECT / "docs/configuration.md").read_text())
    )
    read = variables_read_by_code()
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "TIME_ZONE"} <= read
    assert read - documented == set(), "document these in docs/configuration.md"


def run_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATA_DIR", "DATABASE_URL"}
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "seuraamo.config.settings"},
        capture_output=True,
        text=True,
        cwd=PROJECT,
        check=False,
    )


def test_a_production_configuration_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = run_settings({"DEBUG": "0", "DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_without_debug_the_app_starts_with_a_secret_key(tmp_path: Path) -> None:
    result = run_settings(
        {
            "DEBUG": "0",
            "DATA_DIR": str(tmp_path),
            "SECRET_KEY": "a-test-key-that-is-long-enough-0123456789",
        }
    )
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_a_malformed_boolean_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe' is not a boolean"):
        env_bool("DEBUG", False)


def test_database_url_forms() -> None:
    assert (
        database_from_url("sqlite:///var/x.sqlite3", "/srv/app")["NAME"] == "/srv/app/var/x.sqlite3"
    )
    assert database_from_url("sqlite:////tmp/x.sqlite3", "/srv/app")["NAME"] == "/tmp/x.sqlite3"
    postgres = database_from_url("postgres://u:p%40ss@db.example:5433/seuraamo", "/srv")
    assert postgres["ENGINE"] == "django.db.backends.postgresql"
    assert (postgres["USER"], postgres["PASSWORD"], postgres["HOST"], postgres["PORT"]) == (
        "u",
        "p@ss",
        "db.example",
        "5433",
    )
    with pytest.raises(ImproperlyConfigured, match="scheme 'mysql' is not supported"):
        database_from_url("mysql://x/y", "/srv")
