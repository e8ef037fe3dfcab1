"""Undo one import or sync of statistics (see `seuraamo statistics_runs` for the run numbers)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seuraamo.official_stats.services import RevertError, revert_run


class Command(BaseCommand):
    help = (
        "Restore the values that run N replaced and remove the cells it added, in one "
        "transaction. Only a table's latest run that changed something can be reverted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("run", type=int, help="the run number (see statistics_runs)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = revert_run(actor=None, run_id=options["run"])
        except RevertError as error:
            raise CommandError(f"cannot revert: {error}") from None
        run = result.run
        self.stdout.write(
            f"Reverted run {run.pk} ({run.table.table_id}, {run.source}, "
            f"{run.started_at:%Y-%m-%d %H:%M}): {result.restored} value(s) restored, "
            f"{result.removed} cell(s) removed."
        )
