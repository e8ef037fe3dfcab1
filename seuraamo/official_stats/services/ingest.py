"""The one way observations get written: :func:`ingest_cubes` (and :func:`ingest_cube`).

The snapshot loader, `seuraamo import_statistics` and `seuraamo sync_statistics` all end here.
A table's cells are written in one transaction: the stored rows of the periods concerned are read
with one query into a dict keyed by (content, area, extra, period), the incoming cells are
compared with them, new cells are inserted in bulk (multi-row INSERT on SQLite, COPY on
PostgreSQL), changed cells are updated with ``executemany``, and every changed cell keeps its
previous value and status as an :class:`ObservationRevision`. Unchanged cells are not written, so
a repeated import writes nothing. Works the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter

from django.db import OperationalError, connection, transaction
from django.db.backends.utils import CursorWrapper
from django.utils import timezone

from seuraamo.areas.region import COUNTRY
from seuraamo.core.data_version import bump_data_version
from seuraamo.official_stats.derived import period_key
from seuraamo.official_stats.models import Observation, ObservationRevision, StatTable, SyncRun
from seuraamo.official_stats.pxweb import Cube, Role
from seuraamo.official_stats.pxweb.checks import check_cube
from seuraamo.official_stats.services.locking import sync_lock
from seuraamo.official_stats.services.pieces import areas_of, header_of, streamed
from seuraamo.official_stats.services.planner import BULK_ROWS, refresh_planner_statistics
from seuraamo.official_stats.services.revert import being_reverted
from seuraamo.official_stats.services.tables import (
    ensure_table,
    table_frequency,
    update_table_from_cube,
)

#: SQLite page cache during a bulk write, in KiB (negative = size, not pages; used as needed).
BULK_CACHE_KIB = -131072
#: Rows per multi-row INSERT statement on SQLite (bounded by its host-parameter limit).
SQLITE_ROWS_PER_INSERT = 2000
#: An import or snapshot load waits this long for a running sync or import to finish.
INGEST_LOCK_WAIT_SECONDS = 120.0
#: Most new rows inserted in one transaction: a fraction of a second of SQLite's write lock.
INSERT_ROWS_PER_TRANSACTION = 20_000
#: Rows per executemany batch.
BATCH_SIZE = 5000
#: An ingest of more cells than this is written in groups of periods (same transaction).
CHUNK_CELLS = 500_000
#: Above this many periods the stored rows are read with a table scan rather than an index.
SCAN_ABOVE_PERIODS = 24
#: Separator of the codes of several further dimensions in ``Observation.extra_code``.
EXTRA_SEPARATOR = "|"

Key = tuple[str, str, str, str]
#: A row for the raw INSERT and UPDATE statements: codes, periods, values, ids, a timestamp.
Row = tuple[str | int | float | None, ...]
OBSERVATION_COLUMNS = (
    "table_id", "content_code", "area_code", "extra_code", "period", "value", "status", "run_id",
)  # fmt: skip
REVISION_COLUMNS = (
    "observation_id",
    "old_value",
    "old_status",
    "changed_at",
    "run_id",
    "old_run_id",
)


class IngestError(Exception):
    """The data cannot be stored (e.g. they have no time variable)."""


Incoming = tuple[float | None, str]


@dataclass
class IngestCounts:
    """What one ingest did: cells received, rows inserted, changed and left as they were."""

    cells: int = 0
    inserted: int = 0
    changed: int = 0
    unchanged: int = 0
    periods: set[str] = field(default_factory=set)

    @property
    def written(self) -> int:
        return self.inserted + self.changed


def cube_cells(
    cube: Cube, *, periods_from: str | None = None, periods: Collection[str] | None = None
) -> Iterator[tuple[Key, Incoming]]:
    """The cube's cells as ((content, area, extra, period), (value, status)) pairs.

    Cells of periods before ``periods_from``, or not in ``periods`` when given, are left out. A cube without an area variable is
    national (``SSS``); one without a content variable gets the content code ``value``. Values
    stay as the cube has them (``int``/``float``/``None``); ``10153 == 10153.0`` compares equal
    with the stored float. Built from the cube's columns with ``zip`` only: several times faster
    than iterating cells one by one.
    """
    time = cube.dimension_for(Role.TIME)
    if time is None:
        raise IngestError(
            f"the data have no time variable (dimensions: {', '.join(cube.ids)}); "
            "cannot store observations without a period"
        )
    columns = cube.to_columns()
    size = len(cube)

    def column(role: Role, default: str) -> Iterable[str]:
        dimension = cube.dimension_for(role)
        return columns[dimension.id] if dimension is not None else itertools.repeat(default, size)

    others = [columns[d.id] for d in cube.other_dimensions()]
    extras: Iterable[str]
    if not others:
        extras = itertools.repeat("", size)
    elif len(others) == 1:
        extras = others[0]
    else:
        extras = (EXTRA_SEPARATOR.join(codes) for codes in zip(*others, strict=True))
    period_column = columns[time.id]
    keys = zip(
        column(Role.CONTENT, "value"),
        column(Role.AREA, COUNTRY),
        extras,
        period_column,
        strict=True,
    )
    statuses = [status or "" for status in columns["status"]]
    cells: Iterator[tuple[Key, Incoming]] = zip(
        keys, zip(columns["value"], statuses, strict=True), strict=True
    )
    wanted = _wanted_periods(time.codes, periods_from, periods)
    if len(wanted) < len(time.codes):
        cells = itertools.compress(cells, [period in wanted for period in period_column])
    return cells


def _wanted_periods(
    codes: Iterable[str], periods_from: str | None, periods: Collection[str] | None
) -> set[str]:
    first = period_key(periods_from) if periods_from else None
    return {
        code
        for code in codes
        if (first is None or period_key(code) >= first) and (periods is None or code in periods)
    }


def period_chunks(cubes: Sequence[Cube], periods_from: str | None) -> list[set[str] | None]:
    """Groups of periods holding at most about :data:`CHUNK_CELLS` cells each, so that a very
    large ingest (a national sync, ~2 million cells) never holds all cells and all stored rows in
    memory at once; ``[None]`` (one group, everything) for ordinary sizes."""
    weights: dict[str, float] = {}
    for cube in cubes:
        time = cube.dimension_for(Role.TIME)
        if time is None or not time.codes:
            continue
        for code in _wanted_periods(time.codes, periods_from, None):
            weights[code] = weights.get(code, 0.0) + len(cube) / len(time.codes)
    if sum(weights.values()) <= CHUNK_CELLS:
        return [None]
    chunks: list[set[str] | None] = []
    current: set[str] = set()
    size = 0.0
    for code in sorted(weights, key=period_key):
        if current and size + weights[code] > CHUNK_CELLS:
            chunks.append(current)
            current, size = set(), 0.0
        current.add(code)
        size += weights[code]
    chunks.append(current)
    return chunks


@dataclass
class StoredRows:
    """Stored rows of a table for some periods: values by key, and ids on demand."""

    rows: list[tuple[object, ...]]
    values: dict[Key, Incoming]

    def ids(self) -> dict[Key, tuple[int, int | None]]:
        """The id and the writing run's id of each stored row."""
        return dict(zip(map(_KEY, self.rows), map(_ID_RUN, self.rows), strict=True))


