"""A run that changes very many stored cells (a re-based history) on SQLite: the switch makes its
new rows visible, and the changes follow in short transactions of their own, each with its
revisions, so no transaction holds the write lock for long (issue 22 §4). Shrunk here: more than
2 changes are "many", 2 per transaction. Real transactions (no test-wide transaction), so the
batches commit as they would in a sync."""

from __future__ import annotations

import pytest
from django.db import connection

from seuraamo.official_stats.models import ObservationRevision, SyncRun
from seuraamo.official_stats.services import ingest, ingest_cube, revert_run
from seuraamo.official_stats.services.revert import RevertError

from .conftest import stored
from .test_ingest import base_cube

pytestmark = pytest.mark.django_db(transaction=True)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL merges every change in the switch"
)

TABLE = "test/many-changes"
REVISED = {
    "MK08__2026M05__TYOTTOMATLOPUSSA": 1,
    "MK08__2026M06__TYOTTOMATLOPUSSA": 2,
    "KU489__2026M05__TYOTTOMATLOPUSSA": 3,
    "KU489__2026M06__TYOVOIMATK": 4,
    "MK08__2026M07__TYOTTOMATLOPUSSA": 5,
}


@pytest.fixture
def many(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "SWITCH_CHANGES", 2)
    monkeypatch.setattr(ingest, "INSERT_ROWS_PER_TRANSACTION", 2)


@sqlite_only
def test_many_changes_are_applied_after_the_switch_and_revert_exactly(
    many: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = ingest_cube(table_id=TABLE, cube=base_cube(), source="first")
    before = stored(TABLE)
    commits: list[int] = []
    original = ingest._write

    def counted(inserts, changes, run_id, now):  # noqa: ANN001, ANN202
        commits.append(len(inserts) + len(changes))
        original(inserts, changes, run_id, now)

    monkeypatch.setattr(ingest, "_write", counted)
    run = ingest_cube(table_id=TABLE, cube=base_cube(**REVISED), source="re-based")
    assert (run.inserted, run.changed, run.unchanged) == (4, 4, run.cells - 8)
    assert max(commits) <= 2  # no write of more than two rows at once, the switch included
    assert SyncRun.objects.get(pk=run.pk).changed == 4
    rows = stored(TABLE)
    assert rows[("MK08", "2026M05", "TYOTTOMATLOPUSSA")] == (1.0, "")
    assert rows[("KU489", "2026M06", "TYOVOIMATK")] == (4.0, "")
    assert ObservationRevision.objects.filter(run=run).count() == 4

    result = revert_run(actor=None, run_id=run.pk)
    assert (result.restored, result.removed) == (4, 4)
    assert stored(TABLE) == before
    assert SyncRun.objects.get(pk=first.pk).reverted_at is None


@sqlite_only
def test_a_run_stopped_while_applying_its_changes_keeps_what_it_applied(
    many: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_cube(table_id=TABLE, cube=base_cube(), source="first")
    before = stored(TABLE)
    original = ingest._write
    batches: list[int] = []

    def fail_on_second_batch(inserts, changes, run_id, now):  # noqa: ANN001, ANN202
        if changes:
            batches.append(len(changes))
            if len(batches) == 2:
                raise RuntimeError("the worker was stopped")
        original(inserts, changes, run_id, now)

    monkeypatch.setattr(ingest, "_write", fail_on_second_batch)
    with pytest.raises(RuntimeError, match="stopped"):
        ingest_cube(table_id=TABLE, cube=base_cube(**REVISED), source="re-based")
    run = SyncRun.objects.latest("pk")
    # The new month is visible, two changes were applied, the other two cells kept their values
    # and count as unchanged: the run's counts add up, so it can be reverted.
    assert (run.inserted, run.changed, run.unchanged) == (4, 2, run.cells - 6)
    assert run.finished_at is not None
    assert ObservationRevision.objects.filter(run=run).count() == 2
    monkeypatch.setattr(ingest, "_write", original)
    revert_run(actor=None, run_id=run.pk)
    assert stored(TABLE) == before


def test_a_run_still_applying_its_changes_cannot_be_reverted(many: None) -> None:
    run = ingest_cube(table_id=TABLE, cube=base_cube(), source="first")
    SyncRun.objects.filter(pk=run.pk).update(inserted=run.inserted - 3)  # three still to apply
    with pytest.raises(RevertError, match="has not finished yet"):
        revert_run(actor=None, run_id=run.pk)
    assert ingest.discard_interrupted_runs() == 0  # the next ingest settles it ...
    revert_run(actor=None, run_id=run.pk)  # ... and then it can be reverted
