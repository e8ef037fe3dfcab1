"""Reads for the data API: tables, areas and observations (stored cells and derived measures).

Stored cells come straight from `Observation`; derived measures (``share``, ``long_term_share``,
``TYOTTOMATLOPUSSA_ma12`` …) from the statistics selectors, which compute them from the stored
numerators and denominators.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from seuraamo.api.params import ObservationQuery, ParamError
from seuraamo.areas.models import Area
from seuraamo.official_stats.derived import RATIO_MEASURES, parse_measure, period_key, readable
from seuraamo.official_stats.models import Observation, StatTable, VariableRole, VariableValue
from seuraamo.official_stats.pxweb.periods import Period, PeriodError

#: At most this many (area × derived measure) series are computed for one request.
MAX_DERIVED_SERIES = 60


@dataclass(frozen=True)
class Row:
    table: str
    content: str
    area: str
    extra: str
    period: str
    value: float | None
    status: str
    derived: bool = False


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    total: int
    offset: int
    limit: int

    @property
    def truncated(self) -> bool:
        return self.offset + len(self.rows) < self.total


def stored_contents(table: StatTable) -> set[str]:
    """The table's content codes: from its stored metadata, or else from its observations."""
    found = set(
        VariableValue.objects.filter(
            variable__table=table, variable__role=VariableRole.CONTENT
        ).values_list("code", flat=True)
    )
    if not found:
        found = set(
            Observation.objects.filter(table=table)
            .values_list("content_code", flat=True)
            .distinct()
        )
    return found


def is_derived(content: str, stored: set[str]) -> bool:
    """A ratio measure or a transform (``_ma12``, ``_yoy``, ``_yoy_pct``) of a stored code or a ratio."""
    if content in stored:
        return False
    spec = parse_measure(content)
    return spec.base in RATIO_MEASURES or (bool(spec.transform) and spec.base in stored)


def derived_names() -> list[str]:
    return sorted(RATIO_MEASURES)


def resolve_tables(codes: list[str]) -> list[StatTable]:
    tables = {t.table_id: t for t in StatTable.objects.filter(table_id__in=codes)}
    for code in codes:
        if code not in tables:
            known = ", ".join(StatTable.objects.values_list("table_id", flat=True)) or "none loaded"
            raise ParamError("table", f"no table {code!r}. Tables: {known}.")
    return [tables[code] for code in codes]


def check_areas(tables: list[StatTable], areas: list[str]) -> None:
    if not areas:
        return
    known = set(Area.objects.filter(code__in=areas).values_list("code", flat=True))
    known |= set(
        Observation.objects.filter(table__in=tables, area_code__in=areas)
        .values_list("area_code", flat=True)
        .distinct()
    )
    unknown = [code for code in areas if code not in known]
    if unknown:
        raise ParamError(
            "area", f"unknown area code(s): {', '.join(unknown)}. See /api/areas for the codes."
        )


def _split_contents(tables: list[StatTable], contents: list[str]) -> tuple[list[str], list[str]]:
    stored: set[str] = set()
    for table in tables:
        stored |= stored_contents(table)
    plain, derived = [], []
    for content in contents:
        if content in stored:
            plain.append(content)
        elif is_derived(content, stored):
            derived.append(content)
        else:
            raise ParamError(
                "content",
                f"{content!r} is neither a content code of {', '.join(t.table_id for t in tables)} "
                f"nor a derived measure. Derived measures: {', '.join(derived_names())}, and any "
                "content code or derived measure with _ma12, _yoy or _yoy_pct. See /api/tables.",
            )
    return plain, derived


EXAMPLES = {"year": "2025", "month": "2025M06", "quarter": "2025Q2", "half-year": "2025H1"}


def frequency(period: str) -> str:
    """``2025`` -> year, ``2025M06`` -> month, ``2025Q2`` -> quarter, ``2025H1`` -> half-year;
    "" for a stored code that is not a period."""
    try:
        found = Period.parse(period).frequency
    except PeriodError:
        return ""
    return found.name.lower().replace("_", "-")


def check_bounds(tables: list[StatTable], query: ObservationQuery) -> None:
    """``from``/``to`` must be periods of the tables' own frequency: periods of one frequency
    compare correctly as text (stored rows) and as keys (derived rows), mixed ones do not."""
    for name, value in (("from", query.start), ("to", query.end)):
        if not value:
            continue
        for table in tables:
            sample = (
                Observation.objects.filter(table=table).values_list("period", flat=True).first()
            )
            kind = frequency(sample) if sample is not None else ""
            if not kind or kind == frequency(value):
                continue
            raise ParamError(
                name,
                f"{value!r} is a {frequency(value)} but {table.table_id} has {kind}ly periods; "
                f"use a {kind} such as {EXAMPLES[kind]}.",
            )


def _stored_rows(tables: list[StatTable], query: ObservationQuery, contents: list[str] | None):
    found = Observation.objects.filter(table__in=tables)
    if contents is not None:
        found = found.filter(content_code__in=contents)
    if query.areas:
        found = found.filter(area_code__in=query.areas)
    if query.extras:
        found = found.filter(extra_code__in=query.extras)
    if query.start:
        found = found.filter(period__gte=query.start)
    if query.end:
        found = found.filter(period__lte=query.end)
    if query.periods:
        found = found.filter(period__in=query.periods)
    return found.order_by("table__table_id", "content_code", "area_code", "extra_code", "period")


