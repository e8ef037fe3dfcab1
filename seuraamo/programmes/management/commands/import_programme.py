"""`seuraamo import_programme FILE`: thin wrapper around programme_import."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser, no_translations

from seuraamo.programmes.importer import ProgrammeFileError, programme_import

SUMMARY = 'Imported programme "{key}" from {file}: {counts}.'


class Command(BaseCommand):
    help = (
        "Validate a programme file (docs/programme-file.md) and import it in one transaction. "
        "Re-importing an unchanged file changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the programme file (YAML, format seuraamo-programme/1)")

    # The messages are English; Django's own (model validation) must not switch to Finnish.
    @no_translations
    def handle(self, *args: object, **options: object) -> None:
        file = str(options["file"])
        try:
            summary = programme_import(path=Path(file), file=file)
        except ProgrammeFileError as error:
            # One problem per line on stderr, where editors and CI logs pick them up.
            for message in error.messages():
                self.stderr.write(message)
            raise CommandError(error.summary()) from None
        self.stdout.write(
            self.style.SUCCESS(
                SUMMARY.format(key=summary.programme_key, file=file, counts=summary.counts)
            )
        )
