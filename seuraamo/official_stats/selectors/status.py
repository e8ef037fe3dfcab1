"""The staff data-status page's reads: every tracked or stored table with its last runs, the
source's update time, whether it is behind Statistics Finland's release calendar and its gaps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Exists, OuterRef, Q

from seuraamo.core.formatting import current_language
from seuraamo.official_stats.derived import period_key
from seuraamo.official_stats.models import Observation, StatTable, SyncRun
from seuraamo.official_stats.registry import TRACKED_TABLES, TrackedTable
from seuraamo.official_stats.selectors.info import expected_latest_month
from seuraamo.official_stats.selectors.series import stored_span
from seuraamo.periods import Frequency, Period

RUNS_PER_TABLE = 5


@dataclass(frozen=True)
class RunRow:
    run: SyncRun
    revertable: bool  # the table's latest run that wrote something and is not reverted


@dataclass(frozen=True)
class TableStatus:
    table_id: str
    title_fi: str
    title_sv: str
    title_en: str
    tracked: bool  # kept in sync by `seuraamo sync_statistics`
    first_period: Period | None
    latest_period: Period | None
    updated_at_source: datetime | None
    last_synced_at: datetime | None
    due_period: Period | None  # what the release calendar has published by today; None: no calendar
    gaps: tuple[tuple[Period, Period], ...]
    last_error: str  # the latest run's error, empty when it succeeded
    runs: tuple[RunRow, ...]

    @property
    def title(self) -> str:
        """The title in the current language (Finnish when missing)."""
        return getattr(self, f"title_{current_language()}", "") or self.title_fi

    @property
    def behind(self) -> bool:
        """Statistics Finland has published a newer month than the newest one stored."""
        if self.due_period is None:
            return False
        return self.latest_period is None or period_key(self.latest_period) < period_key(
            self.due_period
        )


def _writing(runs: list[SyncRun]) -> SyncRun | None:
    return next(
        (
            run
            for run in runs
            if run.reverted_at is None and not run.error and run.inserted + run.changed > 0
        ),
        None,
    )


def _span(
    table: StatTable | None,
) -> tuple[Period | None, Period | None, tuple[tuple[Period, Period], ...]]:
    if table is None:
        return None, None, ()
    span = stored_span(table.table_id)
    return span.first, span.latest, span.gaps


def _due(entry: TrackedTable | None, today: date) -> Period | None:
    """The month the table's release calendar has published by today; None without a calendar."""
    if entry is None or entry.release_day is None or entry.frequency is not Frequency.MONTH:
        return None
    return expected_latest_month(today, entry.release_day)


def table_statuses(today: date) -> list[TableStatus]:
    """Every tracked table (in the tracking order), then any other stored table that has rows (one
    reverted to nothing is no longer listed; a tracked one stays, showing that nothing is stored)."""
    tracked = {table.table_id: table for table in TRACKED_TABLES}
    stored = {
        table.table_id: table
        for table in StatTable.objects.annotate(
            has_rows=Exists(Observation.objects.filter(table=OuterRef("pk")))
        )
    }
    others = sorted(
        table_id for table_id, table in stored.items() if table.has_rows and table_id not in tracked
    )
    statuses = []
    for table_id in [*tracked, *others]:
        table = stored.get(table_id)
        runs = (
            list(SyncRun.objects.filter(table=table).order_by("-pk")[:RUNS_PER_TABLE])
            if table
            else []
        )
        latest_writing = _writing(runs)
        if table is not None and latest_writing is None:
            latest_writing = (
                SyncRun.objects.filter(table=table, reverted_at__isnull=True, error="")
                .filter(Q(inserted__gt=0) | Q(changed__gt=0))
                .order_by("-pk")
                .first()
            )
        first, latest, missing = _span(table)
        entry = tracked.get(table_id)
        statuses.append(
            TableStatus(
                table_id=table_id,
                title_fi=table.title_fi if table else "",
                title_sv=table.title_sv if table else "",
                title_en=table.title_en if table else "",
                tracked=table_id in tracked,
                first_period=first,
                latest_period=latest,
                updated_at_source=table.updated_at_source if table else None,
                last_synced_at=table.last_synced_at if table else None,
                due_period=_due(entry, today),
                gaps=missing,
                last_error=runs[0].error if runs else "",
                runs=tuple(
                    RunRow(run=run, revertable=latest_writing is not None and run == latest_writing)
                    for run in runs
                ),
            )
        )
    return statuses


def run_to_revert(run_id: int) -> SyncRun | None:
    return SyncRun.objects.select_related("table").filter(pk=run_id).first()
