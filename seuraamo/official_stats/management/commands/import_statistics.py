"""Import one statistics file (json-stat 2.0/1.0, PxWeb json, PxWebApi 2.0, long CSV) into a table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seuraamo.official_stats.pxweb import PxWebError, parse_any, read_document
from seuraamo.official_stats.registry import TableIdError
from seuraamo.official_stats.services import ingest_cube
from seuraamo.official_stats.services.ingest import IngestError
from seuraamo.official_stats.services.locking import SyncRunningError
from seuraamo.official_stats.services.tables import resolve_table


class Command(BaseCommand):
    help = (
        "Import FILE into table ID: json-stat 2.0 (also PxWebApi 2.0), json-stat 1.0, PxWeb "
        "json or long CSV (dimension columns, then value). The data are checked first (codes, "
        "periods of the table's frequency, finite values, sizes); a file that fails is rejected "
        "with the reason and nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the file to import (.gz allowed)")
        parser.add_argument(
            "--table",
            required=True,
            help="table id, e.g. tyonv/12r5 or 12r5 (a tracked or already stored table)",
        )
        parser.add_argument(
            "--new-table",
            action="store_true",
            help="create the table if no table has this id (otherwise an unknown id is an error)",
        )
        parser.add_argument(
            "--keep-existing",
            action="store_true",
            help="only add missing cells; never change stored values",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            table_id = resolve_table(options["table"], new=options["new_table"])
        except TableIdError as error:
            hint = "" if options["new_table"] else " (--new-table creates a new table)"
            raise CommandError(f"--table: {error}{hint}; nothing was imported") from None
        try:
            document = read_document(path)
        except PxWebError as error:
            raise CommandError(f"{path}: {error}; nothing was imported") from None
        except OSError as error:
            raise CommandError(f"{path}: cannot read: {error.strerror or error}") from None
        try:
            cube = parse_any(document)
            run = ingest_cube(
                table_id=table_id,
                cube=cube,
                source=f"file: {path.name}",
                overwrite=not options["keep_existing"],
            )
        except (PxWebError, IngestError, ValueError, SyncRunningError) as error:
            raise CommandError(f"{path}: {error}; nothing was imported") from None
        self.stdout.write(
            f"{table_id}: {run.cells} cells, {run.inserted} inserted, {run.changed} changed, "
            f"{run.unchanged} unchanged"
        )
