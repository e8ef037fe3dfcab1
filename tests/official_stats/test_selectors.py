"""Selectors on small ingested cubes: aggregates, derived statistics, periods."""

from __future__ import annotations

import pytest

from seuraamo.official_stats.derived import Point
from seuraamo.official_stats.selectors import (
    headline_figures,
    latest_period,
    municipality_comparison,
    series,
)
from seuraamo.official_stats.services import ingest_cube, load_areas
from tests.published import published

from .conftest import cells_for, make_cube, monthly

pytestmark = pytest.mark.django_db

R5 = "tyonv/12r5"
SOUTH = ["KU075", "KU285", "KU489", "KU624", "KU935"]
MONTHS = monthly("2024M01", 30)  # 2024M01 - 2026M06


def unemployed(area: str, period: str) -> float:
    return 100 + 10 * SOUTH.index(area) + MONTHS.index(period) if area in SOUTH else 5000


def labour(area: str, period: str) -> float:
    return 1000 * (SOUTH.index(area) + 1) if area in SOUTH else 50000


@pytest.fixture
def data() -> None:
    load_areas()
    values = cells_for(
        [*SOUTH, "KU286", "MK08", "SSS"],
        MONTHS,
        {
            "TYOTTOMATLOPUSSA": unemployed,
            "TYOVOIMATK": labour,
            "PITKAAIKAISTYOTTOMAT": lambda area, period: 40,
            "AVPAIKATLOPUSSA": lambda area, period: 5,
        },
    )
    values[("KU489", "2026M06", "AVPAIKATLOPUSSA")] = None
    cube = make_cube(values, statuses={("KU489", "2026M06", "AVPAIKATLOPUSSA"): "..."})
    ingest_cube(table_id=R5, cube=cube, source="test")


def test_series_of_a_content_code_between_two_periods(data: None) -> None:
    points = series(R5, "TYOTTOMATLOPUSSA", "KU285", "2026M04", "2026M06")
    assert points == [
        Point("2026M04", 137.0, ""),
        Point("2026M05", 138.0, ""),
        Point("2026M06", 139.0, ""),
    ]
    assert series(R5, "TYOTTOMATLOPUSSA", "KU999") == []
    assert latest_period(R5) == "2026M06"


def test_employment_area_share_is_the_ratio_of_sums(data: None) -> None:
    [point] = series(R5, "share", "TA04", "2026M06", "2026M06")
    total_unemployed = sum(unemployed(area, "2026M06") for area in SOUTH)
    total_labour = sum(labour(area, "2026M06") for area in SOUTH)
    assert point.value == published(100 * total_unemployed / total_labour)
    mean_of_shares = sum(
        100 * unemployed(a, "2026M06") / labour(a, "2026M06") for a in SOUTH
    ) / len(SOUTH)
    assert point.value != pytest.approx(mean_of_shares)
    [count] = series(R5, "TYOTTOMATLOPUSSA", "TA04", "2026M06", "2026M06")
    assert count.value == total_unemployed


def test_an_aggregate_is_missing_when_a_member_is(data: None) -> None:
    vacancies = series(R5, "AVPAIKATLOPUSSA", "TA04", "2026M05", "2026M06")
    assert vacancies == [Point("2026M05", 25.0, ""), Point("2026M06", None, "no-total")]
    ratio = series(R5, "vacancies_per_unemployed", "TA04", "2026M06", "2026M06")
    assert ratio[0].value is None and ratio[0].status == "no-total"


def test_derived_statistics_long_term_share_ma12_and_yoy(data: None) -> None:
    [long_term] = series(R5, "long_term_share", "KU285", "2026M06", "2026M06")
    assert long_term.value == published(100 * 40 / 139)
    [ma12] = series(R5, "TYOTTOMATLOPUSSA_ma12", "KU285", "2026M06", "2026M06")
    assert ma12.value == pytest.approx(sum(110 + n for n in range(18, 30)) / 12)
    [yoy] = series(R5, "TYOTTOMATLOPUSSA_yoy", "TA04", "2026M06", "2026M06")
    assert yoy.value == 12 * len(SOUTH)
    [yoy_pct] = series(R5, "share_yoy_pct", "KU285", "2026M06", "2026M06")
    [now] = series(R5, "share", "KU285", "2026M06", "2026M06")
    [then] = series(R5, "share", "KU285", "2025M06", "2025M06")
    # The change of the share as published (rounded to 0.1), from a year earlier, in percent.
    assert yoy_pct.value == pytest.approx(100 * (now.value - then.value) / then.value)
    first = series(R5, "TYOTTOMATLOPUSSA_ma12", "KU285")[0]
    assert first.period == "2024M12"


def test_headline_figures_compare_with_a_year_earlier(data: None) -> None:
    headline = headline_figures("TA04")
    assert headline.period == "2026M06"
    figure = headline.area.figures["unemployed"]
    assert (figure.value, figure.year_earlier_value, figure.change) == (
        sum(unemployed(a, "2026M06") for a in SOUTH),
        sum(unemployed(a, "2025M06") for a in SOUTH),
        60,
    )
    assert figure.change_pct == pytest.approx(100 * 60 / figure.year_earlier_value)
    share = headline.area.figures["share"]
    assert share.unit == "percent" and share.change == pytest.approx(
        share.value - share.year_earlier_value
    )
    assert headline.area.figures["vacancies"].status == "no-total"
    assert headline.country.figures["unemployed"].value == 5000
    assert headline.area.name("sv") == "Södra Kymmenedalens sysselsättningsområde"


def test_comparison_rows_cover_municipalities_employment_areas_region_and_country(
    data: None,
) -> None:
    comparison = municipality_comparison()
    assert comparison.period == "2026M06"
    assert [row.area_code for row in comparison.rows][-2:] == ["MK08", "SSS"]
    kouvola = {row.area_code: row for row in comparison.rows}
    assert kouvola["TA16"].figures["share"].value == kouvola["KU286"].figures["share"].value


def test_no_data_gives_none() -> None:
    assert headline_figures("MK08") is None
    assert municipality_comparison() is None
    assert latest_period(R5) is None
