"""Import one statistics file (json-stat 2.0/1.0, PxWeb json, PxWebApi 2.0, long CSV) into a table."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seuraamo.official_stats.pxweb import PxWebError, parse_any
from seuraamo.official_stats.services import ingest_cube
from seuraamo.official_stats.services.ingest import IngestError


def read_document(path: Path) -> bytes:
    """The file's bytes; ``.gz`` files are decompressed."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


class Command(BaseCommand):
    help = (
        "Import FILE into table ID: json-stat 2.0 (also PxWebApi 2.0), json-stat 1.0, PxWeb "
        "json or long CSV (dimension columns, then value). A file that cannot be read is "
        "rejected with the reason and nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the file to import (.gz allowed)")
        parser.add_argument("--table", required=True, help="table id, e.g. tyonv/12r5")
        parser.add_argument(
            "--keep-existing",
            action="store_true",
            help="only add missing cells; never change stored values",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        table_id: str = options["table"]
        try:
            document = read_document(path)
        except (EOFError, zlib.error, gzip.BadGzipFile) as error:
            # BadGzipFile is an OSError: caught before the "cannot read" case below.
            problem = "the file ends too early" if isinstance(error, EOFError) else str(error)
            raise CommandError(
                f"{path}: not a valid gzip file ({problem}); nothing was imported"
            ) from error
        except OSError as error:
            raise CommandError(f"{path}: cannot read: {error.strerror or error}") from error
        try:
            cube = parse_any(document)
            run = ingest_cube(
                table_id=table_id,
                cube=cube,
                source=f"file: {path.name}",
                overwrite=not options["keep_existing"],
            )
        except (PxWebError, IngestError, ValueError) as error:
            raise CommandError(f"{path}: {error}; nothing was imported") from error
        self.stdout.write(
            f"{table_id}: {run.cells} cells, {run.inserted} inserted, {run.changed} changed, "
            f"{run.unchanged} unchanged"
        )
