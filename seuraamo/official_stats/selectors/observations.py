"""Reading observations row by row, as the data API gives them: the stored cells, the counts of
union areas summed from their members, and derived statistics, one page at a time; and the facts
about the stored tables that a request is checked against.

Each function reads in a fixed number of queries, however many tables, areas, statistics or rows a
request names (``tests/api/test_query_counts.py``). Sums and derived statistics come from
:class:`~seuraamo.official_stats.selectors.series.SeriesStore`, as on the pages.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet, Subquery

from seuraamo.areas.models import Area
from seuraamo.areas.selectors import members_by_area
from seuraamo.official_stats.derived import (
    RATIO_STATISTICS,
    parse_statistic,
    readable,
    sortable_period,
)
from seuraamo.official_stats.models import (
    Observation,
    StatTable,
    TableVariable,
    VariableRole,
    VariableValue,
)
from seuraamo.official_stats.selectors.series import SeriesStore
from seuraamo.periods import Frequency, Period, PeriodError, period_key


@dataclass(frozen=True)
class ObservationRow:
    """One cell as the API gives it; ``derived`` marks a value computed here (a derived statistic
    or a union area's sum), not stored."""

    table: str
    content: str
    area: str
    extra: str
    period: Period
    value: float | None
    status: str
    derived: bool = False


@dataclass(frozen=True)
class ObservationPage:
    rows: tuple[ObservationRow, ...]
    total: int
    offset: int
    limit: int

    @property
    def truncated(self) -> bool:
        return self.offset + len(self.rows) < self.total

    @property
    def periods(self) -> list[str]:
        """The periods of the page's rows in time order, shorter codes (years) first; codes that
        are not periods last."""
        return sorted({row.period for row in self.rows}, key=lambda p: (len(p), sortable_period(p)))


# -- what a request is checked against ---------------------------------------------------------


def stored_table_ids() -> list[str]:
    """Every stored table's id, in order (one query)."""
    return list(StatTable.objects.order_by("table_id").values_list("table_id", flat=True))


def known_area_codes(table_ids: Sequence[str], codes: Sequence[str]) -> set[str]:
    """Those of ``codes`` that name a stored area or have rows in the tables (one query)."""
    if not codes:
        return set()
    areas = Area.objects.filter(code__in=list(codes)).order_by().values_list("code", flat=True)
    rows = (
        Observation.objects.filter(table__table_id__in=list(table_ids), area_code__in=list(codes))
        .order_by()
        .values_list("area_code", flat=True)
    )
    return set(areas.union(rows))


def period_frequencies(table_ids: Sequence[str]) -> dict[str, Frequency | None]:
    """The frequency of each table's periods, read from one stored row (the first written);
    ``None`` for a table without rows or whose row has no period code. One query."""
    first = Observation.objects.filter(table=OuterRef("pk")).order_by("pk").values("period")[:1]
    found: dict[str, Frequency | None] = {}
    for table_id, period in (
        StatTable.objects.filter(table_id__in=list(table_ids))
        .annotate(sample=Subquery(first))
        .values_list("table_id", "sample")
    ):
        try:
            found[table_id] = Period.parse(period).frequency if period is not None else None
        except PeriodError:
            found[table_id] = None
    return {table_id: found.get(table_id) for table_id in table_ids}


def stored_content_codes(table_ids: Sequence[str]) -> dict[str, frozenset[str]]:
    """Each table's content codes: from its stored metadata, or else from its rows. One query,
    and one more when some table has no metadata."""
    found: dict[str, set[str]] = {table_id: set() for table_id in table_ids}
    for table_id, code in VariableValue.objects.filter(
        variable__table__table_id__in=list(table_ids), variable__role=VariableRole.CONTENT
    ).values_list("variable__table__table_id", "code"):
        found[table_id].add(code)
    without_metadata = [table_id for table_id, codes in found.items() if not codes]
    if without_metadata:
        for table_id, code in (
            Observation.objects.filter(table__table_id__in=without_metadata)
            .order_by()
            .values_list("table__table_id", "content_code")
            .distinct()
        ):
            found[table_id].add(code)
    return {table_id: frozenset(codes) for table_id, codes in found.items()}


def further_dimension_tables(table_ids: Sequence[str]) -> frozenset[str]:
    """The tables with a dimension besides area, time and content (12ti's occupation): known
    from their stored variables, or else from their stored cells. One query."""
    other = TableVariable.objects.filter(table=OuterRef("pk"), role=VariableRole.OTHER)
    extra = Observation.objects.filter(table=OuterRef("pk")).exclude(extra_code="")
    return frozenset(
        StatTable.objects.filter(table_id__in=list(table_ids))
        .filter(Exists(other) | Exists(extra))
        .values_list("table_id", flat=True)
    )


def ratio_statistic_names() -> list[str]:
    """The derived ratio statistics by name (``share``, ``long_term_share`` …), sorted."""
    return sorted(RATIO_STATISTICS)


def is_derived_statistic(code: str, stored: Collection[str]) -> bool:
    """Whether ``code``, not itself a stored content code, is a derived statistic: a ratio, or a
    transform (``_ma12``, ``_yoy``, ``_yoy_pct``) of a ratio or of a stored content code."""
    if code in stored:
        return False
    spec = parse_statistic(code)
    return spec.base in RATIO_STATISTICS or (bool(spec.transform) and spec.base in stored)


# -- the rows ------------------------------------------------------------------------------------


def _stored_rows(
    table_ids: Sequence[str],
    contents: Sequence[str] | None,
    areas: Sequence[str],
    extras: Sequence[str],
    start: str,
    end: str,
    periods: Sequence[str],
) -> QuerySet[Observation]:
    found = Observation.objects.filter(table__table_id__in=list(table_ids))
    if contents is not None:
        found = found.filter(content_code__in=list(contents))
    if areas:
        found = found.filter(area_code__in=list(areas))
    if extras:
        found = found.filter(extra_code__in=list(extras))
    if start:
        found = found.filter(period__gte=start)
    if end:
        found = found.filter(period__lte=end)
    if periods:
        found = found.filter(period__in=list(periods))
    return found.order_by("table__table_id", "content_code", "area_code", "extra_code", "period")


def _union_areas(table_ids: Sequence[str], areas: Sequence[str]) -> list[str]:
    """The areas that are unions of municipalities (the employment areas TA04, TA16) and have no
    stored rows of their own in the tables: their counts are summed from the members."""
    if not areas:
        return []
    members = members_by_area(areas)
    unions = [code for code in areas if code in members]
    own = set(
        Observation.objects.filter(table__table_id__in=list(table_ids), area_code__in=unions)
        .values_list("area_code", flat=True)
        .distinct()
    )
    return [code for code in unions if code not in own]


def _in_span(period: Period, start: str, end: str, periods: Collection[str]) -> bool:
    return not (
        (start and period_key(period) < period_key(start))
        or (end and period_key(period) > period_key(end))
        or (periods and period not in periods)
    )


def _stores(
    table_ids: Sequence[str],
    union_codes: dict[str, list[str]],
    unions: Sequence[str],
    statistics: Sequence[str],
    areas: Sequence[str],
    extras_of: dict[str, list[str]],
) -> dict[tuple[str, str], SeriesStore]:
    """One store per table and extra code with every content code and area its sums and derived
    statistics need (two queries each): a series reads the same from it as from a store of its own."""
    derived_codes = sorted({code for s in statistics for code in parse_statistic(s).content_codes})
    stores = {}
    for table_id in table_ids:
        for extra in extras_of[table_id]:
            codes = set(derived_codes)
            wanted = list(areas) if statistics else []
            if extra == "" and union_codes.get(table_id):
                codes |= set(union_codes[table_id])
                wanted += [code for code in unions if code not in wanted]
            if codes and wanted:
                stores[(table_id, extra)] = SeriesStore(
                    table_id, sorted(codes), wanted, extra_code=extra
                )
    return stores


def _computed_rows(
    table_ids: Sequence[str],
    contents: Sequence[str] | None,
    statistics: Sequence[str],
    areas: Sequence[str],
    extras: Sequence[str],
    unions: Sequence[str],
    start: str,
    end: str,
    periods: Sequence[str],
    per_extra: Collection[str],
) -> list[ObservationRow]:
    """The union areas' sums of stored content codes (a sum is missing, with the status
    ``no-total``, when a member's value is suppressed), then the derived statistics; all marked
    derived."""
    union_codes: dict[str, list[str]] = {}
    if unions and (contents is None or contents):
        if contents is None:
            stored = stored_content_codes(table_ids)
            union_codes = {table_id: sorted(stored[table_id]) for table_id in table_ids}
        else:
            union_codes = {table_id: sorted(contents) for table_id in table_ids}
    extras_of = {
        table_id: list(extras or [""]) if table_id in per_extra else [""] for table_id in table_ids
    }
    stores = _stores(table_ids, union_codes, unions, statistics, areas, extras_of)
    rows = []
    for table_id, codes in union_codes.items():
        for content in codes:
            for area in unions:
                for point in stores[(table_id, "")].content(content, area):
                    if _in_span(point.period, start, end, periods):
                        value, status = readable(point.value, point.status)
                        rows.append(
                            ObservationRow(
                                table_id, content, area, "", point.period, value, status, True
                            )
                        )
    for table_id in table_ids:
        for statistic in statistics:
            spec = parse_statistic(statistic)
            for area in areas:
                for extra in extras_of[table_id]:
                    rows.extend(
                        ObservationRow(
                            table_id,
                            statistic,
                            area,
                            extra,
                            point.period,
                            point.value,
                            point.status,
                            True,
                        )
                        for point in stores[(table_id, extra)].statistic(spec, area)
                        if _in_span(point.period, start, end, periods)
                    )
    return rows


def stored_cells_at_most(
    table_ids: Sequence[str],
    *,
    contents: Sequence[str] | None = None,
    areas: Sequence[str] = (),
    extras: Sequence[str] = (),
    start: str = "",
    end: str = "",
    periods: Sequence[str] = (),
    cap: int,
) -> int:
    """How many stored cells :func:`observation_page` would count and sort for this query, counted
    only up to ``cap`` + 1 (one query that stops reading after ``cap`` + 1 index entries, so asking
    about a national table costs no more than ``cap`` rows). A union area without rows of its own
    counts nothing here: its sums read its few members, bounded by the areas asked."""
    if contents is not None and not contents:
        return 0
    found = _stored_rows(table_ids, contents, areas, extras, start, end, list(periods))
    return found.order_by()[: cap + 1].count()


@contextmanager
def bounded_reads(timeout_ms: int) -> Iterator[None]:
    """Run the reads inside in one read transaction; on PostgreSQL every statement in it is
    cancelled after ``timeout_ms`` milliseconds (``SET LOCAL statement_timeout``, which ends with
    the transaction), raising ``django.db.OperationalError``. ``0`` sets no limit. SQLite has no
    statement timeout; there the cell bound (:func:`stored_cells_at_most`) keeps reads short."""
    with transaction.atomic():
        if connection.vendor == "postgresql" and timeout_ms > 0:
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {int(timeout_ms)}")
        yield


def is_statement_timeout(error: BaseException) -> bool:
    """Whether a database error is PostgreSQL cancelling a statement for its timeout."""
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) == "57014" or "statement timeout" in str(error)


