"""The `DataTable` behind each chart, read through the statistics selectors (which own every
derived computation: ratios, sums over member areas, changes)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from seuraamo.areas.region import COUNTRY, MUNICIPALITIES
from seuraamo.core.formatting import current_language, month_name
from seuraamo.official_stats import registry, selectors, statistics
from seuraamo.official_stats.derived import period_key, shift_period
from seuraamo.official_stats.selectors import Comparison, Figure, OccupationBreakdown
from seuraamo.situation import selectors as situation_selectors
from seuraamo.situation.tables import (
    Break,
    Category,
    Cell,
    Column,
    DataTable,
    Dimension,
    Fixed,
    Row,
    make_cell,
)


def period_dimension() -> Dimension:
    return Dimension("period", _("Month"), "time")


def area_dimension(label: str | None = None) -> Dimension:
    return Dimension("area", label or _("Area"), "geo")


def statistic_dimension() -> Dimension:
    return Dimension("statistic", _("Statistic"), "metric")


def gap_label(first: str, last: str) -> str:
    """ "November 2023 – May 2026", or one month's name."""
    if first == last:
        return month_name(first)
    return f"{month_name(first)} – {month_name(last)}"


def breaks(periods: Sequence[str]) -> tuple[Break, ...]:
    """A labelled break for each run of months missing between the stored ones."""
    following = {before: after for before, after in zip(periods, periods[1:], strict=False)}
    found = []
    for first, last in selectors.missing_runs(periods):
        before = shift_period(first, -1)
        label = _("No figures for %(months)s") % {"months": gap_label(first, last)}
        found.append(Break(first, last, following[before], label))
    return tuple(found)


def timeseries_table(
    area: str, statistic_key: str, source: str = "", updated: str = ""
) -> DataTable:
    """One statistic over the months for an area; a percentage also for the whole country."""
    statistic = (
        statistics.statistic(statistic_key) or statistics.BY_KEY[statistics.DEFAULT_STATISTIC]
    )
    areas = [area]
    if statistic.unit == "percent" and area != COUNTRY:
        areas.append(COUNTRY)
    series = {
        code: selectors.series(registry.UNEMPLOYMENT_TABLE, statistic.key, code) for code in areas
    }
    names = {code: situation_selectors.area_name(code) for code in areas}
    by_area = {code: {point.period: point for point in points} for code, points in series.items()}
    periods = sorted({p for points in by_area.values() for p in points}, key=period_key)
    rows = []
    for period in periods:
        cells = []
        for code in areas:
            point = by_area[code].get(period)
            cells.append(
                make_cell(point.value, point.status, statistic.decimals)
                if point
                else make_cell(None, "missing", statistic.decimals)
            )
        rows.append(Row(period, month_name(period), tuple(cells)))
    gaps = breaks(periods)
    note = " ".join(
        _("There are no figures for %(months)s; the chart and the table show a break there.")
        % {"months": gap_label(gap.first_code, gap.last_code)}
        for gap in gaps
    )
    if len(areas) == 1:
        title = _("%(statistic)s, %(area)s") % {"statistic": statistic.label, "area": names[area]}
    else:
        title = _("%(statistic)s, %(area)s and %(country)s") % {
            "statistic": statistic.label,
            "area": names[area],
            "country": names[COUNTRY],
        }
    return DataTable(
        key="timeseries",
        title=title,
        row_dimension=period_dimension(),
        column_dimension=area_dimension(),
        columns=tuple(
            Column(code, names[code], statistic.unit, statistic.decimals) for code in areas
        ),
        rows=tuple(rows),
        fixed=(
            Fixed(
                statistic_dimension(),
                Category(statistic.key, str(statistic.label)),
                statistic.unit,
                statistic.decimals,
            ),
        ),
        source=source,
        updated=updated,
        note=note,
        file_stem=f"seuraamo-{area}-{statistic.key}",
        breaks=gaps,
    )


