"""The trend and six-month projection: the method on constructed series, and on the situation
page over the real offline snapshot (projected from 2023M10, before the gap, and labelled so)."""

from __future__ import annotations

import json
import re

import pytest

from seuraamo.official_stats.projection import (
    moving_average,
    naive,
    project,
    projection_with_band,
)
from tests.situation.tablehtml import data_tables


def test_a_repeating_seasonal_pattern_is_projected_exactly() -> None:
    pattern = [100, 90, 80, 85, 95, 120, 130, 110, 100, 95, 100, 105]
    growing = [value * 1.1 for value in pattern]
    history = pattern + growing
    # Last year's shape at this year's level: the growth of 10 % carried on, fading out.
    expected = [value * 1.1 * 1.1 ** (0.9**step) for step, value in enumerate(pattern[:6])]
    assert project(history, 6) == pytest.approx(expected)
    assert naive(history, 6) == pytest.approx(growing[:6])
    assert moving_average(history)[11] == pytest.approx(sum(pattern) / 12)
    assert moving_average([1.0, None, *[1.0] * 12])[12] is None


def test_too_short_a_history_is_refused() -> None:
    with pytest.raises(ValueError, match="needs 24 months"):
        project([1.0] * 23)


def test_the_band_holds_the_projection() -> None:
    values = [
        100 + (month % 12) * 3 + month * 0.5 + (7 if month % 5 == 0 else 0) for month in range(72)
    ]
    for projected in projection_with_band(values):
        assert projected.low <= projected.value <= projected.high


def _spec(html: str) -> dict:
    found = re.search(
        r'id="figure-projection".*?<script type="application/json" class="chart__spec">(.*?)</script>',
        html,
        re.S,
    )
    return json.loads(found.group(1))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "label"),
    [("fi", "Trendi ja ennakointi", "Ennakointi"), ("sv", "Trend och prognos", "Prognos"),
     ("en", "Trend and projection", "Projection")],
)  # fmt: skip
def test_the_projection_is_on_the_situation_page(
    statistics_snapshot, client, language, heading, label
) -> None:
    html = client.get(f"/{language}/situation/").content.decode()
    assert f'<h2 id="projection-title">{heading}</h2>' in html
    table = data_tables(html)["table-projection"]
    projected = [row for row in table.rows if row[3] not in ("..", "")]
    assert len(projected) == 6
    assert (
        projected[0][0]
        .lower()
        .startswith(
            {"fi": "marraskuu 2023", "sv": "november 2023", "en": "november 2023"}[language]
        )
    )
    spec = _spec(html)
    texts = [
        layer["encoding"]["text"]["value"]
        for layer in spec["layer"]
        if layer["mark"]["type"] == "text"
    ]
    assert texts == [label]
    if language == "en":
        assert "The projection starts from October 2023" in html
        assert "Projection (not a statistic)" in table.header
