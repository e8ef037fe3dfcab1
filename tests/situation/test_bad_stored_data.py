"""Stored data can never make a page fail (issue 11 §2): rows written before the import checks
existed, or edited in the database, show as "not available" with a notice, never as a 500.

The rows are written with the ORM directly, as a careless operator might; the numbers are
invented test data."""

from __future__ import annotations

import json

import pytest

from seuraamo.official_stats.models import Observation, StatTable
from tests.situation.builders import build_situation

pytestmark = pytest.mark.django_db

URLS = (
    "/fi/situation/",
    "/sv/situation/review/",
    "/en/situation/municipalities/KU285/",
    "/fi/situation/charts/timeseries/",
    "/fi/situation/charts/timeseries/?area=MK08&statistic=share",
    "/api/observations?table=tyonv/12r5&area=MK08",
    "/api/observations?table=tyonv/12r5&area=MK08&format=jsonstat2",
    "/api/observations?table=tyonv/12r5&area=MK08&format=csv",
    "/api/observations?table=tyonv/12r5&area=MK08&content=share",
    "/api/tables",
)


def spoil(kind: str) -> None:
    table = StatTable.objects.get(table_id="tyonv/12r5")
    latest = Observation.objects.filter(
        table=table, area_code="MK08", period="2026M06", content_code="TYOTTOMATLOPUSSA"
    )
    if kind == "bad period":
        Observation.objects.create(
            table=table, content_code="TYOTTOMATLOPUSSA", area_code="MK08", period="bad-period",
            value=1.0,
        )  # fmt: skip
    elif kind == "Infinity":
        latest.update(value=float("inf"))
    elif kind == "huge":
        latest.update(value=1e300)


@pytest.mark.parametrize("kind", ["bad period", "Infinity", "huge"])
def test_every_page_and_the_api_still_answer(client, kind: str) -> None:
    build_situation()
    spoil(kind)
    for url in URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        if "format=csv" not in url and url.startswith("/api/"):
            json.loads(response.content, parse_constant=pytest.fail)  # standard JSON only


def test_an_unreadable_value_is_shown_as_not_available_with_a_notice(client) -> None:
    build_situation()
    spoil("Infinity")
    page = client.get("/en/situation/").content.decode()
    assert "The stored value is not a valid number and is not shown" in page
    rows = client.get(
        "/api/observations?table=tyonv/12r5&area=MK08&period=2026M06&content=TYOTTOMATLOPUSSA"
    ).json()["results"]
    assert [(row["value"], row["status"]) for row in rows] == [(None, "invalid")]


def test_a_row_with_a_bad_period_does_not_become_the_latest_month(client) -> None:
    build_situation()
    spoil("bad period")
    body = client.get("/api/tables").json()
    table = next(t for t in body["results"] if t["id"] == "tyonv/12r5")
    assert table["last_period"] == "2026M06"
    assert "kesäkuu 2026" in client.get("/fi/situation/").content.decode()
