"""List the latest imports and syncs of statistics with what each changed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from seuraamo.official_stats.selectors import recent_runs


class Command(BaseCommand):
    help = "List the latest statistics imports and syncs: number, table, source, what changed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--table", help="only runs of this table id")
        parser.add_argument("--limit", type=int, default=20, help="how many runs (default 20)")

    def handle(self, *args: Any, **options: Any) -> None:
        runs = recent_runs(table_id=options["table"], limit=max(1, options["limit"]))
        if not runs:
            self.stdout.write("No runs recorded.")
        for run in runs:
            if run.finished_at is None:
                outcome = "running (its cells are not visible until it finishes)"
            elif run.error:
                outcome = f"FAILED: {run.error.splitlines()[0][:200]}"
            else:
                outcome = (
                    f"{run.inserted} inserted, {run.changed} changed, {run.unchanged} unchanged"
                )
            reverted = f" (reverted {run.reverted_at:%Y-%m-%d %H:%M})" if run.reverted_at else ""
            self.stdout.write(
                f"{run.pk:>6}  {run.started_at:%Y-%m-%d %H:%M}  {run.table.table_id}  "
                f"{run.source}  {outcome}{reverted}"
            )
