"""Rewrite the vendored Vega bundle from the installed vl-convert-python."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from seuraamo.situation.charts.vega_bundle import BUNDLE, write_bundle


class Command(BaseCommand):
    help = "Write the Vega/Vega-Lite/Vega-Embed browser bundle of vl-convert-python to the static files."

    def handle(self, *args: Any, **options: Any) -> None:
        size = write_bundle()
        self.stdout.write(f"Wrote {BUNDLE} ({size // 1024} KiB).")
