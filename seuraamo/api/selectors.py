"""Reads for the data API: tables, areas and observations (stored cells and derived statistics).

Stored cells come straight from `Observation`; derived statistics (``share``, ``long_term_share``,
``TYOTTOMATLOPUSSA_ma12`` …) from the statistics selectors, which compute them from the stored
numerators and denominators.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from seuraamo.api.params import ObservationQuery, ParamError
from seuraamo.areas.models import Area
from seuraamo.areas.selectors import Membership, members_by_area, memberships
from seuraamo.core.translation import localized
from seuraamo.official_stats.derived import (
    RATIO_STATISTICS,
    parse_statistic,
    period_key,
    readable,
    valid_periods,
)
from seuraamo.official_stats.models import Observation, StatTable, VariableRole, VariableValue
from seuraamo.official_stats.pxweb.periods import Period, PeriodError
from seuraamo.official_stats.pxweb.writer import OutUnit
from seuraamo.official_stats.vocabulary import LICENCE

#: At most this many (area × derived statistic) series are computed for one request.
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
    """A ratio statistic or a transform (``_ma12``, ``_yoy``, ``_yoy_pct``) of a stored code or a ratio."""
    if content in stored:
        return False
    spec = parse_statistic(content)
    return spec.base in RATIO_STATISTICS or (bool(spec.transform) and spec.base in stored)


def derived_names() -> list[str]:
    return sorted(RATIO_STATISTICS)


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
                f"nor a derived statistic. Derived statistics: {', '.join(derived_names())}, and any "
                "content code or derived statistic with _ma12, _yoy or _yoy_pct. See /api/tables.",
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
        raise ParamError("area", "derived statistics need one or more area codes (e.g. area=MK08).")
    further = [table.table_id for table in tables if has_further_dimension(table)]
    if further and not query.extras:
        raise ParamError(
            "extra",
            f"{', '.join(further)} has a further dimension (occupation); derived statistics need "
            "one or more extra= codes (e.g. extra=SSS for all occupations).",
        )
    extras = query.extras or [""]
    count = len(tables) * len(query.areas) * len(derived) * len(extras)
    if count > MAX_DERIVED_SERIES:
        raise ParamError(
            "area",
            f"{count} derived series requested; at most {MAX_DERIVED_SERIES} per request "
            "(areas × extra codes × derived statistics). Ask for fewer areas or extra codes.",
        )
    from seuraamo.official_stats import selectors

    rows = []
    for table in tables:
        for statistic in derived:
            for area in query.areas:
                for extra in extras if table.table_id in further else [""]:
                    points = selectors.series(
                        table.table_id,
                        statistic,
                        area,
                        start=query.start or None,
                        end=query.end or None,
                        extra_code=extra,
                    )
                    rows.extend(
                        Row(
                            table.table_id,
                            statistic,
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
    members = members_by_area(areas)
    unions = [code for code in areas if code in members]
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
    then the counts of employment areas summed from their members, then the derived statistics
    (ordered by table, statistic, area, period)."""
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


# -- the tables and areas lists ----------------------------------------------------------------


@dataclass(frozen=True)
class ContentSummary:
    code: str
    label: str
    unit: str


@dataclass(frozen=True)
class TableSummary:
    table_id: str
    title: str
    source: str
    licence: str
    updated_at_source: str | None
    last_synced_at: str | None
    first_period: str | None
    last_period: str | None
    contents: list[ContentSummary]
    derived_statistics: list[str]


def table_summaries(language: str) -> list[TableSummary]:
    """Every stored table with its content codes (labels in ``language``), period span and the
    derived statistics its stored codes allow, in four queries however many tables there are."""
    tables = list(StatTable.objects.order_by("table_id"))
    values: dict[int, list[VariableValue]] = {}
    for value in (
        VariableValue.objects.filter(variable__table__in=tables, variable__role="content")
        .select_related("variable")
        .order_by("order", "code")
    ):
        values.setdefault(value.variable.table_id, []).append(value)
    stored: dict[int, set[str]] = {pk: {v.code for v in found} for pk, found in values.items()}
    without_metadata = [table for table in tables if table.pk not in stored]
    for table_pk, code in (
        Observation.objects.filter(table__in=without_metadata)
        .order_by()
        .values_list("table_id", "content_code")
        .distinct()
    ):
        stored.setdefault(table_pk, set()).add(code)
    periods: dict[int, list[str]] = {}
    for table_pk, period in (
        Observation.objects.filter(table__in=tables)
        .order_by()
        .values_list("table_id", "period")
        .distinct()
    ):
        periods.setdefault(table_pk, []).append(period)
    summaries = []
    for table in tables:
        codes = stored.get(table.pk, set())
        span = valid_periods(periods.get(table.pk, []))
        contents = [
            ContentSummary(value.code, localized(value, "label", language).text, value.unit)
            for value in values.get(table.pk, [])
        ] or [ContentSummary(code, code, "") for code in sorted(codes)]
        summaries.append(
            TableSummary(
                table_id=table.table_id,
                title=localized(table, "title", language).text,
                source=table.source,
                licence=table.licence,
                updated_at_source=table.updated_at_source.isoformat()
                if table.updated_at_source
                else None,
                last_synced_at=table.last_synced_at.isoformat() if table.last_synced_at else None,
                first_period=span[0] if span else None,
                last_period=span[-1] if span else None,
                contents=contents,
                derived_statistics=[
                    name
                    for name, ratio in RATIO_STATISTICS.items()
                    if ratio.numerator in codes and ratio.denominator in codes
                ],
            )
        )
    return summaries


