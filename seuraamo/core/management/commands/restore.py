"""`seuraamo restore FILE`: restore a backup of `seuraamo backup` into an empty database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seuraamo.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore FILE, made by `seuraamo backup`, into an empty database; then run `seuraamo migrate`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            kind = restore_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored {path} ({kind}). Run `seuraamo migrate` if the code is newer.")
