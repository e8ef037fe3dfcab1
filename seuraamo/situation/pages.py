"""Everything a situation-picture page shows, assembled from the selectors: the data status, the
chart tables with their specs, and the figures. The pages and the downloads use the same builders,
so a download holds exactly the rows of the table on the page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from seuraamo.areas import geo, region
from seuraamo.areas.region import REGION
from seuraamo.core.formatting import current_language, month_name
from seuraamo.official_stats import selectors, statistics, vocabulary
from seuraamo.official_stats.derived import period_key
from seuraamo.official_stats.pxweb.periods import Period
from seuraamo.official_stats.selectors import TableInfo
from seuraamo.official_stats.selectors.occupations import occupation_lines
from seuraamo.publications import selectors as publication_selectors
from seuraamo.situation import chart_options, charts, datasets
from seuraamo.situation.charts import static_variant
from seuraamo.situation.figures import ChartFigure, build_figure, source_line
from seuraamo.situation.svg import render_svg
from seuraamo.situation.tables import DataTable
from seuraamo.situation.training import training_table

CHARTS = ("timeseries", "municipalities", "map", "occupations", "training", "projection")


@dataclass(frozen=True)
class DataStatus:
    """What the store holds for a table: its latest month and when it was updated."""

    table_id: str
    latest_period: str | None
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


def data_status(table_id: str = vocabulary.UNEMPLOYMENT_TABLE) -> DataStatus | None:
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


def source_for(status: DataStatus | None) -> str:
    attribution = selectors.attribution().get(current_language()) or _(
        "Source: KEHA Centre, Employment Service Statistics; Statistics Finland"
    )
    if status is None:
        return source_line(attribution, None)
    return source_line(attribution, status.updated, status.latest_month)


def _updated(status: DataStatus | None) -> str:
    return status.updated.isoformat() if status and status.updated else ""


@dataclass(frozen=True)
class ChartData:
    """A chart's table and spec (``spec`` is None for a table without a chart)."""

    key: str
    table: DataTable
    spec: dict[str, Any] | None
    query: dict[str, str]
    source: str


def timeseries(area: str, statistic: str) -> ChartData:
    status = data_status()
    table = datasets.timeseries_table(area, statistic, source_for(status), _updated(status))
    found = statistics.statistic(statistic) or statistics.BY_KEY[statistics.DEFAULT_STATISTIC]
    spec = charts.line_chart(table, y_title=str(found.axis))
    return ChartData(
        "timeseries", table, spec, {"area": area, "statistic": found.key}, table.source
    )


def municipalities(period: str | None = None) -> ChartData | None:
    status = data_status()
    comparison = selectors.municipality_comparison(period)
    if comparison is None:
        return None
    table = datasets.comparison_table(comparison, source_for(status), _updated(status))
    query = {"period": period} if period else {}
    return ChartData("municipalities", table, None, query, table.source)


def municipality_map(period: str | None = None) -> ChartData | None:
    status = data_status()
    comparison = selectors.municipality_comparison(period)
    if comparison is None:
        return None
    table = datasets.map_table(comparison, source_for(status), _updated(status))
    spec = charts.map_chart(table, list(geo.municipalities()), legend_title=_("Unemployed, %"))
    query = {"period": period} if period else {}
    boundaries = _("Map: Statistics Finland, municipal boundaries 2026.")
    source = f"{table.source} {boundaries}"
    return ChartData("map", table, spec, query, source)


def occupations(area: str = REGION, period: str | None = None) -> ChartData | None:
    status = data_status(vocabulary.OCCUPATION_TABLE)
    breakdown = selectors.occupation_groups(area, period)
    if breakdown is None or not breakdown.groups:
        return None
    table = datasets.occupation_table(
        breakdown, chart_options.area_name(area), source_for(status), _updated(status)
    )
    spec = charts.paired_bar_chart(table)
    query = {"period": period} if period else {}
    return ChartData("occupations", table, spec, query, table.source)


def training(area: str = REGION, period: str | None = None) -> ChartData | None:
    """Occupations with the most open vacancies per unemployed jobseeker (theme 4.3)."""
    status = data_status(vocabulary.OCCUPATION_TABLE)
    found = occupation_lines(area, period)
    if found is None:
        return None
    table = training_table(
        found,
        chart_options.area_name(area),
        publication_selectors.barometer_states(area),
        source_for(status),
        _updated(status),
    )
    if not table.rows:
        return None
    spec = charts.paired_bar_chart(table)
    query = {"period": period} if period else {}
    return ChartData("training", table, spec, query, table.source)


