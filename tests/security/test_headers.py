"""Security headers on responses the production stack cannot easily be made to give: a 500 from a
view that fails, and the API's absolute links behind a TLS-terminating proxy (PROXY_SSL_HEADER)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import path

from seuraamo.config import urls as project_urls
from tests.api.builders import TABLE, build_small_12r5

PROJECT = Path(__file__).resolve().parents[2]


def failing_view(request: object) -> None:
    raise RuntimeError("secret detail that must not reach the visitor")


urlpatterns = [path("failing/", failing_view), *project_urls.urlpatterns]


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_a_server_error_page_has_every_header_three_languages_and_no_traceback() -> None:
    response = Client(raise_request_exception=False).get("/failing/")
    assert response.status_code == 500
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    body = response.content.decode()
    assert "Palvelussa tapahtui virhe" in body
    assert "Ett fel inträffade" in body and "The service ran into an error" in body
    assert "secret detail" not in body and "Traceback" not in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("proxy_header", "scheme"), [(None, "http"), (("HTTP_X_FORWARDED_PROTO", "https"), "https")]
)
def test_api_next_links_follow_the_proxy_ssl_header(client, proxy_header, scheme) -> None:
    build_small_12r5()
    with override_settings(SECURE_PROXY_SSL_HEADER=proxy_header):
        page = client.get(
            "/api/observations",
            {"table": TABLE, "limit": 1},
            headers={"X-Forwarded-Proto": "https", "Host": "localhost"},
        ).json()
        document = client.get(
            "/api/openapi.json", headers={"X-Forwarded-Proto": "https", "Host": "localhost"}
        ).json()
    assert page["next"].startswith(f"{scheme}://localhost/api/observations?")
    assert document["servers"] == [{"url": f"{scheme}://localhost/"}]


def test_proxy_ssl_header_variable_names_the_header() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PROXY_SSL_HEADER"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)",
        ],
        env={**env, "PROXY_SSL_HEADER": "X-Forwarded-Proto", "DEBUG": "1"},
        capture_output=True,
        text=True,
        cwd=PROJECT,
        check=True,
    )
    assert result.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_a_chart_spec_cannot_close_its_json_script_block() -> None:
    from django.utils.safestring import mark_safe

    from seuraamo.situation.charts.chart import Chart

    hostile = {"title": "</script><script>alert(1)</script><!--"}
    chart = Chart(
        key="x", table=None, spec=hostile, svg=mark_safe(""), source_line="", downloads=()
    )
    text = str(chart.spec_json)
    assert "<" not in text
    assert json.loads(text) == hostile
