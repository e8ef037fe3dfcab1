"""Rebuild the offline statistics snapshot from the data collection (developer tool)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seuraamo.official_stats.snapshot_build import SNAPSHOT_DIR, build_snapshot


class Command(BaseCommand):
    help = (
        "Copy and convert the Statistics Finland files of DIR (e.g. the shared data/statfin "
        "folder) into the package's snapshot folder. Converted files are verified cell by cell."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source_dir", type=Path, help="folder with the original files")
        parser.add_argument("--target", type=Path, default=SNAPSHOT_DIR, help="snapshot folder")

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["source_dir"]
        if not source.is_dir():
            raise CommandError(f"{source} is not a folder")
        try:
            built = build_snapshot(source, options["target"])
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        for item in built:
            cells = f"{item.cells:>8} cells" if item.cells else " " * 14
            self.stdout.write(f"{item.name:<60} {cells} {item.size:>9} bytes")
