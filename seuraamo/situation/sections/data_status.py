"""The data status at the top of a page (`_status.html`): the latest month stored, when the source
published it, the gaps in the months, whether Statistics Finland has published newer figures and
whether the latest update failed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from seuraamo.core.formatting import month_name
from seuraamo.official_stats import registry, selectors
from seuraamo.official_stats.derived import period_key
from seuraamo.official_stats.selectors import TableInfo
from seuraamo.periods import Period
from seuraamo.situation import datasets


@dataclass(frozen=True)
class DataStatus:
    """What the store holds for a table: its latest month and when it was updated."""

    table_id: str
    latest_period: Period | None
    latest_month: str
    first_month: str
    updated: Any  # datetime or None: when the source published the table (never an import time)
    last_run_source: str
    last_run_failed: bool  # the error itself is shown only in the admin
    last_run_at: Any  # datetime or None
    gaps: tuple[str, ...] = ()  # "November 2023 – May 2026": months missing inside the span
    due_month: str = ""  # the month Statistics Finland has published by now, when newer than ours


def table_info(table_id: str) -> TableInfo | None:
    return next(iter(selectors.snapshot_info(table_id)), None)


def data_status(table_id: str = registry.UNEMPLOYMENT_TABLE) -> DataStatus | None:
    info = table_info(table_id)
    if info is None:
        return None
    due = selectors.expected_latest_month(timezone.localdate())
    behind = (
        info.latest_period is not None
        and Period.is_valid(info.latest_period, "M")
        and period_key(info.latest_period) < period_key(due)
    )
    return DataStatus(
        table_id=table_id,
        latest_period=info.latest_period,
        latest_month=month_name(info.latest_period) if info.latest_period else "",
        first_month=month_name(info.first_period) if info.first_period else "",
        updated=info.updated_at_source,
        last_run_source=info.last_run_source,
        last_run_failed=bool(info.last_run_error),
        last_run_at=info.last_run_at,
        gaps=tuple(datasets.gap_label(first, last) for first, last in info.gaps),
        due_month=month_name(due) if behind else "",
    )