@dataclass(frozen=True)
class AreaSummary:
    code: str
    level: str
    names: dict[str, str]  # by language
    subregion: str | None
    region: str | None
    member_codes: list[str]  # today
    memberships: list[Membership]  # over time


def area_summaries(levels: list[str], codes: list[str]) -> list[AreaSummary]:
    """The areas of ``levels`` and ``codes`` (all when empty), ordered by code, in three
    queries."""
    found = Area.objects.select_related("subregion", "region").order_by("code")
    if levels:
        found = found.filter(level__in=levels)
    if codes:
        found = found.filter(code__in=codes)
    found = list(found)
    wanted = [area.code for area in found] if (levels or codes) else None
    today = members_by_area(wanted)
    over_time = memberships(wanted)
    return [
        AreaSummary(
            code=area.code,
            level=area.level,
            names={"fi": area.name_fi, "sv": area.name_sv, "en": area.name_en},
            subregion=area.subregion.code if area.subregion else None,
            region=area.region.code if area.region else None,
            member_codes=today.get(area.code, []),
            memberships=over_time.get(area.code, []),
        )
        for area in found
    ]


# -- what a json-stat answer names ----------------------------------------------------------------


@dataclass(frozen=True)
class Labels:
    """What a json-stat dataset of a page names: the table and the labels and units of the codes
    in it. Read in three queries whatever the page holds."""

    table_title: str
    source: str
    licence: str
    updated: str
    contents: dict[str, str]
    units: dict[str, OutUnit]
    areas: dict[str, str]


DERIVED_LABELS = {
    "share": "Unemployed jobseekers, % of the labour force (recomputed)",
    "long_term_share": "Long-term unemployed, % of unemployed jobseekers",
    "under25_share": "Unemployed jobseekers under 25, % of unemployed jobseekers",
    "foreign_share": "Foreign unemployed jobseekers, % of unemployed jobseekers",
    "vacancies_per_unemployed": "Open vacancies per unemployed jobseeker",
}
TRANSFORM_LABELS = {
    "_ma12": "12-month moving average",
    "_yoy": "change from a year earlier",
    "_yoy_pct": "change from a year earlier, %",
}


def labels_for(table_id: str, contents: list[str], areas: list[str], language: str) -> Labels:
    table = StatTable.objects.filter(table_id=table_id).first()
    values = list(
        VariableValue.objects.filter(
            variable__table__table_id=table_id,
            variable__role=VariableRole.CONTENT,
            code__in=[parse_statistic(code).base for code in contents] + contents,
        )
    )
    stored_labels = {
        value.code: localized(value, "label", language).text or value.code for value in values
    }
    stored_units = {value.code: value.unit for value in values}
    content_labels: dict[str, str] = {}
    units: dict[str, OutUnit] = {}
    for code in contents:
        spec = parse_statistic(code)
        if code in stored_labels:
            content_labels[code] = stored_labels[code]
        else:
            base = DERIVED_LABELS.get(spec.base) or stored_labels.get(spec.base) or spec.base
            content_labels[code] = (
                f"{base}, {TRANSFORM_LABELS[spec.transform]}" if spec.transform else base
            )
        ratio = RATIO_STATISTICS.get(spec.base)
        unit = ratio.unit if ratio else stored_units.get(spec.base, "")
        if spec.transform == "_yoy_pct":
            unit = "percent"
        decimals = ratio.decimals if ratio else (1 if unit in ("percent", "ratio") else 0)
        if spec.transform in ("_ma12", "_yoy_pct"):
            decimals = max(decimals, 1)
        units[code] = OutUnit(unit or "number", decimals)
    area_names = {
        area.code: localized(area, "name", language).text or area.code
        for area in Area.objects.filter(code__in=areas)
    }
    return Labels(
        table_title=localized(table, "title", language).text if table else table_id,
        source=table.source if table else "",
        licence=table.licence if table and table.licence else LICENCE,
        updated=table.updated_at_source.isoformat() if table and table.updated_at_source else "",
        contents=content_labels,
        units=units,
        areas={code: area_names.get(code, code) for code in areas},
    )
