"""Load the offline statistics snapshot shipped with Seuraamo (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seuraamo.official_stats.pxweb import PxWebError
from seuraamo.official_stats.services import load_snapshot
from seuraamo.official_stats.services.ingest import IngestError
from seuraamo.official_stats.services.locking import SyncRunningError


class Command(BaseCommand):
    help = (
        "Load the areas and the offline snapshot of Statistics Finland data (tyonv/12r5 history "
        "and 2026M06, tyonv/12ti, population). A second run writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--full-occupation-history",
            action="store_true",
            help="load all of tyonv/12ti (2006M01-2023M10, 370 648 cells), not its last 25 months",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = load_snapshot(full_occupation_history=options["full_occupation_history"])
        except (PxWebError, IngestError, OSError, ValueError, SyncRunningError) as error:
            raise CommandError(f"statistics snapshot: {error}") from error
        areas = result.areas
        if not result.written:
            cells = sum(run.cells for run in result.runs)
            self.stdout.write(
                f"Statistics snapshot already loaded: nothing to write "
                f"({len(result.runs)} tables, {cells} cells and {areas.unchanged} areas unchanged)."
            )
            return
        self.stdout.write(
            f"Areas: {areas.created} created, {areas.updated} updated, {areas.unchanged} unchanged, "
            f"{areas.memberships_created} memberships added"
        )
        for run in result.runs:
            self.stdout.write(
                f"{run.table.table_id}: {run.cells} cells, {run.inserted} inserted, "
                f"{run.changed} changed, {run.unchanged} unchanged"
            )
        self.stdout.write(self.style.SUCCESS("Statistics snapshot loaded."))
