"""Keep the tracked tables in step with Statistics Finland's PxWeb API (incremental, atomic).

For each table: read its metadata, decide the first period to fetch, let the PxWeb library plan
the fewest queries the cell limit allows and fetch them (its limiter keeps under the server's
calls-per-window limit), and only then write everything in one transaction through
:func:`ingest_cubes`. A failure anywhere leaves the stored data as they were and records the
error in a SyncRun.

The first period fetched (unless ``since`` is given) is the earlier of
* the latest stored period minus the table's ``lookback`` (3 months for monthly tables), because
  Statistics Finland revises recent values, and
* the first period of the table (within ``history_months`` when the tracking sets it) that is
  stored for none or only some of the selected areas of a tracked content code: a gap, such as
  2023M11–2026M05 between the snapshot's history and its 2026M06 cross-section, is filled.
"""

from __future__ import annotations

import logging
import time as clock
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, overload

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count
from django.utils import timezone

from seuraamo.core.events import log_event
from seuraamo.official_stats.derived import period_key, shift_period
from seuraamo.official_stats.models import Observation, SyncRun
from seuraamo.official_stats.pxweb import (
    Cube,
    Limits,
    PxWebClient,
    PxWebError,
    PxWebV2Client,
    Role,
    TableMetadata,
    fetch_table_pieces,
    plan_queries,
)
from seuraamo.official_stats.registry import (
    TRACKED_TABLES,
    ApiVersion,
    TrackedTable,
    area_selection,
    tracked_table,
)
from seuraamo.official_stats.services.ingest import IngestError, ingest_cubes, record_failure

Progress = Callable[[str], None]
LANGUAGES = ("sv", "en")


class SyncError(Exception):
    """A table could not be synced; the message says why. Nothing was written for that table."""


@dataclass
class TableSyncResult:
    """One table's sync: the run record plus what the plan looked like."""

    table_id: str
    run: SyncRun
    since: str | None
    queries: int = 0
    minimum_queries: int = 0
    skipped_areas: list[str] = field(default_factory=list)
    seconds: float = 0.0
    note: str = ""


class _ObservedClient:
    """The library client as :func:`fetch_table` sees it, counting queries and caching metadata."""

    def __init__(self, client: PxWebClient | PxWebV2Client, on_query: Callable[[], None]) -> None:
        self.client = client
        self.lang = client.lang
        self.on_query = on_query
        self._metadata: dict[tuple[str, str | None], TableMetadata] = {}

    def limits(self) -> Limits:
        return self.client.limits()

    def metadata(self, table_id: str, lang: str | None = None) -> TableMetadata:
        key = (table_id, lang or self.lang)
        if key not in self._metadata:
            self._metadata[key] = self.client.metadata(table_id, lang=lang)
        return self._metadata[key]

    def query(
        self, table_id: str, selection: Mapping[str, Sequence[str]], lang: str | None = None
    ) -> Cube:
        self.on_query()
        return self.client.query(table_id, selection, lang=lang)


@overload
def make_client(
    base_url: str | None = None, *, api_version: Literal["1"] = "1", **options: object
) -> PxWebClient: ...


@overload
def make_client(
    base_url: str | None = None, *, api_version: Literal["2"], **options: object
) -> PxWebV2Client: ...


@overload
def make_client(
    base_url: str | None = None, *, api_version: ApiVersion, **options: object
) -> PxWebClient | PxWebV2Client: ...


def make_client(
    base_url: str | None = None, *, api_version: ApiVersion = "1", **options: object
) -> PxWebClient | PxWebV2Client:
    """A PxWeb client for ``base_url``: API v1 (default base: the ``PXWEB_BASE_URL`` setting) or
    PxWebApi 2.0 (``PXWEB_V2_BASE_URL``). Raises :class:`SyncError` when no v2 base is set."""
    if api_version == "2":
        base = base_url or settings.PXWEB_V2_BASE_URL
        if not base:
            raise SyncError(
                "a table is read through PxWebApi 2.0 but no base URL is set: "
                "set PXWEB_V2_BASE_URL or pass --base-url-v2"
            )
        return PxWebV2Client(base, lang="fi", timeout=settings.PXWEB_TIMEOUT_SECONDS, **options)
    return PxWebClient(
        base_url or settings.PXWEB_BASE_URL,
        lang="fi",
        timeout=settings.PXWEB_TIMEOUT_SECONDS,
        **options,
    )


def _complete_periods(
    table_id: str, contents: Sequence[str], areas: Sequence[str] | None
) -> dict[str, set[str]]:
    """Per content code, the periods stored for every selected area (for any area if ``None``)."""
    rows = Observation.objects.filter(table__table_id=table_id, content_code__in=contents)
    if areas is not None:
        rows = rows.filter(area_code__in=areas)
    needed = len(areas) if areas is not None else 1
    complete: dict[str, set[str]] = defaultdict(set)
    grouped = rows.values("content_code", "period").annotate(areas=Count("id")).order_by()
    for row in grouped:
        if row["areas"] >= needed:
            complete[row["content_code"]].add(row["period"])
    return complete


def first_period_to_fetch(
    *,
    tracked: TrackedTable,
    metadata: TableMetadata,
    contents: Sequence[str],
    areas: Sequence[str] | None,
) -> str | None:
    """The first period to fetch (see the module docstring); ``None`` = the whole history."""
    time = metadata.variable_for(Role.TIME)
    if time is None or not time.values:
        return None
    periods = sorted(time.values, key=period_key)
    if tracked.history_months:
        periods = periods[-tracked.history_months :]
    whole = periods[0] if tracked.history_months else None
    stored = _complete_periods(tracked.table_id, contents, areas)
    if not stored:
        return whole
    latest = max((period for held in stored.values() for period in held), key=period_key)
    candidates: list[str] = [shift_period(latest, -tracked.lookback)]
    for content in contents:
        held = stored.get(content, set())
        gap = next((period for period in periods if period not in held), None)
        if gap is not None:
            candidates.append(gap)
    since = min(candidates, key=period_key)
    return whole if period_key(since) <= period_key(periods[0]) else since


