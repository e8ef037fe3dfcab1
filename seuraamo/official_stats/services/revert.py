"""Undo an import or sync: the values a run replaced are restored and the cells it added
removed, and who reverted it is recorded in the audit trail. The run's revisions stay: they are
the history of what the run changed and what was restored.

Every written observation row carries the run that last wrote it (``Observation.run``), and every
replaced value is kept as an :class:`ObservationRevision` with the run that replaced it and the run
that had written the old value. Only the latest run of a table that wrote something (and is not
reverted) can be reverted, so that restoring never overwrites a later run's values; revert the
later runs first, newest first.

A revert of a national run touches millions of rows, so it never holds the database in one
transaction (on SQLite that would lock out every writer for a minute):

1. :func:`start_revert` checks the run and marks it (``revert_started_at``) in one short
   transaction: from then on readers no longer see the run's cells (``VisibleObservations``), and
   no sync or import of the table starts until the revert has finished.
2. :func:`finish_revert` restores the replaced values and then removes the added cells in
   batches of :data:`BATCH_SIZE` rows, each its own short transaction, reading the revisions and
   the rows by key ranges (memory stays bounded); a restored value reappears at once. Each batch
   only touches rows that still carry the run, so an interrupted revert (a crash, a stopped
   worker) continues where it stopped when started again.
3. The last short transaction marks the run reverted, records the revert and bumps the data
   version.

The data-status page runs step 1 in the request and hands step 2 to the background worker
(``official_stats/tasks.py``); the command line and :func:`revert_run` run both in turn.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from seuraamo.accounts.models import User
from seuraamo.core.audit import record_change, snapshot
from seuraamo.core.data_version import bump_data_version
from seuraamo.official_stats.models import Observation, ObservationRevision, StatTable, SyncRun

BATCH_SIZE = 5000


#: Why a run cannot be reverted, by reason; the details fill in the text.
REFUSALS = {
    "no_run": _("there is no run %(run)s"),
    "already_reverted": _("run %(run)s was already reverted on %(when)s"),
    "nothing_written": _("run %(run)s changed nothing, so there is nothing to revert"),
    "later_run": _("run %(later)s (%(when)s) changed %(table)s after run %(run)s; revert it first"),
    "in_progress": _("run %(run)s is already being reverted"),
    "running": _("run %(run)s has not finished yet"),
    "not_started": _("run %(run)s is not being reverted"),
}


class RevertError(Exception):
    """The run cannot be reverted. ``str()`` is the English text the command line prints;
    :meth:`explanation` is the text in the active language, for pages."""

    def __init__(self, reason: str, **details: object) -> None:
        self.reason = reason
        self.details = details
        with translation.override("en"):
            super().__init__(self.explanation())

    def explanation(self) -> str:
        return str(REFUSALS[self.reason]) % self.details


@dataclass(frozen=True)
class RevertResult:
    run: SyncRun
    restored: int
    removed: int


def _wrote(run: SyncRun) -> bool:
    return run.inserted + run.changed > 0


def revert_run(*, actor: User | None, run_id: int) -> RevertResult:
    """Revert run ``run_id`` in this process, both steps in turn (the command line, tests); a
    revert started before and not finished continues. Raises :class:`RevertError` if it cannot
    be reverted."""
    start_or_continue_revert(actor=actor, run_id=run_id)
    return finish_revert(actor=actor, run_id=run_id)


def start_or_continue_revert(*, actor: User | None, run_id: int) -> None:
    """Start the revert of ``run_id`` (:func:`start_revert`) unless it was started before and
    not finished: then the batches simply continue. Raises :class:`RevertError`."""
    if not SyncRun.objects.filter(pk=run_id, revert_started_at__isnull=False).exists():
        start_revert(actor=actor, run_id=run_id)


def start_revert(*, actor: User | None, run_id: int) -> SyncRun:
    """Check that run ``run_id`` can be reverted and mark it as being reverted: its cells are
    hidden from readers from this commit on. Raises :class:`RevertError`."""
    with transaction.atomic():
        run = SyncRun.objects.select_for_update().select_related("table").filter(pk=run_id).first()
        if run is None:
            raise RevertError("no_run", run=run_id)
        StatTable.objects.select_for_update().filter(pk=run.table_id).first()
        _check_revertable(run)
        before = snapshot(run)
        run.revert_started_at = timezone.now()
        run.save(update_fields=["revert_started_at"])
        record_change(actor=actor, instance=run, before=before, after=snapshot(run))
        bump_data_version()
    return run


def finish_revert(*, actor: User | None, run_id: int) -> RevertResult:
    """Restore and remove run ``run_id``'s rows in short batches, then mark it reverted. Picks
    up an interrupted revert where it stopped. Raises :class:`RevertError` if the run was not
    started as a revert or is already reverted."""
    run = SyncRun.objects.select_related("table").filter(pk=run_id).first()
    if run is None:
        raise RevertError("no_run", run=run_id)
    if run.reverted_at is not None:
        raise RevertError("already_reverted", run=run_id, when=f"{run.reverted_at:%Y-%m-%d %H:%M}")
    if run.revert_started_at is None:
        raise RevertError("not_started", run=run_id)
    _restore_in_batches(run)
    _remove_in_batches(run)
    with transaction.atomic():
        run.refresh_from_db()
        before = snapshot(run)
        run.reverted_at = timezone.now()
        run.save(update_fields=["reverted_at"])
        record_change(
            actor=actor,
            instance=run,
            before=before,
            after=snapshot(run) | {"restored": run.revert_restored, "removed": run.revert_removed},
        )
        bump_data_version()
    return RevertResult(run=run, restored=run.revert_restored, removed=run.revert_removed)


def being_reverted(table: StatTable) -> SyncRun | None:
    """The table's run whose revert has started and not finished, if any."""
    return (
        SyncRun.objects.filter(table=table, revert_started_at__isnull=False, reverted_at=None)
        .order_by("pk")
        .first()
    )


