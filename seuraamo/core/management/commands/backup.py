"""`seuraamo backup FILE`: a consistent backup of the whole database, taken while the app runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seuraamo.core.backup import BackupError, backup_database


class Command(BaseCommand):
    help = (
        "Back up the whole database to FILE (see docs/deployment.md, backups and restore drills)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            kind = backup_database(path)
        except (BackupError, OSError) as error:
            raise CommandError(f"backup to {path} failed: {error}") from None
        self.stdout.write(
            f"Backed up the database to {path} ({kind}, {path.stat().st_size} bytes)."
        )