_ID_RUN = itemgetter(0, 7)
_KEY = itemgetter(1, 2, 3, 4)
_VALUE = itemgetter(5, 6)


def _existing_rows(
    table: StatTable, periods: Iterable[str], areas: Collection[str] | None = None
) -> StoredRows:
    """Stored rows of ``table`` for ``periods`` with one query (dicts built in C via itemgetter)."""
    periods = sorted(periods)
    if not periods:
        return StoredRows([], {})
    quote = connection.ops.quote_name
    select = (
        "SELECT id, content_code, area_code, extra_code, period, value, status, run_id "
        f"FROM {quote(Observation._meta.db_table)} "
    )
    placeholders = ", ".join(["%s"] * len(periods))
    if areas is not None:
        # A streamed piece: its areas' rows through the (table, area, period) index.
        areas = sorted(areas)
        where = (
            f"WHERE table_id = %s AND area_code IN ({', '.join(['%s'] * len(areas))}) "
            f"AND period IN ({placeholders})"
        )
        with connection.cursor() as cursor:
            cursor.execute(select + where, [table.pk, *areas, *periods])
            rows = cursor.fetchall()
        return StoredRows(rows, dict(zip(map(_KEY, rows), map(_VALUE, rows), strict=True)))
    if len(periods) > SCAN_ABOVE_PERIODS:
        # Many periods: one sequential scan of the table beats an index lookup per row. "+ 0"
        # keeps SQLite (which has no statistics to know better) from going through an index.
        where = f"WHERE table_id + 0 = %s AND period IN ({placeholders})"
    else:
        where = f"WHERE table_id = %s AND period IN ({placeholders})"
    with connection.cursor() as cursor:
        cursor.execute(select + where, [table.pk, *periods])
        rows = cursor.fetchall()
    return StoredRows(rows, dict(zip(map(_KEY, rows), map(_VALUE, rows), strict=True)))


