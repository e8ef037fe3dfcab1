"""scripts/audit.sh (the pip-audit step of `make test`) against a local fake OSV service: a pinned
dependency with a known vulnerability fails the step and names the pin and the advisory; a clean
pin passes; a configured service that does not answer fails rather than passing silently.

The advisory served here is CONSTRUCTED for the test (id PYSEC-CONSTRUCTED-1): it says nothing
about the real Django 4.2.0."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
VULNERABLE = ("django", "4.2.0")
ADVISORY = {
    "id": "PYSEC-CONSTRUCTED-1",
    "summary": "Constructed advisory for the audit step's test",
    "affected": [
        {
            "package": {"name": "django", "ecosystem": "PyPI"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "4.2.1"}]}],
        }
    ],
}


class FakeOsv(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 (the http.server interface)
        query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        found = (query["package"]["name"], query["version"]) == VULNERABLE
        body = json.dumps({"vulns": [ADVISORY]} if found else {}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def osv_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeOsv)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1/query"
    server.shutdown()
    server.server_close()


def audit(tmp_path: Path, osv_url: str, *pins: str) -> subprocess.CompletedProcess[str]:
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("".join(f"{pin}\n" for pin in pins), encoding="utf-8")
    env = {
        **os.environ,
        "AUDIT_OSV_URL": osv_url,
        "AUDIT_REQUIREMENTS": str(requirements),
        "AUDIT_CACHE_DIR": str(tmp_path / "cache"),
    }
    return subprocess.run(
        [str(PROJECT / "scripts" / "audit.sh")],
        env=env,
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_known_vulnerability_fails_the_step_and_names_the_pin(
    tmp_path: Path, osv_url: str
) -> None:
    done = audit(tmp_path, osv_url, "django==4.2.0", "sqlparse==0.5.3")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "PYSEC-CONSTRUCTED-1" in done.stdout
    assert "django" in done.stdout and "4.2.0" in done.stdout and "4.2.1" in done.stdout


def test_pins_without_a_known_vulnerability_pass(tmp_path: Path, osv_url: str) -> None:
    done = audit(tmp_path, osv_url, "django==5.2.19", "sqlparse==0.5.3")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No known vulnerabilities found" in done.stdout + done.stderr


def test_a_configured_service_that_does_not_answer_fails_the_step(tmp_path: Path) -> None:
    done = audit(tmp_path, "http://127.0.0.1:9/v1/query", "django==5.2.19")
    assert done.returncode != 0
    assert "NOTICE" not in done.stdout


class MirrorJson(BaseHTTPRequestHandler):
    """A package mirror's copy of PyPI's JSON API: the release, without vulnerability data."""

    def do_GET(self) -> None:  # noqa: N802 (the http.server interface)
        body = json.dumps({"info": {"name": "django"}, "urls": []}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def mirror_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), MirrorJson)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/pypi"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("where", ["nothing answers", "a mirror without vulnerability data"])
def test_without_a_vulnerability_database_it_says_nothing_was_audited_and_passes(
    tmp_path: Path, mirror_url: str, where: str
) -> None:
    """Issue 23 §7: offline (CI), or behind a mirror that serves PyPI's JSON without its
    vulnerability data, the step used to print "No known vulnerabilities found"."""
    env = {key: value for key, value in os.environ.items() if key != "AUDIT_OSV_URL"}
    env["AUDIT_PYPI_PROBE_URL"] = (
        "http://127.0.0.1:9/pypi" if where == "nothing answers" else mirror_url
    )
    env["AUDIT_CACHE_DIR"] = str(tmp_path / "cache")
    done = subprocess.run(
        [str(PROJECT / "scripts" / "audit.sh")],
        env=env,
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "pip-audit: could not reach a vulnerability database; nothing was audited"
    assert "No known vulnerabilities found" not in done.stdout + done.stderr
