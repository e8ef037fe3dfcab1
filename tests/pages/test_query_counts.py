"""Pages read through selectors in a fixed number of queries: with the real programme (four themes)
and ten more official indicators (21 in all), no page makes a query more than before."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from seuraamo.programmes.models import Goal, Indicator, Theme
from tests.programmes.test_import_programme import REAL_FILE, run_import

pytestmark = pytest.mark.django_db

CONTENT_CODES = ["TYOTTOMATLOPUSSA", "TYOTTOMAT25", "PITKAAIKAISTYOTTOMAT", "TYOTOSUUS"]
AREAS = ["MK08", "KU285", "KU286", "TA04", "SSS", "KU075"]


def query_counts(client: Client) -> dict[str, int]:
    theme = Theme.objects.order_by("order").last()
    goal = Goal.objects.order_by("id").first()
    urls = ["/fi/", "/fi/programme/", f"/fi/themes/{theme.number}/", f"/fi/goals/{goal.key}/"]
    counts = {}
    for url in urls:
        cache.clear()  # count the queries of rendering the page, not of serving it from the cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    return counts


def add_official_indicators(start: int, count: int) -> None:
    goal = Goal.objects.order_by("id").first()
    theme = Theme.objects.order_by("order").last()
    for n in range(start, start + count):
        Indicator.objects.create(
            key=f"extra-{n}",
            goal=goal if n % 2 else None,
            theme=None if n % 2 else theme,
            name_fi=f"Lisämittari {n}",
            unit="persons",
            desired_direction="decrease",
            kind="official",
            stat_table="tyonv/12r5",
            stat_content_code=CONTENT_CODES[n % len(CONTENT_CODES)],
            stat_area=AREAS[n % len(AREAS)],
        )


def test_pages_do_not_query_per_indicator(client: Client) -> None:
    run_import(REAL_FILE)
    assert Theme.objects.count() == 4
    add_official_indicators(0, 2)  # so the goal and the theme each show an official indicator
    before = query_counts(client)

    add_official_indicators(2, 10)

    assert Indicator.objects.count() >= 20
    assert query_counts(client) == before
