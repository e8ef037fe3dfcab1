"""seuraamo import_barometer FILE: Työvoimabarometri's answers saved in a bundle file."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from seuraamo.publications.services import store_barometer
from seuraamo.publications.tyovoimabarometri import BarometerError, BundleSource, read_barometer


class Command(BaseCommand):
    help = "Import Työvoimabarometri's matching assessment from a bundle file (see data-sources)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--months", type=int, default=1, choices=range(1, 13))

    def handle(self, *args, file: Path, months: int, **options) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            reading = read_barometer(BundleSource(file), months)
        except BarometerError as error:
            raise CommandError(f"{error}; nothing was stored") from None
        load = store_barometer(reading)
        marked = " (constructed test data, not a real release)" if load.constructed else ""
        self.stdout.write(f"{file.name}: months {load.months}, {load.rows} assessments{marked}")