def _batches(rows: list[Row]) -> Iterator[list[Row]]:
    for start in range(0, len(rows), BATCH_SIZE):
        yield rows[start : start + BATCH_SIZE]


def _insert(cursor: CursorWrapper, table: str, columns: Sequence[str], rows: list[Row]) -> None:
    """Insert ``rows`` the fastest way each database offers.

    PostgreSQL: COPY (``executemany`` there is a round trip per row). SQLite: multi-row
    ``INSERT … VALUES (…), (…)`` statements of up to 2 000 rows on the raw connection, about a
    third faster than ``executemany`` (each statement, not each row, updates the AUTOINCREMENT
    counter), and free of the debug cursor's per-statement logging.
    """
    if not rows:
        return
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    if connection.vendor == "sqlite":
        raw = connection.connection
        limit = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        per_statement = max(1, min(SQLITE_ROWS_PER_INSERT, limit // len(columns)))
        one = "(" + ", ".join(["?"] * len(columns)) + ")"
        raw_cursor = raw.cursor()
        try:
            for start in range(0, len(rows), per_statement):
                chunk = rows[start : start + per_statement]
                sql = f"INSERT INTO {table} ({names}) VALUES " + ", ".join([one] * len(chunk))
                raw_cursor.execute(sql, [field for row in chunk for field in row])
        finally:
            raw_cursor.close()
        return
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
    for batch in _batches(rows):
        cursor.executemany(sql, batch)


@contextmanager
def _bulk_cache(cursor: CursorWrapper) -> Iterator[None]:
    """On SQLite, a page cache large enough to hold the indexes while they grow: with the default
    2 MB, dirty pages spill to the write-ahead log again and again during a big insert."""
    if connection.vendor != "sqlite":
        yield
        return
    cursor.execute("PRAGMA cache_size")
    previous = cursor.fetchone()[0]
    cursor.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def _write(inserts: list[Row], updates: list[Row], revisions: list[Row]) -> None:
    quote = connection.ops.quote_name
    observations = quote(Observation._meta.db_table)
    with connection.cursor() as cursor, _bulk_cache(cursor):
        _insert(cursor, observations, OBSERVATION_COLUMNS, inserts)
        update_sql = f"UPDATE {observations} SET value = %s, status = %s, run_id = %s WHERE id = %s"
        for batch in _batches(updates):
            cursor.executemany(update_sql, batch)
        revisions_table = quote(ObservationRevision._meta.db_table)
        _insert(cursor, revisions_table, REVISION_COLUMNS, revisions)


@dataclass
class CellPlan:
    """What writing some cells takes: rows to insert, updates of changed rows and their revisions."""

    counts: IngestCounts
    inserts: list[Row]
    updates: list[Row]
    revisions: list[Row]


def plan_cells(
    *,
    table: StatTable,
    cells: Iterable[tuple[Key, Incoming]],
    overwrite: bool = True,
    now: datetime | None = None,
    run_id: int | None = None,
    areas: Collection[str] | None = None,
) -> CellPlan:
    """Compare ``cells`` with the stored rows (one read, no write): what is new, what changed.

    With ``overwrite=False`` existing rows are never changed: only missing cells are added (the
    snapshot uses this once a table has been synced from the API, so newer values stay).
    ``areas``, when given, are the only areas among the cells: only their stored rows are read.
    """
    incoming: dict[Key, Incoming] = dict(cells)
    counts = IngestCounts(cells=len(incoming))
    counts.periods = {key[3] for key in incoming}
    existing = _existing_rows(table, counts.periods, areas)
    changed_at = connection.ops.adapt_datetimefield_value(now or timezone.now())
    inserts: list[Row] = []
    updates: list[Row] = []
    revisions: list[Row] = []
    table_pk = table.pk
    if not existing.values:
        inserts = [(table_pk, *key, *new, run_id) for key, new in incoming.items()]
    else:
        # Set difference of the (key, (value, status)) pairs, computed in C: what is new or
        # different. 10153 and 10153.0 are equal and hash alike, so ints match stored floats.
        differing = incoming.items() - existing.values.items()
        counts.unchanged = len(incoming) - len(differing)
        ids = existing.ids() if differing and overwrite else {}
        for key, new in differing:
            old = existing.values.get(key)
            if old is None:
                inserts.append((table_pk, *key, *new, run_id))
            elif not overwrite:
                counts.unchanged += 1
            else:
                pk, old_run = ids[key]
                updates.append((*new, run_id, pk))
                revisions.append((pk, *old, changed_at, run_id, old_run))
    # Rows in the order of the unique index (table, content, area, extra, period) insert much
    # faster; the keys are unique, so the plain tuple sort never compares the values.
    inserts.sort()
    counts.inserted = len(inserts)
    counts.changed = len(updates)
    return CellPlan(counts, inserts, updates, revisions)


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
       inserted rows visible in the same commit.

    If anything fails, the rows already inserted are removed and the error is raised; a process
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
    try:
        counts = IngestCounts()
        updates: list[Row] = []
        revisions: list[Row] = []
        headers: list[Cube] = []  # what each cube says about the table, for the switch
        for group in streamed(table_id, cubes):
            areas = areas_of(group, streamed=not isinstance(cubes, Sequence))
            for chunk in period_chunks(group, periods_from):
                cells = itertools.chain.from_iterable(
                    cube_cells(cube, periods_from=periods_from, periods=chunk) for cube in group
                )
                plan = plan_cells(
                    table=table,
                    cells=cells,
                    overwrite=overwrite,
                    now=started_at,
                    run_id=run.pk,
                    areas=areas,
                )
                for start in range(0, len(plan.inserts), INSERT_ROWS_PER_TRANSACTION):
                    with transaction.atomic():
                        _write(plan.inserts[start : start + INSERT_ROWS_PER_TRANSACTION], [], [])
                updates += plan.updates
                revisions += plan.revisions
                counts.cells += plan.counts.cells
                counts.inserted += plan.counts.inserted
                counts.changed += plan.counts.changed
                counts.unchanged += plan.counts.unchanged
                del plan, cells
            headers += [header_of(cube) for cube in group] if areas is not None else group
            del group
        with transaction.atomic():  # the switch
            for header in headers:
                update_table_from_cube(table, header)
            _write([], updates, revisions)
            finished_at = timezone.now()
            if synced_from_api:
                table.last_synced_at = finished_at
                table.save(update_fields=["last_synced_at"])
            run.finished_at = finished_at
            run.calls = calls() if callable(calls) else calls
            run.cells = counts.cells
            run.inserted = counts.inserted
            run.changed = counts.changed
            run.unchanged = counts.unchanged
            # New rows, revised values and table titles become visible with this commit.
            bump_data_version()
            if record_unchanged or counts.written:
                run.save()
            else:
                run.delete()  # a run that changed nothing is not kept (repeated snapshot loads)
        if counts.inserted >= BULK_ROWS:
            refresh_planner_statistics()
    except BaseException:
        if discard_on_failure:
            _discard(run.pk)
        raise
    return run


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