def _derived_rows(
    tables: list[StatTable], query: ObservationQuery, derived: list[str]
) -> list[Row]:
    if not derived:
        return []
    if not query.areas:
        raise ParamError("area", "derived measures need one or more area codes (e.g. area=MK08).")
    further = [table.table_id for table in tables if has_further_dimension(table)]
    if further and not query.extras:
        raise ParamError(
            "extra",
            f"{', '.join(further)} has a further dimension (occupation); derived measures need "
            "one or more extra= codes (e.g. extra=SSS for all occupations).",
        )
    extras = query.extras or [""]
    count = len(tables) * len(query.areas) * len(derived) * len(extras)
    if count > MAX_DERIVED_SERIES:
        raise ParamError(
            "area",
            f"{count} derived series requested; at most {MAX_DERIVED_SERIES} per request "
            "(areas × extra codes × derived measures). Ask for fewer areas or extra codes.",
        )
    from seuraamo.official_stats import selectors

    rows = []
    for table in tables:
        for measure in derived:
            for area in query.areas:
                for extra in extras if table.table_id in further else [""]:
                    points = selectors.series(
                        table.table_id,
                        measure,
                        area,
                        start=query.start or None,
                        end=query.end or None,
                        extra_code=extra,
                    )
                    rows.extend(
                        Row(
                            table.table_id,
                            measure,
                            area,
                            extra,
                            point.period,
                            point.value,
                            point.status,
                            True,
                        )
                        for point in points
                        if not query.periods or point.period in query.periods
                    )
    return rows


def has_further_dimension(table: StatTable) -> bool:
    """Whether the table has a dimension besides area, time and content (12ti's occupation):
    from its stored variables, or else from its stored cells."""
    if table.variables.filter(role=VariableRole.OTHER).exists():
        return True
    return Observation.objects.filter(table=table).exclude(extra_code="").exists()


def union_areas(tables: list[StatTable], areas: list[str]) -> list[str]:
    """The requested areas that are unions of municipalities (the employment areas TA04, TA16)
    and have no stored rows of their own in the tables: their counts are summed from the members."""
    if not areas:
        return []
    unions = [
        code
        for code, members in Area.objects.filter(code__in=areas).values_list("code", "member_codes")
        if members
    ]
    own = set(
        Observation.objects.filter(table__in=tables, area_code__in=unions)
        .values_list("area_code", flat=True)
        .distinct()
    )
    return [code for code in unions if code not in own]


def _union_rows(
    tables: list[StatTable], query: ObservationQuery, unions: list[str], plain: list[str] | None
) -> list[Row]:
    """Stored content codes of union areas, summed from their members (a sum is missing, with
    the status ``no-total``, when a member's value is suppressed). Marked as derived."""
    from seuraamo.official_stats.selectors.series import SeriesStore

    rows = []
    for table in tables:
        contents = sorted(stored_contents(table) if plain is None else plain)
        store = SeriesStore(table.table_id, contents, unions)
        for content in contents:
            for area in unions:
                for point in store.content(content, area):
                    if (
                        (query.start and period_key(point.period) < period_key(query.start))
                        or (query.end and period_key(point.period) > period_key(query.end))
                        or (query.periods and point.period not in query.periods)
                    ):
                        continue
                    value, status = readable(point.value, point.status)
                    rows.append(
                        Row(table.table_id, content, area, "", point.period, value, status, True)
                    )
    return rows


def observations(query: ObservationQuery) -> Page:
    """One page of rows: the stored cells first (ordered by table, content, area, extra, period),
    then the counts of employment areas summed from their members, then the derived measures
    (ordered by table, measure, area, period)."""
    tables = resolve_tables(query.tables)
    check_areas(tables, query.areas)
    check_bounds(tables, query)
    if query.contents:
        plain, derived = _split_contents(tables, query.contents)
    else:
        plain, derived = [], []
    unions = [] if query.extras else union_areas(tables, query.areas)
    own_areas = [code for code in query.areas if code not in unions]
    stored = _stored_rows(
        tables,
        replace(query, areas=own_areas),
        plain if query.contents else None,
    )
    if (query.contents and not plain) or (query.areas and not own_areas):
        stored = stored.none()
    extra_rows = []
    if unions and (plain or not query.contents):
        extra_rows = _union_rows(tables, query, unions, plain if query.contents else None)
    extra_rows += _derived_rows(tables, query, derived)
    stored_total = stored.count()
    total = stored_total + len(extra_rows)
    rows: list[Row] = []
    start, stop = query.offset, query.offset + query.limit
    if start < stored_total:
        values = stored[start:stop].values_list(
            "table__table_id",
            "content_code",
            "area_code",
            "extra_code",
            "period",
            "value",
            "status",
        )
        rows.extend(
            Row(table, content, area, extra, period, *readable(value, status))
            for table, content, area, extra, period, value, status in values
        )
    if stop > stored_total:
        rows.extend(extra_rows[max(0, start - stored_total) : stop - stored_total])
    return Page(rows=rows, total=total, offset=query.offset, limit=query.limit)