def projection(area: str = region.REGION) -> ChartData | None:
    """The trend and six-month projection of the number of unemployed jobseekers."""
    status = data_status()
    found = selectors.trend_projection(
        vocabulary.UNEMPLOYMENT_TABLE, statistics.DEFAULT_STATISTIC, area
    )
    if found is None:
        return None
    table = datasets.projection_table(
        found, chart_options.area_name(area), source_for(status), _updated(status)
    )
    statistic = statistics.BY_KEY[statistics.DEFAULT_STATISTIC]
    spec = charts.projection_chart(table, y_title=str(statistic.axis), label=_("Projection"))
    return ChartData("projection", table, spec, {}, table.source)


CHART_TABLES = {
    "timeseries": vocabulary.UNEMPLOYMENT_TABLE,
    "municipalities": vocabulary.UNEMPLOYMENT_TABLE,
    "map": vocabulary.UNEMPLOYMENT_TABLE,
    "occupations": vocabulary.OCCUPATION_TABLE,
    "training": vocabulary.OCCUPATION_TABLE,
    "projection": vocabulary.UNEMPLOYMENT_TABLE,
}


def known_period(chart: str, period: str) -> bool:
    """Whether a download's ``period`` is empty (the latest month) or a month stored for the chart."""
    return not period or selectors.is_stored_month(
        CHART_TABLES.get(chart, vocabulary.UNEMPLOYMENT_TABLE), period
    )


def chart_data(chart: str, query: dict[str, str]) -> ChartData | None:
    """The chart named in a download URL, built from the same parameters as on the page."""
    period = query.get("period") or None
    if chart == "timeseries":
        choice = choose(query.get("area", ""), query.get("statistic", ""))
        return timeseries(choice.area, choice.statistic)
    if chart == "municipalities":
        return municipalities(period)
    if chart == "map":
        return municipality_map(period)
    if chart == "occupations":
        return occupations(REGION, period)
    if chart == "training":
        return training(REGION, period)
    if chart == "projection":
        return projection()
    return None


def chart_svg(chart: str, query: dict[str, str] | None = None) -> str | None:
    """A chart as a standalone SVG document (for PDF reports), or None without data."""
    data = chart_data(chart, query or {})
    if data is None or data.spec is None or data.table.is_empty:
        return None
    return render_svg(static_variant(data.spec))


def figure(data: ChartData | None, *, description: str = "") -> ChartFigure | None:
    if data is None:
        return None
    return build_figure(
        data.table,
        data.spec,
        chart=data.key,
        query=data.query,
        source=data.source,
        language=current_language(),
        description=description,
    )


@dataclass(frozen=True)
class Choice:
    """The time-series selection: the areas and statistics offered, what was chosen, and notices
    about a requested area or statistic that could not be shown."""

    area: str
    statistic: str
    area_groups: list[chart_options.AreaGroup]
    statistics: list[statistics.Statistic]
    notices: list[str]
    fixed_area: bool = False


def choose(wanted_area: str, wanted_statistic: str, *, fixed_area: str | None = None) -> Choice:
    notices = []
    groups = chart_options.area_groups()
    offered_areas = {code for group in groups for code, _name in group.areas}
    area = fixed_area or (wanted_area if wanted_area in offered_areas else REGION)
    if not fixed_area and wanted_area and wanted_area != area:
        notices.append(
            _("There is no area %(code)s here; showing %(name)s.")
            % {"code": wanted_area, "name": chart_options.area_name(area)}
        )
    offered = chart_options.available_statistics(area)
    keys = [m.key for m in offered]
    if wanted_statistic in keys:
        statistic = wanted_statistic
    else:
        statistic = (
            statistics.DEFAULT_STATISTIC
            if statistics.DEFAULT_STATISTIC in keys or not keys
            else keys[0]
        )
        if wanted_statistic:
            notices.append(
                _("The statistic %(code)s has no data here; showing %(name)s.")
                % {"code": wanted_statistic, "name": statistics.BY_KEY[statistic].label}
            )
    return Choice(area, statistic, groups, offered, notices, fixed_area is not None)