#: Columns of the municipality comparison: (key in the comparison figures, label, unit, decimals).
COMPARISON_COLUMNS = (
    ("unemployed", gettext_lazy("Unemployed"), "persons", 0),
    ("share", gettext_lazy("Share of the labour force, %"), "percent", 1),
    ("long_term", gettext_lazy("Long-term unemployed"), "persons", 0),
    ("long_term_share", gettext_lazy("Long-term, % of the unemployed"), "percent", 1),
    ("under_25", gettext_lazy("Under 25"), "persons", 0),
    ("foreign", gettext_lazy("Foreign nationals"), "persons", 0),
    ("vacancies", gettext_lazy("Open vacancies"), "vacancies", 0),
    ("vacancies_per_unemployed", gettext_lazy("Vacancies per unemployed"), "ratio", 2),
)
SUMMARY_LEVELS = ("employment_area", "region", "country")


def _figure_cell(figure: Figure | None, decimals: int) -> Cell:
    if figure is None:
        return make_cell(None, "missing", decimals)
    return make_cell(figure.value, figure.status, decimals)


def comparison_table(comparison: Comparison, source: str = "", updated: str = "") -> DataTable:
    """The municipalities, employment areas, region and whole country side by side in one month;
    with the change in the number of unemployed from a year earlier when it is known."""
    language = current_language()
    columns = [
        Column(key, str(label), unit, decimals) for key, label, unit, decimals in COMPARISON_COLUMNS
    ]
    with_change = any(row.figures["unemployed"].change is not None for row in comparison.rows)
    if with_change:
        columns.insert(
            1,
            Column(
                "unemployed_change", _("Change in unemployed from a year earlier"), "persons", 0
            ),
        )
    rows = []
    for area in comparison.rows:
        cells = []
        for column in columns:
            if column.code == "unemployed_change":
                change = area.figures["unemployed"].change
                cells.append(make_cell(change, "missing", 0))
            else:
                cells.append(_figure_cell(area.figures.get(column.code), column.decimals))
        rows.append(
            Row(area.area_code, area.name(language), tuple(cells), area.level in SUMMARY_LEVELS)
        )
    month = month_name(comparison.period)
    return DataTable(
        key="municipalities",
        title=_("Municipalities of Kymenlaakso compared, %(month)s") % {"month": month},
        row_dimension=area_dimension(),
        column_dimension=statistic_dimension(),
        columns=tuple(columns),
        rows=tuple(rows),
        fixed=(Fixed(period_dimension(), Category(comparison.period, month)),),
        source=source,
        updated=updated,
        file_stem=f"seuraamo-municipalities-{comparison.period}",
    )


def map_table(comparison: Comparison, source: str = "", updated: str = "") -> DataTable:
    """The unemployment share and the number of unemployed of the six municipalities."""
    language = current_language()
    rows = []
    for area in comparison.rows:
        if area.area_code not in MUNICIPALITIES:
            continue
        rows.append(
            Row(
                area.area_code,
                area.name(language),
                (
                    _figure_cell(area.figures.get("share"), 1),
                    _figure_cell(area.figures.get("unemployed"), 0),
                ),
            )
        )
    rows.sort(key=lambda row: row.label)
    month = month_name(comparison.period)
    return DataTable(
        key="map",
        title=_("Unemployment share by municipality, %(month)s") % {"month": month},
        row_dimension=area_dimension(_("Municipality")),
        column_dimension=statistic_dimension(),
        columns=(
            Column("share", _("Unemployed, % of the labour force"), "percent", 1),
            Column("unemployed", _("Unemployed"), "persons", 0),
        ),
        rows=tuple(rows),
        fixed=(Fixed(period_dimension(), Category(comparison.period, month)),),
        source=source,
        updated=updated,
        file_stem=f"seuraamo-map-{comparison.period}",
    )


def _occupation_order(code: str) -> tuple[int, str]:
    # ISCO order: 1 managers … 9 elementary occupations, then 0 armed forces, then X unknown.
    return (0 if code.isdigit() and code != "0" else 1 if code == "0" else 2, code)


