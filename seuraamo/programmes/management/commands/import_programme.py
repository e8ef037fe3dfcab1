"""`seuraamo import_programme FILE`: thin wrapper around programme_import."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser, no_translations

from seuraamo.programmes.importer import ProgrammeFileError, programme_import

SUMMARY = 'Imported programme "{key}" from {file}: {counts}.'
DRY_RUN_SUMMARY = 'Dry run, nothing saved: programme "{key}" from {file} would be: {counts}.'


class Command(BaseCommand):
    help = (
        "Validate a programme file (docs/programme-file.md) and import it in one transaction. "
        "Prints what changes, by key. Rows missing from the file are kept unless --delete-missing "
        "is given. Re-importing an unchanged file changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the programme file (YAML, format seuraamo-programme/1)")
        parser.add_argument(
            "--delete-missing",
            action="store_true",
            help="delete themes, goals, measures, indicators and memberships the file no longer has",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="print what would change and save nothing"
        )

    # The messages are English; Django's own (model validation) must not switch to Finnish.
    @no_translations
    def handle(self, *args: object, **options: object) -> None:
        file = str(options["file"])
        try:
            summary = programme_import(
                path=Path(file),
                file=file,
                delete_missing=bool(options["delete_missing"]),
                dry_run=bool(options["dry_run"]),
            )
        except ProgrammeFileError as error:
            # One problem per line on stderr, where editors and CI logs pick them up.
            for message in error.messages():
                self.stderr.write(message)
            raise CommandError(error.summary()) from None
        for line in summary.plan:
            self.stdout.write(f"  {line}")
        template = DRY_RUN_SUMMARY if options["dry_run"] else SUMMARY
        self.stdout.write(
            self.style.SUCCESS(
                template.format(key=summary.programme_key, file=file, counts=summary.counts)
            )
        )