def _check_revertable(run: SyncRun) -> None:
    if run.reverted_at is not None:
        raise RevertError("already_reverted", run=run.pk, when=f"{run.reverted_at:%Y-%m-%d %H:%M}")
    if run.revert_started_at is not None:
        raise RevertError("in_progress", run=run.pk)
    if run.finished_at is None or run.inserted + run.changed + run.unchanged < run.cells:
        # The counts add up to the cells once the run's changes are all applied (ingest.py).
        raise RevertError("running", run=run.pk)
    if run.error or not _wrote(run):
        raise RevertError("nothing_written", run=run.pk)
    later = (
        SyncRun.objects.filter(table=run.table, pk__gt=run.pk, reverted_at__isnull=True, error="")
        .filter(Q(inserted__gt=0) | Q(changed__gt=0) | Q(finished_at__isnull=True))
        .order_by("-pk")
        .first()
    )
    if later is not None:
        raise RevertError(
            "later_run",
            later=later.pk,
            when=f"{later.started_at:%Y-%m-%d %H:%M}",
            table=run.table.table_id,
            run=run.pk,
        )


def _restore_in_batches(run: SyncRun) -> None:
    """Put back the values the run replaced, :data:`BATCH_SIZE` revisions per transaction, in
    revision order. Only rows that still carry the run are written, so a batch done before an
    interruption changes nothing when it is done again."""
    quote = connection.ops.quote_name
    restore = (
        f"UPDATE {quote(Observation._meta.db_table)} "
        "SET value = %s, status = %s, run_id = %s WHERE id = %s AND run_id = %s"
    )
    after = restored = 0
    while True:
        batch = list(
            ObservationRevision.objects.filter(run=run, pk__gt=after)
            .order_by("pk")
            .values_list("pk", "old_value", "old_status", "old_run_id", "observation_id")[
                :BATCH_SIZE
            ]
        )
        if not batch:
            return
        after = batch[-1][0]
        restored += len(batch)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(restore, [(*row[1:], run.pk) for row in batch])
            SyncRun.objects.filter(pk=run.pk).update(revert_restored=restored)
        run.revert_restored = restored


def _remove_in_batches(run: SyncRun) -> None:
    """Delete the cells the run added: after the restore, the rows that still carry the run.
    Walks the table's rows once by id (the run's column has no index), :data:`BATCH_SIZE` ids
    per transaction. The count carries on from an interrupted revert's."""
    after = 0
    while True:
        ids = list(
            Observation._base_manager.filter(table_id=run.table_id, run=run, pk__gt=after)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH_SIZE]
        )
        if not ids:
            return
        after = ids[-1]
        with transaction.atomic():
            removed, _ = Observation._base_manager.filter(pk__in=ids, run=run).delete()
            run.revert_removed += removed
            SyncRun.objects.filter(pk=run.pk).update(revert_removed=run.revert_removed)
