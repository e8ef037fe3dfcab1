"""Undo an import or sync: :func:`revert_run` restores the values a run replaced and removes the
cells it added, in one transaction, and records who reverted it in the audit trail. The run's
revisions stay: they are the history of what the run changed and what was restored.

Every written observation row carries the run that last wrote it (``Observation.run``), and every
replaced value is kept as an :class:`ObservationRevision` with the run that replaced it and the run
that had written the old value. Only the latest run of a table that wrote something (and is not
reverted) can be reverted, so that restoring never overwrites a later run's values; revert the
later runs first, newest first.
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
from seuraamo.official_stats.models import Observation, ObservationRevision, SyncRun

BATCH_SIZE = 5000


#: Why a run cannot be reverted, by reason; the details fill in the text.
REFUSALS = {
    "no_run": _("there is no run %(run)s"),
    "already_reverted": _("run %(run)s was already reverted on %(when)s"),
    "nothing_written": _("run %(run)s changed nothing, so there is nothing to revert"),
    "later_run": _("run %(later)s (%(when)s) changed %(table)s after run %(run)s; revert it first"),
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


@transaction.atomic
def revert_run(*, actor: User | None, run_id: int) -> RevertResult:
    """Restore the table as it was before run ``run_id``; raise :class:`RevertError` if it cannot.
    ``actor`` is the person reverting (None: the command line, recorded as such)."""
    run = SyncRun.objects.select_for_update().select_related("table").filter(pk=run_id).first()
    if run is None:
        raise RevertError("no_run", run=run_id)
    if run.reverted_at is not None:
        raise RevertError("already_reverted", run=run_id, when=f"{run.reverted_at:%Y-%m-%d %H:%M}")
    if run.error or not _wrote(run):
        raise RevertError("nothing_written", run=run_id)
    later = (
        SyncRun.objects.filter(table=run.table, pk__gt=run.pk, reverted_at__isnull=True, error="")
        .filter(Q(inserted__gt=0) | Q(changed__gt=0))
        .order_by("-pk")
        .first()
    )
    if later is not None:
        raise RevertError(
            "later_run",
            later=later.pk,
            when=f"{later.started_at:%Y-%m-%d %H:%M}",
            table=run.table.table_id,
            run=run_id,
        )
    revisions = ObservationRevision.objects.filter(run=run).values_list(
        "old_value", "old_status", "old_run_id", "observation_id"
    )
    quote = connection.ops.quote_name
    restore = (
        f"UPDATE {quote(Observation._meta.db_table)} "
        "SET value = %s, status = %s, run_id = %s WHERE id = %s"
    )
    restored = 0
    with connection.cursor() as cursor:
        rows = list(revisions)
        for start in range(0, len(rows), BATCH_SIZE):
            cursor.executemany(restore, rows[start : start + BATCH_SIZE])
        restored = len(rows)
    # What still carries the run's id after the restore is what the run added.
    removed, _ = Observation.objects.filter(table=run.table, run=run).delete()
    before = snapshot(run)
    run.reverted_at = timezone.now()
    run.save(update_fields=["reverted_at"])
    record_change(
        actor=actor,
        instance=run,
        before=before,
        after=snapshot(run) | {"restored": restored, "removed": removed},
    )
    bump_data_version()
    return RevertResult(run=run, restored=restored, removed=removed)