def observation_page(
    table_ids: Sequence[str],
    *,
    contents: Sequence[str] | None = None,
    statistics: Sequence[str] = (),
    areas: Sequence[str] = (),
    extras: Sequence[str] = (),
    start: str = "",
    end: str = "",
    periods: Iterable[str] = (),
    offset: int = 0,
    limit: int = 1000,
    per_extra: Collection[str] = (),
) -> ObservationPage:
    """One page of rows of the tables: the stored cells first (ordered by table, content, area,
    extra, period), then the counts of union areas without rows of their own summed from their
    members (when no ``extras`` are asked), then the derived ``statistics`` (ordered by table,
    statistic, area, extra, period).

    ``contents`` are stored content codes (``None``: every one); ``statistics`` derived
    statistics, computed for each of ``areas`` and, for the tables in ``per_extra`` (those with a
    further dimension), for each of ``extras``. ``start`` and ``end`` bound the periods
    (inclusive), ``periods`` names them. The stored cells are counted and sliced in the database;
    the computed rows are bounded by the areas and statistics asked.
    """
    periods = list(periods)
    unions = [] if extras else _union_areas(table_ids, areas)
    own_areas = [code for code in areas if code not in unions]
    stored = _stored_rows(table_ids, contents, own_areas, extras, start, end, periods)
    if (contents is not None and not contents) or (areas and not own_areas):
        stored = stored.none()
    computed = _computed_rows(
        table_ids, contents, statistics, areas, extras, unions, start, end, periods, per_extra
    )
    stored_total = stored.count()
    rows: list[ObservationRow] = []
    first, stop = offset, offset + limit
    if first < stored_total:
        values = stored[first:stop].values_list(
            "table__table_id",
            "content_code",
            "area_code",
            "extra_code",
            "period",
            "value",
            "status",
        )
        rows.extend(
            ObservationRow(table, content, area, extra, period, *readable(value, status))
            for table, content, area, extra, period, value, status in values
        )
    if stop > stored_total:
        rows.extend(computed[max(0, first - stored_total) : stop - stored_total])
    return ObservationPage(
        rows=tuple(rows), total=stored_total + len(computed), offset=offset, limit=limit
    )
