"""Indicator status and its traffic light (rule in selectors/indicators.py and the docs)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from seuraamo.official_stats.selectors import indicator_status, traffic_light
from seuraamo.official_stats.services import ingest_cube, load_areas
from seuraamo.programmes.models import Goal, Indicator, IndicatorTarget, Programme, Theme
from tests.published import published

from .conftest import make_cube, monthly


@pytest.mark.parametrize(
    ("latest", "baseline", "direction", "light", "reason"),
    [
        (None, 100, "decrease", "grey", "no_data"),
        (90, None, "decrease", "grey", "no_baseline"),
        (90, 100, "decrease", "green", "better"),
        (99, 100, "decrease", "amber", "no_change"),  # within 2 % of the baseline
        (101, 100, "decrease", "amber", "no_change"),
        (110, 100, "decrease", "red", "worse"),
        (110, 100, "increase", "green", "better"),
        (90, 100, "increase", "red", "worse"),
        (101.5, 100, "maintain", "green", "kept"),
        (105, 100, "maintain", "amber", "drifting"),  # within 3 x 2 %
        (110, 100, "maintain", "red", "worse"),
        (12.6, 12.9, "decrease", "green", "better"),  # 0.3 pp > 2 % of 12.9 = 0.258
        (12.7, 12.9, "decrease", "amber", "no_change"),
    ],
)
def test_traffic_light_rule(
    latest: float | None, baseline: float | None, direction: str, light: str, reason: str
) -> None:
    assert traffic_light(latest, baseline, direction) == (light, reason)


@pytest.fixture
def goal(db: None) -> Goal:
    programme = Programme.objects.create(key="kymenlaakso", name_fi="Ohjelma", start_year=2021)
    theme = Theme.objects.create(programme=programme, number="4.1", title_fi="Teema")
    return Goal.objects.create(theme=theme, key="goal", title_fi="Tavoite")


def indicator(goal: Goal, **fields: object) -> Indicator:
    defaults: dict[str, object] = {
        "key": "unemployment-share",
        "goal": goal,
        "name_fi": "Työttömyysaste",
        "unit": "percent",
        "desired_direction": "decrease",
        "kind": "official",
        "stat_table": "tyonv/12r5",
        "stat_content_code": "share",
        "stat_area": "MK08",
    }
    defaults.update(fields)
    return Indicator.objects.create(**defaults)


@pytest.fixture
def shares(db: None) -> None:
    load_areas()
    months = monthly("2020M06", 25)  # 2020M06 - 2022M06
    values = {}
    for n, month in enumerate(months):
        values[("MK08", month, "TYOTTOMATLOPUSSA")] = 13000 - 100 * n
        values[("MK08", month, "TYOVOIMATK")] = 72000
    ingest_cube(table_id="tyonv/12r5", cube=make_cube(values), source="test")


def test_status_of_an_official_indicator(goal: Goal, shares: None) -> None:
    item = indicator(goal, baseline_value=Decimal("18.000"), baseline_date=date(2020, 6, 30))
    IndicatorTarget.objects.create(indicator=item, year=2020, value=Decimal("17"))
    IndicatorTarget.objects.create(indicator=item, year=2025, value=Decimal("12"))
    status = indicator_status(item, today=date(2023, 1, 1))
    assert status.latest_period == "2022M06"
    assert status.latest_value == published(100 * 10600 / 72000)
    assert status.year_earlier_value == published(100 * 11800 / 72000)
    assert (status.trend, status.improving) == ("down", True)
    assert status.baseline_value == 18.0 and status.baseline_period == "2020M06"
    assert (status.next_target_year, status.next_target_value) == (2025, 12.0)
    assert status.target_year is None  # no target for 2023: the light compares with the baseline
    assert (status.light, status.reason) == ("green", "better")
    assert len(status.recent) == 13


def test_baseline_from_the_stored_value_at_the_baseline_date(goal: Goal, shares: None) -> None:
    item = indicator(goal, desired_direction="increase", baseline_date=date(2021, 6, 1))
    status = indicator_status(item)
    assert status.baseline_value == published(100 * 11800 / 72000)
    assert (status.light, status.reason) == ("red", "worse")


def test_grey_without_data_or_for_manual_indicators(goal: Goal) -> None:
    status = indicator_status(indicator(goal, baseline_value=Decimal("12")))
    assert (status.light, status.reason, status.latest_value) == ("grey", "no_data", None)
    manual = indicator(
        goal, key="manual", kind="manual", stat_table="", stat_content_code="", stat_area=""
    )
    assert (indicator_status(manual).light, indicator_status(manual).reason) == (
        "grey",
        "not_official",
    )
