"""Backups of the whole database while the app runs, and their restore into an empty database.

SQLite: the file is a SQLite database written by SQLite's online backup API, consistent even while
a sync writes. PostgreSQL: the file is gzip-compressed JSON lines from Django's `dumpdata` of every
app, read inside one REPEATABLE READ, READ ONLY transaction, so it is one consistent snapshot. That
needs no `pg_dump` on the machine and no match between its version and the server's. Either is
restored by `restore_backup` into an empty database.
"""

from __future__ import annotations

import gzip
import os
import sqlite3
import tempfile
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

from seuraamo.core.backup_format import FORMAT

SQLITE_MAGIC = b"SQLite format 3\x00"
GZIP_MAGIC = b"\x1f\x8b"
# Rows that `migrate` itself writes: a database holding only these counts as empty.
BOOKKEEPING_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})
#: SQLite's own tables (``sqlite_stat1`` holds the planner statistics of ``ANALYZE``).
SQLITE_INTERNAL_PREFIX = "sqlite_"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message names the file and what is wrong."""


def backup_database(path: Path, using: str = DEFAULT_DB_ALIAS) -> str:
    """Write a consistent backup of the whole database to `path`; return its kind."""
    connection = connections[using]
    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(partial)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
            kind = "SQLite database"
        elif connection.vendor == "postgresql":
            _dump_postgresql_snapshot(partial, using)
            kind = "JSON lines (gzip)"
        else:
            raise BackupError(f"backups of a {connection.vendor} database are not supported")
        os.chmod(partial, 0o600)  # password hashes and sessions are in it
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return kind


def _dump_postgresql_snapshot(path: Path, using: str) -> None:
    connection = connections[using]
    connection.ensure_connection()
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        with gzip.open(path, "wt", encoding="utf-8") as output:
            call_command(
                "dumpdata",
                format=FORMAT,
                all=True,
                database=using,
                stdout=output,
                verbosity=0,
            )


def backup_kind(path: Path) -> str:
    """'sqlite' or 'jsonl' from the file's first bytes, or a refusal naming the file."""
    try:
        with path.open("rb") as backup:
            head = backup.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise BackupError(f"{path}: cannot read the backup ({error.strerror})") from None
    if head == SQLITE_MAGIC:
        return "sqlite"
    if head[:2] == GZIP_MAGIC:
        return "jsonl"
    raise BackupError(
        f"{path}: not a Seuraamo backup (neither a SQLite database nor gzip JSON lines)"
    )


def tables_with_rows(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Tables holding rows other than the bookkeeping `migrate` writes."""
    connection = connections[using]
    with connection.cursor() as cursor:
        names = sorted(
            name
            for name in set(connection.introspection.table_names(cursor)) - BOOKKEEPING_TABLES
            if not name.startswith(SQLITE_INTERNAL_PREFIX)
        )
        filled = []
        for name in names:
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(name)} LIMIT 1")
            if cursor.fetchone():
                filled.append(name)
    return filled


def restore_backup(path: Path, using: str = DEFAULT_DB_ALIAS) -> str:
    """Restore the backup in `path` into the empty database `using`; return its kind."""
    kind = backup_kind(path)
    connection = connections[using]
    filled = tables_with_rows(using)
    if filled:
        raise BackupError(
            f"the database is not empty ({', '.join(filled[:3])}{' …' if len(filled) > 3 else ''} "
            "hold rows): restore only into an empty database"
        )
    if kind == "sqlite":
        if connection.vendor != "sqlite":
            raise BackupError(
                f"{path} is a SQLite database: restore it with DATABASE_URL pointing to SQLite"
            )
        _restore_sqlite(path, using)
    else:
        _restore_jsonl(path, using)
    ContentType.objects.clear_cache()
    return kind


def _restore_sqlite(path: Path, using: str) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        try:
            verdict = source.execute("PRAGMA integrity_check").fetchone()[0]
            has_migrations = source.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='django_migrations'"
            ).fetchone()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path}: damaged SQLite backup ({error})") from None
        if verdict != "ok" or not has_migrations:
            raise BackupError(f"{path}: damaged SQLite backup or not Seuraamo's ({verdict})")
        connection = connections[using]
        connection.ensure_connection()
        source.backup(connection.connection)
    finally:
        source.close()


def _restore_jsonl(path: Path, using: str) -> None:
    call_command("migrate", database=using, interactive=False, verbosity=0)
    with tempfile.TemporaryDirectory() as folder:
        # loaddata reads the format and the compression from the file name.
        fixture = Path(folder) / f"backup.{FORMAT}.gz"
        fixture.symlink_to(path.resolve())
        try:
            with transaction.atomic(using=using):
                # The backup holds the content types and permissions with their own ids.
                ContentType.objects.using(using).all().delete()
                call_command("loaddata", str(fixture), database=using, verbosity=0)
        except (OSError, EOFError, ValueError, DeserializationError, DatabaseError) as error:
            first_line = (
                str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            )
            raise BackupError(f"{path}: damaged backup, nothing restored ({first_line})") from None
