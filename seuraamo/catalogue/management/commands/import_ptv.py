"""Import services from PTV (API v11 JSON file or paged API URL) for the chosen municipalities."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seuraamo.areas.codes import is_area_code
from seuraamo.areas.region import MUNICIPALITIES
from seuraamo.catalogue.ptv.importer import import_ptv
from seuraamo.catalogue.ptv.mapping import PtvImportError
from seuraamo.catalogue.ptv.source import read_source


class Command(BaseCommand):
    help = "Import PTV v11 services (a file or the paged API) into the catalogue; idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="A PTV v11 JSON file or an API list URL.")
        parser.add_argument(
            "--municipalities",
            default=",".join(MUNICIPALITIES),
            help="Comma-separated codes such as KU285 (default: the six Kymenlaakso municipalities).",
        )
        parser.add_argument(
            "--channels",
            help="A PTV v11 channel file or channel list URL (ServiceChannel/list/area/…): "
            "the imported services' channels come too.",
        )
        parser.add_argument(
            "--allow-removals",
            action="store_true",
            help="Mark outdated even many services the source no longer has.",
        )

    def handle(self, *args: object, **options: object) -> None:
        codes = [code.strip() for code in str(options["municipalities"]).split(",") if code.strip()]
        wrong = [code for code in codes if not (is_area_code(code) and code.startswith("KU"))]
        if wrong or not codes:
            raise CommandError(
                f"--municipalities: not municipality codes: {', '.join(wrong) or '(none)'}"
            )
        try:
            channels = read_source(str(options["channels"])) if options["channels"] else None
            result = import_ptv(
                read_source(str(options["source"])),
                codes,
                bool(options["allow_removals"]),
                channels,
            )
        except PtvImportError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"PTV: {result.created} new (drafts), {result.changed} changed, {result.unchanged} "
            f"unchanged, {result.skipped} skipped (other municipalities or unpublished), "
            f"{result.outdated} marked outdated."
        )
        if result.channels is not None:
            counts = result.channels
            self.stdout.write(
                f"Channels: {counts.created} new, {counts.updated} updated, {counts.unchanged} "
                f"unchanged, {counts.removed} removed, {counts.skipped} skipped (printable forms)."
            )
