"""seuraamo import_publication_figures FILE: barometer figures from the CSV template."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from seuraamo.publications.services import FigureFileError, import_figures


class Command(BaseCommand):
    help = (
        "Import publication figures from a CSV template (publication,area,indicator,period,value)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            result = import_figures(file)
        except FigureFileError as error:
            raise CommandError(f"{error}; nothing was stored") from None
        self.stdout.write(
            f"{file.name}: {result.rows} rows, {result.inserted} inserted, "
            f"{result.changed} changed, {result.unchanged} unchanged"
        )
