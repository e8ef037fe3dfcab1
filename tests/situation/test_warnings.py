"""The early warning on constructed series: a latest month outside the trend band (the
projection's 80 % interval one month ahead) is said in plain words on the situation page and the
municipality's page in fi/sv/en; a month inside it, or a series too short or broken for a band,
is said as such. All series here are invented for the tests."""

from __future__ import annotations

import math

import pytest

from seuraamo.official_stats.derived import Point, shift_period
from seuraamo.official_stats.models import Observation, StatTable
from seuraamo.official_stats.selectors.warnings import ABOVE, BELOW, INSIDE, UNKNOWN, check
from tests.situation.builders import LATEST


def seasonal(months: int, end: str = LATEST, level: float = 400.0) -> list[Point]:
    """A constructed series: a yearly wave and a slow drift, a little irregular."""
    points = []
    period = shift_period(end, -(months - 1))
    for index in range(months):
        wave = 1 + 0.08 * math.sin(2 * math.pi * index / 12) + 0.01 * math.sin(index * 1.7)
        points.append(Point(period, round(level * wave * (1 + 0.002 * index)), ""))
        period = shift_period(period, 1)
    return points


def with_latest(points: list[Point], factor: float) -> list[Point]:
    *before, last = points
    return [*before, Point(last.period, round(last.value * factor), "")]


@pytest.mark.parametrize(("factor", "position"), [(1.0, INSIDE), (1.3, ABOVE), (0.7, BELOW)])
def test_the_latest_month_against_its_band(factor, position) -> None:
    found = check(with_latest(seasonal(48), factor), "KU285", "TYOTTOMAT25")
    assert found.position == position
    assert found.low < found.high
    assert found.period == LATEST


def test_no_band_without_36_unbroken_months_before_the_latest() -> None:
    points = seasonal(48)
    assert check(points[:36], "KU285", "TYOTTOMAT25").position == UNKNOWN
    broken = [*points[:40], Point(points[40].period, None, "missing"), *points[41:]]
    assert check(with_latest(broken, 1.5), "KU285", "TYOTTOMAT25").position == UNKNOWN


@pytest.fixture
def kotka_youth_jumps(situation) -> None:
    """48 constructed months of Kotka's young and long-term unemployed; the young jump 40 %
    in the latest month, the long-term stay on their path."""
    table = StatTable.objects.get(table_id="tyonv/12r5")
    codes = {"TYOTTOMAT25": 1.4, "PITKAAIKAISTYOTTOMAT": 1.0}
    Observation.objects.filter(table=table, area_code="KU285", content_code__in=codes).delete()
    Observation.objects.bulk_create(
        Observation(
            table=table,
            content_code=code,
            area_code="KU285",
            period=point.period,
            value=point.value,
        )
        for code, factor in codes.items()
        for point in with_latest(seasonal(48, level=500 if factor > 1 else 1400), factor)
    )


@pytest.mark.parametrize(
    ("language", "above", "calm", "unknown"),
    [
        ("fi", ("Alle 25-vuotiaat työttömät, kesäkuu 2026: ", "yläpuolella: suurempi nousu"),
         "pysyivät trendivälillään", "Trendiväliä ei voi muodostaa"),
        ("sv", ("Arbetslösa under 25 år, juni 2026: ", "över trendintervallet"),
         "höll sig inom sina trendintervall", "Inget trendintervall kan bildas"),
        ("en", ("Unemployed under 25, June 2026: ", "above the trend band"),
         "stayed within their trend bands", "No trend band can be formed"),
    ],
)  # fmt: skip
def test_pages_say_which_municipality_left_its_band(
    client, kotka_youth_jumps, language, above, calm, unknown
) -> None:
    html = client.get(f"/{language}/situation/").content.decode()
    section = html.split('id="warning-title"')[1].split("</section>")[0]
    alerts = section.split('id="warning-alerts"')[1].split("</ul>")[0]
    assert alerts.count("<li>") == 1 and "Kotka: " in alerts
    assert all(part in alerts for part in above), alerts
    assert unknown in section  # the other municipalities have 18 months only
    # The page says it once: the review (further down) links to the section instead.
    assert html.count(unknown) == 1 and html.count(above[1]) == 1
    review = html.split('id="review-title"')[1].split("</section>")[0]
    assert '<a href="#warning-title">' in review

    kotka = client.get(f"/{language}/situation/municipalities/KU285/").content.decode()
    section = kotka.split('id="warning-title"')[1].split("</section>")[0]
    assert all(part in section for part in above) and "Kotka: " not in section
    assert calm not in section

    hamina = client.get(f"/{language}/situation/municipalities/KU075/").content.decode()
    section = hamina.split('id="warning-title"')[1].split("</section>")[0]
    assert 'id="warning-alerts"' not in section and unknown in section
