"""The one way observations get written: :func:`ingest_cubes` (and :func:`ingest_cube`).

The snapshot loader, `seuraamo import_statistics` and `seuraamo sync_statistics` all end here.
Each answer (a sync's query, or a list of cubes) is compared with the stored rows of its areas
and periods block by block (``compare.py``: a series whose values did not change is skipped
whole), new rows are inserted behind a pending run in short transactions, and the switch makes
them visible at once. Changed cells keep their previous value and status as an
:class:`ObservationRevision`. The bulk statements are in ``bulk.py`` (SQLite multi-row inserts
and prepared ``executemany``; PostgreSQL ``COPY`` and one set-based merge). Unchanged cells are
not written, so a repeated import writes nothing. Works the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import contextlib
import itertools
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone

from seuraamo.core.data_version import bump_data_version
from seuraamo.official_stats.models import Observation, StatTable, SyncRun
from seuraamo.official_stats.pxweb import Cube
from seuraamo.official_stats.pxweb.checks import check_cube
from seuraamo.official_stats.services.bulk import (
    Change,
    Row,
    apply_changes,
    bulk_cache,
    insert_observations,
)
from seuraamo.official_stats.services.compare import (
    IngestCounts,
    IngestError,
    cube_rows,
    period_chunks,
    plan_cells,
)
from seuraamo.official_stats.services.locking import sync_lock
from seuraamo.official_stats.services.pieces import areas_of, header_of, streamed
from seuraamo.official_stats.services.planner import BULK_ROWS, refresh_planner_statistics
from seuraamo.official_stats.services.revert import being_reverted
from seuraamo.official_stats.services.tables import (
    ensure_table,
    table_frequency,
    update_table_from_cube,
)

__all__ = ["IngestCounts", "IngestError", "discard_interrupted_runs", "ingest_cube", "ingest_cubes"]

#: An import or snapshot load waits this long for a running sync or import to finish.
INGEST_LOCK_WAIT_SECONDS = 120.0
#: Most rows written in one transaction: a fraction of a second of SQLite's write lock.
INSERT_ROWS_PER_TRANSACTION = 20_000
#: Most changed cells applied in the switch transaction on SQLite; a run changing more (a
#: re-based history) applies them in transactions of INSERT_ROWS_PER_TRANSACTION after it.
SWITCH_CHANGES = 20_000


def _write(inserts: Sequence[Row], changes: Sequence[Change], run_id: int, now: datetime) -> None:
    """Insert new rows and apply changed cells with their revisions (caller's transaction)."""
    insert_observations(inserts)
    apply_changes(changes, run_id=run_id, changed_at=now)


def ingest_cubes(
    *,
    table_id: str,
    cubes: Iterable[Cube],
    source: str,
    calls: int | Callable[[], int] = 0,
    overwrite: bool = True,
    periods_from: str | None = None,
    synced_from_api: bool = False,
    started_at: datetime | None = None,
    record_unchanged: bool = True,
) -> SyncRun:
    """Store the cells of ``cubes`` (all of one table) and record a SyncRun; readers see all of
    it at once, and the database's write lock is never held for long.

    1. Every cube is checked with :func:`~seuraamo.official_stats.pxweb.checks.check_cube`
       (codes, periods of the table's frequency, finite values in range): a
       :class:`~seuraamo.official_stats.pxweb.checks.DataError` stops the ingest before anything
       is written.
    2. A pending SyncRun is created (``finished_at`` empty). New cells are inserted carrying its
       id in transactions of at most :data:`INSERT_ROWS_PER_TRANSACTION` rows, each holding
       SQLite's write lock for a fraction of a second; readers do not see them, because
       ``Observation.objects`` leaves out the rows of pending runs.
    3. The switch, one short transaction: changed cells are updated (their previous values kept
       as revisions), the table's labels refreshed, and the run is finished, which makes the
       inserted rows visible in the same commit. On SQLite, more than :data:`SWITCH_CHANGES`
       changed cells follow the switch in transactions of their own (:func:`_apply_in_batches`).

    If anything fails before the switch, the rows already inserted are removed and the error is
    raised (after it, the changes applied so far stay and the run is settled); a process
    killed half-way leaves a pending run whose rows are removed by the next ingest
    (:func:`discard_interrupted_runs`, called under the sync lock). ``calls`` is the number of API
    calls that fetched the cubes; ``synced_from_api`` marks the table as synced now. Cells of
    periods before ``periods_from`` are skipped. With ``record_unchanged=False`` a run that
    changed nothing is not saved (the SyncRun is returned unsaved), so a repeated snapshot load
    writes nothing at all.

    ``cubes`` may be an iterator (a sync passes ``fetch_table_pieces``): then each cube is
    checked, compared and its new cells inserted as it arrives, and dropped before the next one,
    so a national table never sits in memory whole; the pieces must not overlap. ``calls`` may
    then be a function, read at the switch, when the last piece has been fetched.
    """
    started_at = started_at or timezone.now()
    if isinstance(cubes, Sequence):
        frequency = table_frequency(table_id)
        today = timezone.localdate()
        for cube in cubes:
            frequency = check_cube(cube, frequency=frequency, today=today) or frequency
    with sync_lock(wait_seconds=INGEST_LOCK_WAIT_SECONDS):
        return _ingest_locked(
            table_id=table_id,
            cubes=cubes,
            source=source,
            calls=calls,
            overwrite=overwrite,
            periods_from=periods_from,
            synced_from_api=synced_from_api,
            started_at=started_at,
            record_unchanged=record_unchanged,
        )


def _ingest_locked(
    *,
    table_id: str,
    cubes: Iterable[Cube],
    source: str,
    calls: int | Callable[[], int],
    overwrite: bool,
    periods_from: str | None,
    synced_from_api: bool,
    started_at: datetime,
    record_unchanged: bool,
) -> SyncRun:
    # Inside a caller's transaction (the snapshot load, tests) everything is one transaction
    # anyway: a savepoint around it all removes what a failure left.
    outer = connection.in_atomic_block
    with transaction.atomic() if outer else contextlib.nullcontext():
        return _ingest_steps(
            table_id=table_id,
            cubes=cubes,
            source=source,
            calls=calls,
            overwrite=overwrite,
            periods_from=periods_from,
            synced_from_api=synced_from_api,
            started_at=started_at,
            record_unchanged=record_unchanged,
            discard_on_failure=not outer,
        )


def _ingest_steps(
    *,
    table_id: str,
    cubes: Iterable[Cube],
    source: str,
    calls: int | Callable[[], int],
    overwrite: bool,
    periods_from: str | None,
    synced_from_api: bool,
    started_at: datetime,
    record_unchanged: bool,
    discard_on_failure: bool,
) -> SyncRun:
    with transaction.atomic():
        discard_interrupted_runs()
        table = ensure_table(table_id)
        reverting = being_reverted(table)
        if reverting is not None:
            raise IngestError(
                f"{table_id}: run {reverting.pk} of this table is being reverted; "
                "try again when the revert has finished"
            )
        run = SyncRun.objects.create(
            table=table, source=source[:300], started_at=started_at, calls=0
        )
    applied = False  # True once the switch has committed: the run's rows are visible then
    try:
        with bulk_cache():
            counts, changes, headers = _insert_pending(
                table=table,
                run=run,
                cubes=cubes,
                overwrite=overwrite,
                periods_from=periods_from,
            )
            deferred = changes if _defer_changes(changes) else []
            with transaction.atomic():  # the switch
                for header in headers:
                    update_table_from_cube(table, header)
                if not deferred:
                    _write([], changes, run.pk, started_at)
                finished_at = timezone.now()
                if synced_from_api:
                    table.last_synced_at = finished_at
                    table.save(update_fields=["last_synced_at"])
                run.finished_at = finished_at
                run.calls = calls() if callable(calls) else calls
                run.cells = counts.cells
                run.inserted = counts.inserted
                # Deferred changes are counted as they are applied: until then the counts add
                # up to less than the cells, which marks the run as still being written.
                run.changed = 0 if deferred else counts.changed
                run.unchanged = counts.unchanged
                # New rows, revised values and table titles become visible with this commit.
                bump_data_version()
                if record_unchanged or counts.written:
                    run.save()
                else:
                    run.delete()  # a run that changed nothing is not kept (repeated snapshot loads)
            applied = True
            if deferred:
                _apply_in_batches(run, deferred, started_at)
        if counts.inserted >= BULK_ROWS:
            refresh_planner_statistics()
    except BaseException:
        if not discard_on_failure:
            raise
        if applied:
            settle_unfinished_changes(run.pk)
        else:
            _discard(run.pk)
        raise
    return run


def _insert_pending(
    *,
    table: StatTable,
    run: SyncRun,
    cubes: Iterable[Cube],
    overwrite: bool,
    periods_from: str | None,
) -> tuple[IngestCounts, list[Change], list[Cube]]:
    """Compare each answer with the stored rows and insert its new rows behind the pending run
    (short transactions); return the counts, the changed cells and each cube's header."""
    counts = IngestCounts()
    changes: list[Change] = []
    headers: list[Cube] = []  # what each cube says about the table, for the switch
    for group in streamed(table.table_id, cubes):
        areas = areas_of(group, streamed=not isinstance(cubes, Sequence))
        for chunk in period_chunks(group, periods_from):
            rows = itertools.chain.from_iterable(
                cube_rows(
                    cube, table_pk=table.pk, run_id=run.pk, periods_from=periods_from, periods=chunk
                )
                for cube in group
            )
            plan = plan_cells(
                table=table,
                rows=rows,
                run_id=run.pk,
                overwrite=overwrite,
                areas=areas,
                may_overlap=len(group) > 1,
            )
            for start in range(0, len(plan.inserts), INSERT_ROWS_PER_TRANSACTION):
                with transaction.atomic():
                    batch = plan.inserts[start : start + INSERT_ROWS_PER_TRANSACTION]
                    _write(batch, [], run.pk, run.started_at)
            changes += plan.changes
            counts.cells += plan.counts.cells
            counts.inserted += plan.counts.inserted
            counts.changed += plan.counts.changed
            counts.unchanged += plan.counts.unchanged
            del plan, rows
        headers += [header_of(cube) for cube in group] if areas is not None else group
        del group
    return counts, changes, headers


def _defer_changes(changes: Sequence[Change]) -> bool:
    """Whether the changed cells are too many for the switch transaction: on SQLite, which has
    one write lock for the whole database, more than :data:`SWITCH_CHANGES` (PostgreSQL merges
    them in one statement and blocks no reader or other writer meanwhile)."""
    return (
        connection.vendor == "sqlite"
        and len(changes) > SWITCH_CHANGES
        and not connection.in_atomic_block
    )


def _apply_in_batches(run: SyncRun, changes: list[Change], now: datetime) -> None:
    """Apply a run's many changed cells after its switch, each batch its own short transaction
    with its revisions and the run's count, so the run can be reverted exactly at any point."""
    for start in range(0, len(changes), INSERT_ROWS_PER_TRANSACTION):
        batch = changes[start : start + INSERT_ROWS_PER_TRANSACTION]
        with transaction.atomic():
            _write([], batch, run.pk, now)
            SyncRun.objects.filter(pk=run.pk).update(changed=F("changed") + len(batch))
        run.changed += len(batch)
    bump_data_version()


def settle_unfinished_changes(run_id: int | None = None) -> int:
    """Runs whose changes were being applied when their process stopped: the cells not applied
    kept their stored values, so they count as unchanged and the run can be reverted (what it
    did apply has its revisions). Returns how many runs were settled."""
    unsettled = SyncRun.objects.filter(
        finished_at__isnull=False, cells__gt=F("inserted") + F("changed") + F("unchanged")
    )
    if run_id is not None:
        unsettled = unsettled.filter(pk=run_id)
    return unsettled.update(unchanged=F("cells") - F("inserted") - F("changed"))


def _discard(run_id: int) -> None:
    """Remove a pending run and the rows it inserted (chunked, so no lock is held for long)."""
    quote = connection.ops.quote_name
    observations = quote(Observation._meta.db_table)
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {observations} WHERE id IN (SELECT id FROM {observations} "
                f"WHERE run_id = %s LIMIT {INSERT_ROWS_PER_TRANSACTION})",
                [run_id],
            )
            if cursor.rowcount == 0:
                SyncRun.objects.filter(pk=run_id, finished_at__isnull=True).delete()
                return


def discard_interrupted_runs() -> int:
    """Remove the pending runs left by processes that ended half-way, with their rows.

    Call only while holding the sync lock: then no other ingest is running, so every pending run
    is an interrupted one. Returns how many were removed.
    """
    pending = list(SyncRun.objects.filter(finished_at__isnull=True).values_list("pk", flat=True))
    for run_id in pending:
        _discard(run_id)
    settle_unfinished_changes()
    return len(pending)


def ingest_cube(
    *,
    table_id: str,
    cube: Cube,
    source: str,
    calls: int = 0,
    overwrite: bool = True,
    periods_from: str | None = None,
    synced_from_api: bool = False,
) -> SyncRun:
    """:func:`ingest_cubes` for one cube."""
    return ingest_cubes(
        table_id=table_id,
        cubes=[cube],
        source=source,
        calls=calls,
        overwrite=overwrite,
        periods_from=periods_from,
        synced_from_api=synced_from_api,
    )


def record_failure(
    *,
    table_id: str,
    source: str,
    error: str,
    calls: int = 0,
    started_at: datetime | None = None,
    attempts: int = 5,
) -> SyncRun:
    """Record a failed sync or import (call it after the failed transaction was rolled back).

    The record must not be lost to a busy database: it is tried ``attempts`` times, a second
    apart, before the database error is raised.
    """
    now = timezone.now()
    for attempt in range(1, attempts + 1):
        try:
            with transaction.atomic():
                bump_data_version()  # pages say that the last run failed
                return SyncRun.objects.create(
                    table=ensure_table(table_id),
                    source=source[:300],
                    started_at=started_at or now,
                    finished_at=timezone.now(),
                    calls=calls,
                    error=error,
                )
        except OperationalError:
            if attempt == attempts:
                raise
            time.sleep(1.0)
    raise AssertionError("unreachable")