def _selection(
    tracked: TrackedTable, metadata: TableMetadata, areas: Sequence[str] | None
) -> tuple[dict[str, Sequence[str]], list[str], list[str]]:
    """The query selection, the content codes and the wanted areas the table does not have."""
    selection: dict[str, Sequence[str]] = {}
    contents = list(tracked.contents)
    if contents:
        selection["content"] = contents
    else:
        variable = metadata.variable_for(Role.CONTENT)
        contents = list(variable.values) if variable else []
    skipped: list[str] = []
    if areas is not None:
        area_variable = metadata.variable_for(Role.AREA)
        if area_variable is None:
            raise SyncError(f"{tracked.table_id} has no area variable to select areas from")
        offered = set(area_variable.values)
        skipped = [code for code in areas if code not in offered]
        selection["area"] = [code for code in areas if code in offered]
        if not selection["area"]:
            raise SyncError(f"{tracked.table_id} offers none of the areas {', '.join(areas)}")
    return selection, contents, skipped


def sync_table(
    *,
    client: PxWebClient | PxWebV2Client,
    table_id: str,
    areas_option: str | None = None,
    since: str | None = None,
    progress: Progress | None = None,
) -> TableSyncResult:
    """Fetch and store one table; raises :class:`SyncError` (after recording it) on failure."""
    tracked = tracked_table(table_id)
    started, started_at = clock.monotonic(), timezone.now()
    calls_before = client.calls
    queries = 0
    planned = 0

    def on_query() -> None:
        nonlocal queries
        queries += 1
        if progress:
            progress(f"{table_id}: query {queries}/{planned}, {client.calls - calls_before} calls")

    observed = _ObservedClient(client, on_query)
    try:
        areas = area_selection(tracked, areas_option)
        max_cells = client.limits().max_cells  # read the server's limits before anything else
        metadata = observed.metadata(table_id)
        selection, contents, skipped = _selection(tracked, metadata, areas)
        if since is None:
            since = first_period_to_fetch(
                tracked=tracked, metadata=metadata, contents=contents, areas=selection.get("area")
            )
        plan = plan_queries(metadata, selection, max_cells, since=since)
        planned = len(plan)
        if progress:
            progress(f"{table_id}: {plan.total_cells} cells in {planned} queries")
        # The answers are stored as they arrive, one at a time (a national 12r5 is millions of
        # cells): nothing becomes visible until the last one is in (see ingest_cubes).
        pieces = fetch_table_pieces(observed, table_id, selection, since=since, languages=LANGUAGES)
        run = ingest_cubes(
            table_id=table_id,
            cubes=pieces,
            source=client.table_url(table_id),
            calls=lambda: client.calls - calls_before,
            synced_from_api=True,
            started_at=started_at,
        )
    except (PxWebError, IngestError, SyncError, ValueError, DatabaseError) as error:
        message = f"{table_id}: {error}"
        record_failure(
            table_id=table_id,
            source=client.table_url(table_id),
            error=message,
            calls=client.calls - calls_before,
            started_at=started_at,
        )
        raise SyncError(message) from error
    return TableSyncResult(
        table_id=table_id,
        run=run,
        since=since,
        queries=queries,
        minimum_queries=plan.lower_bound,
        skipped_areas=skipped,
        seconds=clock.monotonic() - started,
    )


def sync_statistics(
    *,
    client: PxWebClient,
    v2_client: Callable[[], PxWebV2Client] | PxWebV2Client | None = None,
    table_ids: Sequence[str] | None = None,
    areas_option: str | None = None,
    since: str | None = None,
    progress: Progress | None = None,
    on_result: Callable[[TableSyncResult], None] | None = None,
) -> tuple[list[TableSyncResult], list[str]]:
    """Sync each table (default: every tracked table), each in its own transaction.

    A failing table does not stop the others; returns the results and the error messages.
    A table whose ``api_version`` is ``"2"`` is read with ``v2_client`` (a client, or a function
    making one when first needed).
    """
    results: list[TableSyncResult] = []
    errors: list[str] = []
    for table_id in table_ids or [tracked.table_id for tracked in TRACKED_TABLES]:
        try:
            chosen: PxWebClient | PxWebV2Client = client
            if tracked_table(table_id).api_version == "2":
                if callable(v2_client) and not isinstance(v2_client, PxWebV2Client):
                    v2_client = v2_client()
                if v2_client is None:
                    raise SyncError(f"{table_id}: read through PxWebApi 2.0 but no v2 client")
                chosen = v2_client
            result = sync_table(
                client=chosen,
                table_id=table_id,
                areas_option=areas_option,
                since=since,
                progress=progress,
            )
        except SyncError as error:
            errors.append(str(error))
            log_event(
                "statistics_sync_failed", level=logging.ERROR, table=table_id, error=str(error)
            )
            continue
        results.append(result)
        log_sync_result(result)
        if on_result:
            on_result(result)
    return results, errors


def log_sync_result(result: TableSyncResult) -> None:
    run = result.run
    log_event(
        "statistics_sync_table",
        table=result.table_id,
        source=run.source,
        since=result.since,
        calls=run.calls,
        queries=result.queries,
        minimum_queries=result.minimum_queries,
        cells=run.cells,
        inserted=run.inserted,
        changed=run.changed,
        unchanged=run.unchanged,
        seconds=round(result.seconds, 3),
        skipped_areas=result.skipped_areas,
    )
