"""Read costs are bounded (issue 23, point 4): a query that matches more stored cells than
`API_MAX_CELLS` is refused before anything is read, with a 400 naming the filters to add; on
PostgreSQL a read that outlasts the statement timeout is stopped and answers 503; a table reverted
to nothing is listed neither by /api/tables nor on the data-status page. Runs on SQLite and
PostgreSQL; the statement timeout only on PostgreSQL. The figures are constructed for the test."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from seuraamo.official_stats import selectors
from seuraamo.official_stats.models import Observation, StatTable, SyncRun
from tests.api.builders import CELLS, build_small_12r5
from tests.personas import analyst

pytestmark = pytest.mark.django_db
URL = "/api/observations"


@pytest.fixture
def table(db: None) -> None:
    build_small_12r5()


def test_a_query_matching_more_cells_than_the_bound_is_refused_naming_what_to_add(
    client: Client, table: None, settings
) -> None:
    settings.API_MAX_CELLS = 5
    whole = client.get(URL, {"table": "tyonv/12r5"})
    assert whole.status_code == 400
    error = whole.json()["error"]
    assert error["parameter"] == "area"
    assert "more than 5 stored cells" in error["message"]
    assert "area=, content=, from=, to=" in error["message"]

    # MK08 has 7 cells: still too many, and the area is no longer what is missing.
    region = client.get(URL, {"table": "tyonv/12r5", "area": "MK08"})
    assert region.status_code == 400
    assert region.json()["error"]["parameter"] == "content"
    assert "content=, from=, to=" in region.json()["error"]["message"]

    # Exactly at the bound: answered, every cell of it.
    narrow = client.get(URL, {"table": "tyonv/12r5", "area": "MK08", "from": "2021M06"})
    assert narrow.status_code == 200
    assert (
        narrow.json()["count"]
        == 5
        == sum(1 for (_c, area, period) in CELLS if area == "MK08" and period >= "2021M06")
    )
    # Paging does not get round the bound: every page counts and sorts every matching cell.
    assert client.get(URL, {"table": "tyonv/12r5", "limit": "1"}).status_code == 400


def test_the_bound_is_counted_in_one_query_that_stops_at_the_bound(table: None) -> None:
    assert selectors.stored_cells_at_most(["tyonv/12r5"], cap=3) == 4
    assert selectors.stored_cells_at_most(["tyonv/12r5"], cap=100) == len(CELLS)
    assert selectors.stored_cells_at_most(["tyonv/12r5"], areas=["KU489"], cap=100) == 2
    assert selectors.stored_cells_at_most(["tyonv/12r5"], contents=[], cap=100) == 0


def test_the_default_bound_answers_the_small_table(client: Client, table: None) -> None:
    response = client.get(URL, {"table": "tyonv/12r5"})
    assert response.status_code == 200 and response.json()["count"] == len(CELLS)


def test_a_table_reverted_to_nothing_is_no_longer_listed(client: Client, table: None) -> None:
    empty_table = StatTable.objects.create(table_id="test/empty", title_fi="Tyhjä koetaulu")
    now = timezone.now()
    run = SyncRun.objects.create(
        table=empty_table, source="file: test.json", inserted=1, started_at=now, finished_at=now
    )
    Observation.objects.create(
        table=empty_table, content_code="A", area_code="MK08", period="2021M01", value=1
    )
    staff = Client()
    staff.force_login(analyst())
    listed = [t["id"] for t in client.get("/api/tables").json()["results"]]
    assert "test/empty" in listed
    assert "test/empty" in staff.get("/fi/data-status/").content.decode()

    # Reverted: its one run's cell removed (what revert_statistics_run leaves).
    Observation.objects.filter(table=empty_table).delete()
    SyncRun.objects.filter(pk=run.pk).update(reverted_at=run.started_at)
    listed = [t["id"] for t in client.get("/api/tables").json()["results"]]
    assert listed == ["tyonv/12r5"]
    page = staff.get("/fi/data-status/")
    assert page.status_code == 200
    assert "test/empty" not in page.content.decode()
    assert "tyonv/12r5" in page.content.decode()  # a tracked table stays listed


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL statement timeout")
def test_on_postgresql_a_read_past_the_statement_timeout_answers_503(
    client: Client, table: None, settings, monkeypatch
) -> None:
    settings.API_STATEMENT_TIMEOUT_MS = 200
    read = selectors.observation_page

    def slow(*args, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(2)")
        return read(*args, **kwargs)

    monkeypatch.setattr(selectors, "observation_page", slow)
    response = client.get(URL, {"table": "tyonv/12r5", "area": "MK08"})
    assert response.status_code == 503
    assert "took longer than 0.2 s" in response.json()["error"]["message"]
    assert response["Retry-After"] == "60"

    monkeypatch.setattr(selectors, "observation_page", read)
    assert client.get(URL, {"table": "tyonv/12r5", "area": "MK08"}).status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL statement timeout")
def test_on_postgresql_the_api_reads_under_the_configured_timeout(table: None, settings) -> None:
    with selectors.bounded_reads(1234), connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "1234ms"
