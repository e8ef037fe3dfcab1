"""`seuraamo backup` and `seuraamo restore`: a round trip through an emptied database gives back
every row of every table (on SQLite and, in the PostgreSQL run, on PostgreSQL); bad input is refused
in one line and changes nothing."""

from __future__ import annotations

import datetime
import gzip
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from seuraamo.accounts.models import User
from seuraamo.official_stats.models import StatTable, SyncRun
from tests.pages.builders import build_programme
from tests.personas import citizen, coordinator
from tests.situation.builders import build_situation

pytestmark = pytest.mark.django_db(transaction=True)


def every_row() -> dict[str, list[tuple]]:
    """Each table's rows, ordered; the migration log by what was applied (not when)."""
    rows: dict[str, list[tuple]] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table == "django_migrations":
                cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
            else:
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")
            rows[table] = [tuple(row) for row in cursor.fetchall()]
    return rows


def build_everything() -> None:
    data = build_programme(timezone.localdate())
    build_situation()
    coordinator(data.organisations["kotkan-kaupunki"])
    SyncRun.objects.create(
        table=StatTable.objects.get(table_id="tyonv/12r5"),
        source="test",
        started_at=datetime.datetime(2026, 11, 2, 6, 0, tzinfo=datetime.UTC),
        finished_at=datetime.datetime(2026, 11, 2, 6, 1, tzinfo=datetime.UTC),
        cells=10,
    )


def test_backup_and_restore_give_back_every_row(tmp_path: Path) -> None:
    build_everything()
    before = every_row()
    assert sum(len(rows) for rows in before.values()) > 500
    backup = tmp_path / "seuraamo.backup"

    call_command("backup", str(backup), verbosity=0)
    assert backup.stat().st_mode & 0o077 == 0  # owner-only
    call_command("flush", interactive=False, verbosity=0)
    assert every_row() != before
    call_command("restore", str(backup), verbosity=0)

    assert every_row() == before
    # The database goes on working: new rows get fresh ids (sequences follow the restored rows).
    restored = User.objects.get(username="coordinator")
    assert citizen("second").pk > restored.pk


def test_restore_refuses_a_database_with_data_and_changes_nothing(tmp_path: Path) -> None:
    build_everything()
    backup = tmp_path / "seuraamo.backup"
    call_command("backup", str(backup), verbosity=0)
    citizen("edited-after-backup")
    before = every_row()
    with pytest.raises(
        CommandError, match="the database is not empty .*restore only into an empty"
    ):
        call_command("restore", str(backup), verbosity=0)
    assert every_row() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name,value\n1,2\n", "not a Seuraamo backup"),
        (
            gzip.compress(b'{"model": "accounts.user", "pk": 1, "fields": {"usern', mtime=0),
            "damaged backup",
        ),
    ],
    ids=["csv", "truncated"],
)
def test_a_damaged_backup_is_refused_in_one_line_and_nothing_is_restored(
    tmp_path: Path, content: bytes, message: str
) -> None:
    call_command("flush", interactive=False, verbosity=0)
    backup = tmp_path / "broken.backup"
    backup.write_bytes(content)
    with pytest.raises(CommandError, match=message) as refusal:
        call_command("restore", str(backup), verbosity=0)
    assert str(backup) in str(refusal.value) and "\n" not in str(refusal.value)
    assert not User.objects.exists()


def test_a_missing_backup_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="missing.backup: cannot read the backup"):
        call_command("restore", str(tmp_path / "missing.backup"), verbosity=0)
