"""`/healthz`: the database answers, and the age of the last successful statistics sync (the 503
when the database fails: tests/config/test_production_stack.py, on the real server)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from seuraamo.official_stats.models import StatTable, SyncRun

pytestmark = pytest.mark.django_db


def run(table: StatTable, finished: datetime.datetime | None, error: str = "") -> SyncRun:
    return SyncRun.objects.create(
        table=table,
        source="https://pxdata.example/",
        started_at=(finished or timezone.now()) - datetime.timedelta(minutes=2),
        finished_at=finished,
        error=error,
    )


def test_health_without_any_sync(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    assert response.json() == {"status": "ok", "database": "ok", "last_successful_sync": None}


def test_health_reports_the_age_of_the_last_successful_sync(client) -> None:
    table = StatTable.objects.create(table_id="tyonv/12r5", title_fi="Työttömät")
    now = timezone.now()
    run(table, now - datetime.timedelta(hours=30))
    run(table, now - datetime.timedelta(hours=5), error="HTTP 503 from the PxWeb API")
    run(table, None)  # still running
    body = client.get("/healthz").json()
    last = body["last_successful_sync"]
    assert last["table"] == "tyonv/12r5"
    assert 30 * 3600 <= last["age_seconds"] < 30 * 3600 + 120
    assert datetime.datetime.fromisoformat(last["finished_at"]) < now


def test_health_refuses_writes(client) -> None:
    assert client.post("/healthz").status_code == 405
