"""seuraamo sync_barometer: Työvoimabarometri's latest months from its web interface."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from seuraamo.publications.services import store_barometer
from seuraamo.publications.tyovoimabarometri import BarometerError, HttpSource, read_barometer


class Command(BaseCommand):
    help = (
        "Fetch Työvoimabarometri's matching assessment (every occupation and region) for the "
        "latest months and store it; nothing is stored unless every answer is in and correct."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--base-url", default=settings.TYOVOIMABAROMETRI_BASE_URL)
        parser.add_argument("--months", type=int, default=1, choices=range(1, 13))
        parser.add_argument("--save", type=Path, help="also save the answers as a bundle file")

    def handle(self, *args, base_url: str, months: int, save: Path | None, **options) -> None:
        source = HttpSource(
            base_url, timeout=settings.PXWEB_TIMEOUT_SECONDS, record=save is not None
        )
        try:
            reading = read_barometer(source, months)
        except BarometerError as error:
            raise CommandError(f"{error}; nothing was stored") from None
        load = store_barometer(reading)
        if save is not None:
            save.write_text(json.dumps(source.bundle(), ensure_ascii=False), encoding="utf-8")
        self.stdout.write(
            f"{source.name}: {source.calls} calls, {len(reading.occupations)} occupations, "
            f"months {load.months}, {load.rows} assessments stored"
        )
