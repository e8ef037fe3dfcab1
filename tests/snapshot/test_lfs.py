"""The labour force survey on the situation page: the national key figures from the offline
snapshot in fi/sv/en, and Kymenlaakso's employment rate after a sync of the regional table
against the local fake PxWeb server."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from seuraamo.official_stats.models import Observation
from tests.fakepxweb.fixtures import fake_pxweb  # noqa: F401  (the fixture factory)
from tests.fakepxweb.server import FakePxWebServer
from tests.fakepxweb.tables import FakeTable, FakeVariable
from tests.situation.tablehtml import data_tables

NBSP = "\u00a0"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "rate", "awaits"),
    [
        ("fi", "Työllisyysaste (työvoimatutkimus)", f"73,1{NBSP}%", "kun taulukko on päivitetty"),
        (
            "sv",
            "Sysselsättningsgrad (arbetskraftsundersökningen)",
            f"73,1{NBSP}%",
            "när tabellen har uppdaterats",
        ),
        ("en", "Employment rate (labour force survey)", "73.1%", "once that table has been synced"),
    ],
)
def test_national_employment_rate_from_the_snapshot(
    statistics_snapshot, client, language, heading, rate, awaits
) -> None:
    html = client.get(f"/{language}/situation/").content.decode()
    assert f'<h2 id="lfs-title">{heading}</h2>' in html
    table = data_tables(html)["table-lfs"]
    first = table.rows[0]
    assert first[1] == rate  # 135z 2026M06: 73.1 % as measured
    assert first[2].startswith("70,4" if language != "en" else "70.4")  # trend
    assert awaits in html  # the regional figure is not invented: it awaits a sync


def _regional_table() -> FakeTable:
    """A constructed stand-in for tyti/13lx (values invented for the test, not Statistics
    Finland's): regions x quarters x two content codes, with the post-8.6.2026 variable codes."""
    variables = [
        FakeVariable(
            "alue_23_20180101", "Maakunta", ["SSS", "MK01", "MK08"],
            ["KOKO MAA", "Uusimaa", "Kymenlaakso"],
        ),
        FakeVariable("timeperiod_q", "Vuosineljännes", ["2025Q3", "2025Q4", "2026Q1", "2026Q2"],
                     time=True),
        FakeVariable(
            "contentscode", "Tiedot", ["Tyollisyysaste_15_64", "tyti-Tyottomyysaste"],
            ["Työllisyysaste, 15-64-vuotiaat, %", "Työttömyysaste, %"], content=True,
        ),
    ]  # fmt: skip
    values = {
        (area, quarter, content): 60.0 + 5 * a + q + (0 if c == 0 else -50)
        for a, area in enumerate(["SSS", "MK01", "MK08"])
        for q, quarter in enumerate(variables[1].values)
        for c, content in enumerate(variables[2].values)
    }
    return FakeTable.from_cells(
        "tyti/13lx", variables, values, source="Tilastokeskus, työvoimatutkimus"
    )


@pytest.mark.django_db
def test_regional_employment_rate_after_a_sync(statistics_snapshot, client, fake_pxweb) -> None:  # noqa: F811
    server: FakePxWebServer = fake_pxweb(_regional_table())
    out = io.StringIO()
    call_command("sync_statistics", "--base-url", server.base_url, "--table", "13lx", stdout=out)
    assert Observation.objects.filter(table__table_id="tyti/13lx", area_code="MK08").count() == 8
    html = client.get("/en/situation/").content.decode()
    # MK08 2026Q2: 60 + 5*2 + 3 = 73; the whole country: 63.
    assert "Employment rate in Q2 2026: Kymenlaakso 73.0%, whole country 63.0%." in html
