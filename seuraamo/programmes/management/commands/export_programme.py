"""`seuraamo export_programme [--programme KEY] [-o FILE]`: thin wrapper around programme_export."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seuraamo.programmes.exporter import ProgrammeExportError, programme_export

WRITTEN = "Exported programme to {file}."


class Command(BaseCommand):
    help = "Write a programme in the programme file format (to standard output by default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--programme", metavar="KEY", help="the programme key; needed when there are several"
        )
        parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

    def handle(self, *args: object, **options: object) -> None:
        key = options["programme"]
        try:
            text = programme_export(programme_key=str(key) if key else None)
        except ProgrammeExportError as error:
            raise CommandError(str(error)) from None
        output = options["output"]
        if not output:
            self.stdout.write(text, ending="")
            return
        try:
            Path(str(output)).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"{output}: cannot write the file: {error.strerror}") from None
        self.stdout.write(WRITTEN.format(file=output))
