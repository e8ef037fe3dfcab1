"""The bulk write paths of an ingest (``ingest.py`` decides what to write; this writes it).

* New rows: PostgreSQL ``COPY``; SQLite multi-row ``INSERT … VALUES (…), (…)`` statements of up
  to 2 000 rows on the raw connection (about a third faster than ``executemany``, which updates
  the AUTOINCREMENT counter once per row), their parameters flattened in C.
* Changed rows (a new value for a stored cell, its old value kept as an
  :class:`ObservationRevision`): PostgreSQL copies them into a temporary staging table and merges
  them with one ``UPDATE … FROM`` and one ``INSERT … SELECT``; SQLite runs one prepared
  ``executemany`` per batch and inserts the revisions like new rows.

Each function writes inside the caller's transaction; the caller decides how much goes into one.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from django.db import connection
from django.db.backends.utils import CursorWrapper

from seuraamo.official_stats.models import Observation, ObservationRevision

#: SQLite page cache during a bulk write, in KiB (negative = size, not pages; used as needed).
BULK_CACHE_KIB = -65536
#: Rows per multi-row INSERT statement on SQLite (bounded by its host-parameter limit).
SQLITE_ROWS_PER_INSERT = 2000
#: Rows per executemany batch.
BATCH_SIZE = 5000

#: A row for the raw INSERT statements: codes, periods, values, ids, a timestamp.
Row = tuple[str | int | float | None, ...]
#: A changed cell: (observation id, new value, new status, old value, old status, old run id).
Change = tuple[int, float | None, str, float | None, str, int | None]

OBSERVATION_COLUMNS = (
    "table_id", "area_code", "content_code", "extra_code", "period", "value", "status", "run_id",
)  # fmt: skip
REVISION_COLUMNS = (
    "observation_id",
    "old_value",
    "old_status",
    "changed_at",
    "run_id",
    "old_run_id",
)


def _quoted(model: type[Observation] | type[ObservationRevision]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def insert_rows(
    cursor: CursorWrapper, table: str, columns: Sequence[str], rows: Sequence[Row]
) -> None:
    """Insert ``rows`` the fastest way each database offers (see the module docstring)."""
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
        full = f"INSERT INTO {table} ({names}) VALUES " + ", ".join([one] * per_statement)
        raw_cursor = raw.cursor()
        try:
            for start in range(0, len(rows), per_statement):
                chunk = rows[start : start + per_statement]
                sql = full
                if len(chunk) < per_statement:
                    sql = f"INSERT INTO {table} ({names}) VALUES " + ", ".join([one] * len(chunk))
                raw_cursor.execute(sql, list(itertools.chain.from_iterable(chunk)))
        finally:
            raw_cursor.close()
        return
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
    for start in range(0, len(rows), BATCH_SIZE):
        cursor.executemany(sql, rows[start : start + BATCH_SIZE])


def insert_observations(rows: Sequence[Row]) -> None:
    with connection.cursor() as cursor:
        insert_rows(cursor, _quoted(Observation), OBSERVATION_COLUMNS, rows)


def apply_changes(changes: Sequence[Change], *, run_id: int, changed_at: datetime) -> None:
    """Write the new values of ``changes`` (the row now carries ``run_id``) and keep each old
    value as a revision, in the caller's transaction."""
    if not changes:
        return
    observations, revisions = _quoted(Observation), _quoted(ObservationRevision)
    stamp = connection.ops.adapt_datetimefield_value(changed_at)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _merge_postgresql(cursor, changes, run_id, stamp)
            return
        update = f"UPDATE {observations} SET value = %s, status = %s, run_id = %s WHERE id = %s"
        for start in range(0, len(changes), BATCH_SIZE):
            batch = changes[start : start + BATCH_SIZE]
            cursor.executemany(update, [(new, status, run_id, pk) for pk, new, status, *_ in batch])
        insert_rows(
            cursor,
            revisions,
            REVISION_COLUMNS,
            [
                (pk, old, old_status, stamp, run_id, old_run)
                for pk, _, _, old, old_status, old_run in changes
            ],
        )


def _merge_postgresql(
    cursor: CursorWrapper, changes: Sequence[Change], run_id: int, stamp: str | datetime | None
) -> None:
    """COPY the changes into a staging table, then one set-based UPDATE and one INSERT."""
    observations, revisions = _quoted(Observation), _quoted(ObservationRevision)
    cursor.execute(
        "CREATE TEMPORARY TABLE seuraamo_changes (id bigint PRIMARY KEY, value double precision, "
        "status varchar(10), old_value double precision, old_status varchar(10), old_run bigint) "
        "ON COMMIT DROP"
    )
    with cursor.cursor.copy("COPY seuraamo_changes FROM STDIN") as copy:
        for change in changes:
            copy.write_row(change)
    cursor.execute(
        f"UPDATE {observations} AS o SET value = c.value, status = c.status, run_id = %s "
        "FROM seuraamo_changes AS c WHERE o.id = c.id",
        [run_id],
    )
    cursor.execute(
        f"INSERT INTO {revisions} ({', '.join(REVISION_COLUMNS)}) "
        "SELECT id, old_value, old_status, %s, %s, old_run FROM seuraamo_changes ORDER BY id",
        [stamp, run_id],
    )
    cursor.execute("DROP TABLE seuraamo_changes")


@contextmanager
def bulk_cache() -> Iterator[None]:
    """On SQLite, a page cache large enough to hold the indexes while they grow, for the whole
    ingest: with the default 2 MB, dirty pages spill to the write-ahead log again and again, and
    shrinking it between batches threw away the index pages the next batch needs."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")
