"""What the statistics store holds: per table its months, update times and last sync or import."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import OuterRef, Subquery

from seuraamo.core.memo import once_per_build, sharing
from seuraamo.official_stats.models import StatTable, SyncRun
from seuraamo.official_stats.registry import EMPLOYMENT_SERVICE_RELEASE_DAY
from seuraamo.official_stats.selectors.series import stored_span
from seuraamo.official_stats.services.snapshot import TABLES_JSON
from seuraamo.periods import Frequency, Period


@dataclass(frozen=True)
class TableInfo:
    """One stored table. ``last_run_*`` describe the latest sync, import or snapshot load."""

    table_id: str
    title_fi: str
    title_sv: str
    title_en: str
    source: str
    licence: str
    first_period: Period | None
    latest_period: Period | None
    gaps: tuple[tuple[Period, Period], ...]
    updated_at_source: datetime | None
    last_synced_at: datetime | None
    last_run_at: datetime | None
    last_run_source: str
    last_run_error: str

    def title(self, lang: str = "fi") -> str:
        return getattr(self, f"title_{lang}", "") or self.title_fi or self.table_id


@functools.cache
def attribution() -> dict[str, str]:
    """The source line to show with every figure, by language (fi/sv/en)."""
    return dict(json.loads(TABLES_JSON.read_text(encoding="utf-8"))["attribution"])


def snapshot_info(table_id: str | None = None) -> list[TableInfo]:
    """Every stored table (or the one named) with its first and latest period, update time at
    source and last run (read once for every table within a page's build: core.memo)."""
    if sharing():
        return [info for info in _every_table_info() if table_id in (None, info.table_id)]
    return _table_infos(table_id)


@once_per_build
def _every_table_info() -> list[TableInfo]:
    return _table_infos(None)


def _table_infos(table_id: str | None) -> list[TableInfo]:
    infos = []
    latest_run = (
        SyncRun.objects.filter(table=OuterRef("pk"), finished_at__isnull=False)
        .order_by("-started_at", "-id")
        .values("pk")[:1]
    )
    found = StatTable.objects.annotate(last_run=Subquery(latest_run)).order_by("table_id")
    if table_id is not None:
        found = found.filter(table_id=table_id)
    tables = list(found)
    runs = SyncRun.objects.in_bulk([table.last_run for table in tables if table.last_run])
    for table in tables:
        span = stored_span(table.table_id)
        run = runs.get(table.last_run)
        infos.append(
            TableInfo(
                table_id=table.table_id,
                title_fi=table.title_fi,
                title_sv=table.title_sv,
                title_en=table.title_en,
                source=table.source,
                licence=table.licence,
                first_period=span.first,
                latest_period=span.latest,
                gaps=span.gaps,
                updated_at_source=table.updated_at_source,
                last_synced_at=table.last_synced_at,
                last_run_at=run.finished_at or run.started_at if run else None,
                last_run_source=run.source if run else "",
                last_run_error=run.error if run else "",
            )
        )
    return infos


def recent_runs(*, table_id: str | None = None, limit: int = 20) -> list[SyncRun]:
    """The latest imports and syncs (newest first), of ``table_id`` when given."""
    runs = SyncRun.objects.select_related("table").order_by("-pk")
    if table_id:
        runs = runs.filter(table__table_id=table_id)
    return list(runs[:limit])


@dataclass(frozen=True)
class FinishedRun:
    """A sync, import or snapshot load that has finished."""

    table_id: str
    source: str
    finished_at: datetime


def last_successful_sync() -> FinishedRun | None:
    """The latest sync, import or snapshot load that finished without an error and still stands
    (not reverted) (one query)."""
    run = (
        SyncRun.objects.filter(
            finished_at__isnull=False,
            error="",
            reverted_at__isnull=True,
            revert_started_at__isnull=True,
        )
        .select_related("table")
        .order_by("-finished_at", "-id")
        .first()
    )
    if run is None or run.finished_at is None:
        return None
    return FinishedRun(run.table.table_id, run.source, run.finished_at)


def expected_latest_month(today: date, release_day: int = EMPLOYMENT_SERVICE_RELEASE_DAY) -> Period:
    """The latest month that a release calendar publishing each month by ``release_day`` of the
    next has published by ``today``; for the employment service statistics on 30.11.2026 that is
    2026M10, on 20.11.2026 2026M09."""
    this_month = Period(today.year, Frequency.MONTH, today.month)
    return this_month.shift(-1 if today.day >= release_day else -2)
