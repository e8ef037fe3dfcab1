"""`/healthz`: the database answers, and the age of the last successful statistics sync that still
stands (a reverted one does not count; the 503 when the database fails:
tests/config/test_production_stack.py, on the real server)."""

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


def test_a_reverted_run_is_no_longer_the_last_successful_sync(client) -> None:
    """Issue 23 §7: after an import was reverted, /healthz still reported it."""
    table = StatTable.objects.create(table_id="tyonv/12r5", title_fi="Työttömät")
    now = timezone.now()
    run(table, now - datetime.timedelta(hours=30))
    reverted = run(table, now - datetime.timedelta(hours=1))
    assert client.get("/healthz").json()["last_successful_sync"]["age_seconds"] < 2 * 3600
    reverted.reverted_at = now
    reverted.save(update_fields=["reverted_at"])
    last = client.get("/healthz").json()["last_successful_sync"]
    assert 30 * 3600 <= last["age_seconds"] < 30 * 3600 + 120
    # With every run reverted, no sync stands.
    SyncRun.objects.update(reverted_at=now)
    assert client.get("/healthz").json()["last_successful_sync"] is None
