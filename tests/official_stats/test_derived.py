"""Derived figures: pure functions, no database."""

from __future__ import annotations

import pytest

from seuraamo.official_stats.derived import (
    MISSING,
    NO_TOTAL,
    Point,
    StatisticSpec,
    aggregate,
    change,
    compute_statistic,
    moving_average,
    parse_statistic,
    ratio,
    ratio_series,
    shift_period,
    sum_or_missing,
    year_earlier,
    year_on_year,
)


def test_periods_shift_in_their_own_frequency() -> None:
    assert shift_period("2021M06", -12) == "2020M06"
    assert shift_period("2021M01", -1) == "2020M12"
    assert shift_period("2021M12", 1) == "2022M01"
    assert shift_period("2024Q1", -1) == "2023Q4"
    assert shift_period("2025", -3) == "2022"
    assert year_earlier("2026M06") == "2025M06"
    assert year_earlier("2024Q2") == "2023Q2"
    with pytest.raises(ValueError, match="not a period"):
        shift_period("June 2021", 1)


def test_missing_is_never_zero() -> None:
    assert ratio(10, None) is None
    assert ratio(None, 10) is None
    assert ratio(10, 0) is None
    assert ratio(10153, 70664, scale=100) == pytest.approx(14.368, abs=0.001)
    assert sum_or_missing([1, 2, None]) is None
    assert sum_or_missing([]) is None
    assert change(110, 100) == (10, 10.0)
    assert change(110, None) == (None, None)


def test_aggregate_sums_members_and_is_missing_when_one_member_is() -> None:
    members = {
        "KU1": [Point("2026M05", 10), Point("2026M06", 20)],
        "KU2": [Point("2026M05", 5), Point("2026M06", None, "...")],
        "KU3": [Point("2026M05", 1)],
    }
    result = aggregate(members, ["KU1", "KU2", "KU3"])
    # Not a suppressed cell itself: a total that cannot be formed, marked apart.
    assert result == [Point("2026M05", 16, ""), Point("2026M06", None, NO_TOTAL)]
    only_absent = aggregate({"KU1": [Point("2026M06", 20)]}, ["KU1", "KU9"])
    assert only_absent == [Point("2026M06", None, MISSING)]


def test_share_of_an_aggregate_comes_from_summed_numerators_and_denominators() -> None:
    # A: 100 / 1000 = 10 %, B: 600 / 2000 = 30 %. The union's share is 700 / 3000 = 23.3 %,
    # not the mean of the percentages (20 %) and not their sum.
    unemployed = {"A": [Point("2026M06", 100)], "B": [Point("2026M06", 600)]}
    labour = {"A": [Point("2026M06", 1000)], "B": [Point("2026M06", 2000)]}
    share = ratio_series(
        aggregate(unemployed, ["A", "B"]), aggregate(labour, ["A", "B"]), scale=100
    )
    assert share[0].value == pytest.approx(23.333, abs=0.001)


def test_year_on_year_change_absolute_and_percent() -> None:
    points = [Point("2025M06", 200), Point("2025M07", 210), Point("2026M06", 150)]
    assert year_on_year(points)[-1] == Point("2026M06", -50, "")
    assert year_on_year(points, percent=True)[-1] == Point("2026M06", -25.0, "")
    assert year_on_year(points)[0] == Point("2025M06", None, MISSING)


def test_moving_average_needs_twelve_consecutive_months() -> None:
    months = [shift_period("2020M01", n) for n in range(14)]
    points = [Point(month, float(n)) for n, month in enumerate(months)]
    averages = moving_average(points, 12)
    assert [p.period for p in averages] == months[11:]
    assert averages[0].value == pytest.approx(sum(range(12)) / 12)
    points[5] = Point(months[5], None, "...")
    assert moving_average(points, 12)[0] == Point(months[11], None, "...")
    assert moving_average([], 12) == []


def test_statistic_names() -> None:
    assert parse_statistic("TYOTTOMATLOPUSSA") == StatisticSpec("TYOTTOMATLOPUSSA")
    assert parse_statistic("share_ma12") == StatisticSpec("share", "_ma12")
    assert parse_statistic("TYOTTOMATLOPUSSA_yoy_pct") == StatisticSpec(
        "TYOTTOMATLOPUSSA", "_yoy_pct"
    )
    assert parse_statistic("share").content_codes == ("TYOTTOMATLOPUSSA", "TYOVOIMATK")
    assert parse_statistic("vacancies_per_unemployed").content_codes == (
        "AVPAIKATLOPUSSA",
        "TYOTTOMATLOPUSSA",
    )


def test_compute_statistic_ratios_and_transforms() -> None:
    contents = {
        "PITKAAIKAISTYOTTOMAT": [Point("2026M06", 4160)],
        "TYOTTOMATLOPUSSA": [Point("2025M06", 10000), Point("2026M06", 10153)],
        "AVPAIKATLOPUSSA": [Point("2026M06", None, "...")],
    }
    long_term = compute_statistic(parse_statistic("long_term_share"), contents)
    assert long_term[-1].value == 41.0
    vacancies = compute_statistic(parse_statistic("vacancies_per_unemployed"), contents)
    assert vacancies == [Point("2026M06", None, "...")]
    yoy = compute_statistic(parse_statistic("TYOTTOMATLOPUSSA_yoy"), contents)
    assert yoy[-1] == Point("2026M06", 153, "")
