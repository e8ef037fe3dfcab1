"""Sync the tracked tables with Statistics Finland's PxWeb API (see docs/data-sources.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seuraamo.official_stats.registry import ALL_AREAS, AREA_SETS, TRACKED_TABLES, TableIdError
from seuraamo.official_stats.services.locking import SyncRunningError, sync_lock
from seuraamo.official_stats.services.sync import (
    TableSyncResult,
    make_client,
    sync_statistics,
)
from seuraamo.official_stats.services.tables import resolve_table
from seuraamo.periods import Period, PeriodError


class Command(BaseCommand):
    help = (
        "Fetch new and revised figures of the tracked tables from the PxWeb API and store them "
        "(each table in one transaction; a failure leaves its previous data untouched)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--base-url", help="PxWeb API v1 base (default: PXWEB_BASE_URL)")
        parser.add_argument(
            "--base-url-v2",
            help="PxWebApi 2.0 base for tables tracked with api_version 2 "
            "(default: PXWEB_V2_BASE_URL)",
        )
        parser.add_argument(
            "--table",
            dest="tables",
            nargs="+",
            action="extend",
            metavar="ID",
            help="table ids to sync, full (tyonv/12r5) or short (12r5) (default: "
            + ", ".join(t.table_id for t in TRACKED_TABLES)
            + ")",
        )
        parser.add_argument(
            "--areas",
            choices=[*AREA_SETS, ALL_AREAS],
            help="areas for tyonv/12r5 and population: kymenlaakso (default) or all",
        )
        parser.add_argument(
            "--since",
            help="first period to fetch, e.g. 2024M01 (default: latest stored minus 3 months, "
            "or the first missing period)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        since = options["since"]
        if since is not None:
            try:
                since = Period.parse(since).code
            except PeriodError as error:
                raise CommandError(f"--since: {error}") from None
        try:
            tables = [resolve_table(text) for text in options["tables"] or ()] or None
        except TableIdError as error:
            raise CommandError(f"--table: {error}") from None
        client = make_client(options["base_url"])
        try:
            with sync_lock():
                results, errors = sync_statistics(
                    client=client,
                    v2_client=lambda: make_client(options["base_url_v2"], api_version="2"),
                    table_ids=tables,
                    areas_option=options["areas"],
                    since=since,
                    progress=self._progress if self.stdout.isatty() else None,
                    on_result=self._summary,
                )
        except SyncRunningError as error:
            raise CommandError(str(error)) from None
        if errors:
            self._clear_progress()
            raise CommandError("sync failed, previous data kept: " + "; ".join(errors))
        self.stdout.write(self.style.SUCCESS(f"Synced {len(results)} table(s)."))

    def _progress(self, message: str) -> None:
        self.stdout.write(f"\r{message}\x1b[K", ending="")
        self.stdout.flush()

    def _clear_progress(self) -> None:
        if self.stdout.isatty():
            self.stdout.write("\r\x1b[K", ending="")

    def _summary(self, result: TableSyncResult) -> None:
        self._clear_progress()
        run = result.run
        skipped = (
            f"; not in the table: {', '.join(result.skipped_areas)}" if result.skipped_areas else ""
        )
        self.stdout.write(
            f"{result.table_id} since {result.since or 'the start'}: {run.calls} calls "
            f"({result.queries} data queries, minimum {result.minimum_queries}), "
            f"{run.cells} cells, {run.inserted} inserted, {run.changed} changed, "
            f"{run.unchanged} unchanged, {result.seconds:.1f} s{skipped}"
        )
