"""Concurrent syncs against the fake PxWeb server (issue 11 §3, §4): a second sync refuses cleanly
while one is running, and the first finishes and is recorded."""

from __future__ import annotations

import io
import os
import threading
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from fakepxweb import faults, make_12r5_table

from seuraamo.official_stats.models import Observation, SyncRun
from seuraamo.official_stats.services.locking import lock_path, sync_lock

TABLE = "tyonv/12r5"


def is_post(request) -> bool:
    return request.method == "POST"


def wait_for(condition, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


@pytest.mark.django_db(transaction=True)
def test_a_second_sync_refuses_while_the_first_runs(fake_pxweb, settings, tmp_path: Path):
    settings.DATA_DIR = tmp_path
    server = fake_pxweb(make_12r5_table(6, start="2026M01", areas=["SSS", "MK08"]))
    server.add_fault(faults.slow(2.0), when=is_post)  # the first sync's data query takes 2 s
    outcome: dict[str, object] = {}

    def first_sync() -> None:
        try:
            call_command(
                "sync_statistics", "--base-url", server.base_url, "--table", TABLE,
                stdout=io.StringIO(),
            )  # fmt: skip
            outcome["first"] = "ok"
        except Exception as error:  # reported by the assertion below
            outcome["first"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=first_sync)
    thread.start()
    wait_for(lambda: lock_path().exists() and lock_path().read_text())
    # Then wait until the first sync waits for its slow data answer: the in-memory test database
    # (SQLite's shared cache) refuses a read while another connection writes, where a database
    # file in WAL mode would let it through.
    wait_for(server.data_requests)
    with pytest.raises(CommandError) as caught:
        call_command(
            "sync_statistics", "--base-url", server.base_url, "--table", TABLE,
            stdout=io.StringIO(),
        )  # fmt: skip
    thread.join(30)
    message = str(caught.value)
    assert message.startswith("another sync has been running since ")
    assert "(process " in message and "\n" not in message
    assert outcome["first"] == "ok"
    # The refused sync recorded nothing (no failed update on the public status box); the first
    # stored its cells and released the lock.
    assert [(run.error, run.inserted > 0) for run in SyncRun.objects.all()] == [("", True)]
    assert Observation.objects.filter(table__table_id=TABLE).exists()
    assert lock_path().read_text() == ""  # released


def test_the_lock_is_released_after_a_failure(settings, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path
    with pytest.raises(RuntimeError), sync_lock():
        raise RuntimeError("the sync failed")
    with sync_lock():
        assert lock_path().read_text().endswith(f"(process {os.getpid()})")


@pytest.mark.django_db
def test_rows_of_a_run_in_progress_are_invisible_until_it_finishes(settings, tmp_path) -> None:
    from django.utils import timezone

    from seuraamo.official_stats.models import StatTable
    from seuraamo.official_stats.services.ingest import discard_interrupted_runs

    settings.DATA_DIR = tmp_path
    table = StatTable.objects.create(table_id=TABLE)
    pending = SyncRun.objects.create(table=table, source="test", started_at=timezone.now())
    cell = {"table": table, "content_code": "X", "area_code": "MK08", "period": "2026M06"}
    Observation.objects.create(**cell, value=1, run=pending)
    assert not Observation.objects.exists()  # readers do not see a run in progress
    pending.finished_at = timezone.now()
    pending.save()
    assert Observation.objects.get().value == 1  # the switch: all at once

    interrupted = SyncRun.objects.create(table=table, source="killed", started_at=timezone.now())
    Observation.objects.create(**{**cell, "period": "2026M07"}, value=2, run=interrupted)
    assert discard_interrupted_runs() == 1
    assert [o.period for o in Observation.objects.all()] == ["2026M06"]
    assert not SyncRun.objects.filter(pk=interrupted.pk).exists()
