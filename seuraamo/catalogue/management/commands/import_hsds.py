"""Import Open Referral HSDS 3.0 services into the catalogue as drafts, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seuraamo.catalogue.hsds.importer import HsdsImportError, import_hsds


class Command(BaseCommand):
    help = "Import HSDS 3.0 services (a service, a list, a page or an export_hsds file) as drafts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--language",
            choices=["fi", "sv", "en"],
            default="fi",
            help="The language of the texts in a single-language file (default fi).",
        )

    def handle(self, *args: object, **options: object) -> None:
        try:
            result = import_hsds(Path(str(options["file"])), str(options["language"]))
        except HsdsImportError as error:
            raise CommandError(str(error)) from None
        for warning in result.warnings:
            self.stderr.write(warning)
        self.stdout.write(
            f"Imported {result.created} new and {result.updated} updated services as drafts "
            f"({result.organisations_created} new organisations)."
        )
