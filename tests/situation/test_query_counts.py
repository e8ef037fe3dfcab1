"""The situation pages read through selectors in a fixed number of queries: more months of
figures or another employment area do not add queries (a query per area, per month or per
statistic would fail this test). The figures are constructed (tests/situation/builders.py)."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from seuraamo.areas.models import Area, AreaMembership
from seuraamo.official_stats.models import Observation, StatTable

URLS = [
    "/fi/situation/",
    "/fi/situation/?area=TA04&statistic=share",
    "/fi/situation/municipalities/KU285/",
    "/fi/situation/data/timeseries.json?area=TA04&statistic=share",
]


def counts(client: Client) -> dict[str, int]:
    found = {}
    for url in URLS:
        cache.clear()  # the queries of building the page, not of serving it from the cache
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        found[url] = len(queries)
    return found


def test_situation_pages_do_not_query_per_area_or_month(client: Client, situation: None) -> None:
    before = counts(client)

    table = StatTable.objects.get(table_id="tyonv/12r5")
    earlier = [
        Observation(
            table=table,
            content_code=row.content_code,
            area_code=row.area_code,
            period=row.period.replace("2026", "2019").replace("2025", "2018"),
            value=row.value,
        )  # fmt: skip
        for row in Observation.objects.filter(table=table, period__startswith="2025")
    ]
    Observation.objects.bulk_create(earlier)
    extra = Area.objects.create(code="TA99", level="employment_area", name_fi="Koealue")
    AreaMembership.objects.create(
        parent=extra, member=Area.objects.get(code="KU286"), valid_from=datetime.date(2025, 1, 1)
    )

    assert counts(client) == before
    assert "Koealue" in client.get("/fi/situation/").content.decode()