def occupation_table(
    breakdown: OccupationBreakdown, area_name: str, source: str = "", updated: str = ""
) -> DataTable:
    """Unemployed jobseekers and open vacancies by major occupational group (tyonv/12ti)."""
    language = current_language()
    groups = sorted(breakdown.groups, key=lambda group: _occupation_order(group.code))
    rows = tuple(
        Row(
            group.code,
            group.label(language),
            (make_cell(group.unemployed, "", 0), make_cell(group.vacancies, "", 0)),
        )
        for group in groups
    )
    suppressed_unemployed = sum(group.unemployed_suppressed for group in groups)
    suppressed_vacancies = sum(group.vacancies_suppressed for group in groups)
    note = ""
    if suppressed_unemployed or suppressed_vacancies:
        note = _(
            "Statistics Finland does not publish figures of very small occupations; the sums leave "
            "out %(unemployed)s such cells of unemployed and %(vacancies)s of vacancies, so the true "
            "numbers are at least those shown."
        ) % {"unemployed": suppressed_unemployed, "vacancies": suppressed_vacancies}
    month = month_name(breakdown.period)
    return DataTable(
        key="occupations",
        title=_(
            "Unemployed jobseekers and open vacancies by occupational group, %(area)s, %(month)s"
        )
        % {"area": area_name, "month": month},
        row_dimension=Dimension("occupation", _("Occupational group")),
        column_dimension=statistic_dimension(),
        columns=(
            Column("TYOTTOMATLOPUSSA", _("Unemployed jobseekers"), "persons", 0),
            Column("AVPAIKATLOPUSSA", _("Open vacancies"), "vacancies", 0),
        ),
        rows=rows,
        fixed=(
            Fixed(period_dimension(), Category(breakdown.period, month)),
            Fixed(area_dimension(), Category(breakdown.area_code, area_name)),
        ),
        source=source,
        updated=updated,
        note=note,
        file_stem=f"seuraamo-occupations-{breakdown.area_code}-{breakdown.period}",
    )


def projection_table(
    found: selectors.TrendProjection, area_name: str, source: str = "", updated: str = ""
) -> DataTable:
    """The latest unbroken months with their 12-month trend, then six projected months with an
    80 % band (the projection is labelled as such in the title, the columns and the chart)."""
    rows = []
    trend = {point.period: point.value for point in found.trend}
    for point in found.actual:
        cells = (
            make_cell(point.value, point.status, 0),
            make_cell(trend.get(point.period), "missing", 0),
            make_cell(None, "missing", 0),
            make_cell(None, "missing", 0),
            make_cell(None, "missing", 0),
        )
        rows.append(Row(point.period, month_name(point.period), cells))
    for period, projected in found.projected:
        cells = (
            make_cell(None, "missing", 0),
            make_cell(None, "missing", 0),
            make_cell(projected.value, "", 0),
            make_cell(projected.low, "", 0),
            make_cell(projected.high, "", 0),
        )
        rows.append(Row(period, month_name(period), cells))
    statistic = (
        statistics.statistic(found.statistic) or statistics.BY_KEY[statistics.DEFAULT_STATISTIC]
    )
    return DataTable(
        key="projection",
        title=_("%(statistic)s, %(area)s: trend and a six-month projection from %(month)s")
        % {"statistic": statistic.label, "area": area_name, "month": month_name(found.origin)},
        row_dimension=period_dimension(),
        column_dimension=statistic_dimension(),
        columns=(
            Column("actual", _("Stored figure"), statistic.unit, 0),
            Column("trend", _("Trend (12-month average)"), statistic.unit, 0),
            Column("projection", _("Projection (not a statistic)"), statistic.unit, 0),
            Column("low", _("Projection, lower bound of the 80% band"), statistic.unit, 0),
            Column("high", _("Projection, upper bound of the 80% band"), statistic.unit, 0),
        ),
        rows=tuple(rows),
        source=source,
        updated=updated,
        file_stem=f"seuraamo-projection-{found.area_code}-{found.statistic}",
    )
