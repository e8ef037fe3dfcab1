"""Write the whole catalogue as HSDS 3.0 records (fi, sv, en) to a JSON file."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seuraamo.catalogue.hsds.selectors import export_document


class Command(BaseCommand):
    help = (
        "Write the service catalogue as Open Referral HSDS 3.0 JSON (profile seuraamo-hsds-fi/1)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Where to write the JSON; - for standard output.")

    def handle(self, *args: object, **options: object) -> None:
        document = export_document()
        text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
        target = str(options["file"])
        if target == "-":
            self.stdout.write(text, ending="")
            return
        try:
            Path(target).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"{target}: cannot write: {error.strerror}") from None
        services = len(document["languages"]["fi"]["services"])
        self.stdout.write(f"Wrote {services} services in fi, sv and en to {target}.")
