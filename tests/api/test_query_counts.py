"""The API reads through the statistics selectors in a fixed number of queries: more tables, areas,
statistics or rows in an answer do not add queries (a query per table, per area or per derived
series would fail these tests). The tables and figures are constructed for the test."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from seuraamo.areas.models import Area
from seuraamo.official_stats.models import Observation, StatTable, TableVariable, VariableValue
from tests.api.builders import build_small_12r5
from tests.situation.builders import build_situation

pytestmark = pytest.mark.django_db

URLS = [
    "/api/tables",
    "/api/areas",
    "/api/observations?table=tyonv/12r5&format=json-stat2",
    "/api/observations?table=tyonv/12r5&content=share&area=MK08&format=json-stat2",
]


def counts(client: Client) -> dict[str, int]:
    found = {}
    for url in URLS:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        found[url] = len(queries)
    return found


def add_tables_and_areas(start: int, count: int) -> None:
    """``count`` more tables (half with stored metadata, half known from their rows only) and
    municipalities, each municipality with a row in 12r5."""
    r5 = StatTable.objects.get(table_id="tyonv/12r5")
    for n in range(start, start + count):
        table = StatTable.objects.create(table_id=f"test/t{n}", title_fi=f"Koetaulu {n}")
        if n % 2:
            content = TableVariable.objects.create(table=table, code="contentscode", role="content")
            VariableValue.objects.create(variable=content, code="A", label_fi="A", unit="persons")
        for month in (1, 2, 3):
            Observation.objects.create(
                table=table, content_code="A", area_code="MK08", period=f"2021M0{month}", value=n
            )
        Area.objects.create(code=f"KU9{n:02d}", level="municipality", name_fi=f"Kunta {n}")
        Observation.objects.create(
            table=r5, content_code="TYOTTOMATLOPUSSA", area_code=f"KU9{n:02d}",
            period="2021M06", value=n,
        )  # fmt: skip


def test_api_answers_do_not_query_per_table_area_or_row(client: Client) -> None:
    build_small_12r5()
    add_tables_and_areas(0, 2)
    before = counts(client)

    add_tables_and_areas(2, 6)

    assert counts(client) == before
    listed = {table["id"]: table for table in client.get("/api/tables").json()["results"]}
    assert listed["test/t6"]["contents"] == [{"code": "A", "label": "A", "unit": ""}]
    assert listed["test/t7"]["contents"] == [{"code": "A", "label": "A", "unit": "persons"}]
    assert listed["test/t7"]["first_period"] == "2021M01"


def derived_and_union_counts(client: Client, areas: str, contents: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(
            "/api/observations",
            {"table": "tyonv/12r5", "content": contents, "area": areas, "from": "2025M06"},
        )
    assert response.status_code == 200, response.content[:300]
    assert response.json()["count"] > 0
    return len(queries)


def test_derived_statistics_and_union_sums_do_not_query_per_area_or_statistic(
    client: Client,
) -> None:
    # Each series used to read its own store (two queries per area × statistic).
    build_situation()
    one = derived_and_union_counts(client, "KU075", "TYOTTOMATLOPUSSA,share")
    many = derived_and_union_counts(
        client,
        "KU075,KU285,KU286,SK082,MK08,SSS",
        "TYOTTOMATLOPUSSA,share,long_term_share,share_ma12,TYOTTOMATLOPUSSA_yoy,AVPAIKATLOPUSSA_yoy_pct",
    )
    assert many == one
    # The employment areas: counts summed from their members, and derived statistics from the sums.
    one_union = derived_and_union_counts(client, "TA04,KU075", "TYOTTOMATLOPUSSA,share")
    two_unions = derived_and_union_counts(
        client, "TA04,TA16,KU075,KU285", "TYOTTOMATLOPUSSA,AVPAIKATLOPUSSA,share,share_yoy"
    )
    assert two_unions == one_union
