"""The charts of the situation pages by key, each built from the selectors: its `DataTable`
(datasets.py, or the training section's table), its Vega-Lite spec (charts/specs.py), its source
line and the `Chart` the template draws (charts/chart.py); with the time-series selection
(`choose`) and the note over the projection. The pages and the downloads use the same builders, so a
download holds exactly the rows of the table on the page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from seuraamo.areas import geo, region
from seuraamo.areas.region import REGION
from seuraamo.core.formatting import current_language, month_name
from seuraamo.official_stats import registry, selectors, statistics
from seuraamo.official_stats.selectors.occupations import occupation_lines
from seuraamo.periods import Frequency, Period
from seuraamo.publications import selectors as publication_selectors
from seuraamo.situation import datasets
from seuraamo.situation.charts import options, specs
from seuraamo.situation.charts.chart import Chart, build_chart, source_line
from seuraamo.situation.charts.svg import render_svg
from seuraamo.situation.sections.data_status import DataStatus, data_status
from seuraamo.situation.sections.training import training_table
from seuraamo.situation.selectors import area_name
from seuraamo.situation.tables import DataTable

CHARTS = ("timeseries", "municipalities", "map", "occupations", "training", "projection")


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
    spec = specs.line_chart(table, y_title=str(found.axis))
    return ChartData(
        "timeseries", table, spec, {"area": area, "statistic": found.key}, table.source
    )


def municipalities(period: Period | None = None) -> ChartData | None:
    status = data_status()
    comparison = selectors.municipality_comparison(period)
    if comparison is None:
        return None
    table = datasets.comparison_table(comparison, source_for(status), _updated(status))
    query: dict[str, str] = {"period": period} if period else {}
    return ChartData("municipalities", table, None, query, table.source)


def municipality_map(period: Period | None = None) -> ChartData | None:
    status = data_status()
    comparison = selectors.municipality_comparison(period)
    if comparison is None:
        return None
    table = datasets.map_table(comparison, source_for(status), _updated(status))
    spec = specs.map_chart(table, list(geo.municipalities()), legend_title=_("Unemployed, %"))
    query: dict[str, str] = {"period": period} if period else {}
    boundaries = _("Map: Statistics Finland, municipal boundaries 2026.")
    source = f"{table.source} {boundaries}"
    return ChartData("map", table, spec, query, source)


def occupations(area: str = REGION, period: Period | None = None) -> ChartData | None:
    status = data_status(registry.OCCUPATION_TABLE)
    breakdown = selectors.occupation_groups(area, period)
    if breakdown is None or not breakdown.groups:
        return None
    table = datasets.occupation_table(
        breakdown, area_name(area), source_for(status), _updated(status)
    )
    spec = specs.paired_bar_chart(table)
    query: dict[str, str] = {"period": period} if period else {}
    return ChartData("occupations", table, spec, query, table.source)


def training(area: str = REGION, period: Period | None = None) -> ChartData | None:
    """Occupations with the most open vacancies per unemployed jobseeker (theme 4.3)."""
    status = data_status(registry.OCCUPATION_TABLE)
    found = occupation_lines(area, period)
    if found is None:
        return None
    table = training_table(
        found,
        area_name(area),
        publication_selectors.barometer_states(area),
        source_for(status),
        _updated(status),
    )
    if not table.rows:
        return None
    spec = specs.paired_bar_chart(table)
    query: dict[str, str] = {"period": period} if period else {}
    return ChartData("training", table, spec, query, table.source)


def projection(area: str = region.REGION) -> ChartData | None:
    """The trend and six-month projection of the number of unemployed jobseekers."""
    status = data_status()
    found = selectors.trend_projection(
        registry.UNEMPLOYMENT_TABLE, statistics.DEFAULT_STATISTIC, area
    )
    if found is None:
        return None
    table = datasets.projection_table(found, area_name(area), source_for(status), _updated(status))
    statistic = statistics.BY_KEY[statistics.DEFAULT_STATISTIC]
    spec = specs.projection_chart(table, y_title=str(statistic.axis), label=_("Projection"))
    return ChartData("projection", table, spec, {}, table.source)


def projection_note() -> dict[str, str]:
    """The months the projection's note names: where it starts and the latest month stored (they
    differ when a gap left the latest months without two unbroken years before them)."""
    found = selectors.trend_projection(
        registry.UNEMPLOYMENT_TABLE, statistics.DEFAULT_STATISTIC, region.REGION
    )
    if found is None:
        return {}
    return {
        "origin": found.origin,
        "latest": found.latest,
        "origin_month": month_name(found.origin),
    }


CHART_TABLES = {
    "timeseries": registry.UNEMPLOYMENT_TABLE,
    "municipalities": registry.UNEMPLOYMENT_TABLE,
    "map": registry.UNEMPLOYMENT_TABLE,
    "occupations": registry.OCCUPATION_TABLE,
    "training": registry.OCCUPATION_TABLE,
    "projection": registry.UNEMPLOYMENT_TABLE,
}


def known_period(key: str, period: str) -> bool:
    """Whether a download's ``period`` is empty (the latest month) or a month stored for the chart."""
    return not period or selectors.is_stored_month(
        CHART_TABLES.get(key, registry.UNEMPLOYMENT_TABLE), period
    )


def chart_data(key: str, query: dict[str, str]) -> ChartData | None:
    """The chart named in a download URL, built from the same parameters as on the page."""
    period = _month(query.get("period", ""))
    if key == "timeseries":
        choice = choose(query.get("area", ""), query.get("statistic", ""))
        return timeseries(choice.area, choice.statistic)
    if key == "municipalities":
        return municipalities(period)
    if key == "map":
        return municipality_map(period)
    if key == "occupations":
        return occupations(REGION, period)
    if key == "training":
        return training(REGION, period)
    if key == "projection":
        return projection()
    return None


def _month(text: str) -> Period | None:
    return Period.parse(text) if Period.is_valid(text, Frequency.MONTH) else None


def chart_svg(key: str, query: dict[str, str] | None = None) -> str | None:
    """A chart as a standalone SVG document (for PDF reports), or None without data."""
    data = chart_data(key, query or {})
    if data is None or data.spec is None or data.table.is_empty:
        return None
    return render_svg(specs.static_variant(data.spec))


def chart(data: ChartData | None, *, description: str = "") -> Chart | None:
    """The chart as the page draws it, or None when there are no data for it."""
    if data is None:
        return None
    return build_chart(
        data.table,
        data.spec,
        key=data.key,
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
    area_groups: list[options.AreaGroup]
    statistics: list[statistics.Statistic]
    notices: list[str]
    fixed_area: bool = False


def choose(wanted_area: str, wanted_statistic: str, *, fixed_area: str | None = None) -> Choice:
    notices = []
    groups = options.area_groups()
    offered_areas = {code for group in groups for code, _name in group.areas}
    area = fixed_area or (wanted_area if wanted_area in offered_areas else REGION)
    if not fixed_area and wanted_area and wanted_area != area:
        notices.append(
            _("There is no area %(code)s here; showing %(name)s.")
            % {"code": wanted_area, "name": area_name(area)}
        )
    offered = options.available_statistics(area)
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
