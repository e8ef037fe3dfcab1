"""Honest gaps: the offline snapshot has no months 2023M11–2026M05. The pages say so in words,
show a labelled break in the chart and the table, compare the headline figures with the latest
same month that has a figure (naming it), and say when the figures are behind the release calendar."""

from __future__ import annotations

import datetime
import json
import re

import pytest

from seuraamo.official_stats.selectors import expected_latest_month, missing_runs
from tests.situation.tablehtml import data_tables


def test_missing_runs_are_the_months_between_stored_ones() -> None:
    assert missing_runs(["2023M09", "2023M10", "2026M06"]) == [("2023M11", "2026M05")]
    assert missing_runs(["2024M01", "2024M03", "2024M04", "2024M06"]) == [
        ("2024M02", "2024M02"),
        ("2024M05", "2024M05"),
    ]
    assert missing_runs(["2024Q1", "2024Q3"]) == [("2024Q2", "2024Q2")]
    assert missing_runs(["2024M01", "2024M02"]) == []


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 11, 30), "2026M10"),
        (datetime.date(2026, 11, 20), "2026M09"),
        (datetime.date(2026, 1, 5), "2025M11"),
        (datetime.date(2026, 7, 28), "2026M06"),
    ],
)
def test_release_calendar(today, expected) -> None:
    assert expected_latest_month(today) == expected


def _card(html: str, key: str) -> str:
    start = html.index(f'data-key="{key}"')
    return html[start : html.index("</li>", start)]


def _spec(html: str, figure: str) -> dict:
    found = re.search(
        rf'id="figure-{figure}".*?<script type="application/json" class="chart__spec">(.*?)</script>',
        html,
        re.S,
    )
    return json.loads(found.group(1))


@pytest.mark.django_db
def test_the_offline_gap_is_told_shown_and_compared_across(statistics_snapshot, client) -> None:
    html = client.get("/en/situation/").content.decode()

    # The status box names the missing months in words.
    assert "there are no figures for 1 stretch of months" in html
    assert "<strong>November 2023 – May 2026</strong>" in html
    # … and says the figures are behind Statistics Finland's release calendar.
    assert "These figures are behind" in html

    # Headline cards compare June 2026 with June 2023, the latest June with a figure, naming it
    # (the history holds three content codes; the others have nothing earlier to compare with).
    for key in ("unemployed", "share", "vacancies"):
        card = _card(html, key)
        assert "from June 2023, the latest same month with a figure (none for June 2025)" in card
    assert "No figure for June 2025 to compare with" in _card(html, "long_term")

    # The table has a labelled break row; the chart a labelled band over the same months.
    series = data_tables(html)["table-timeseries"]
    gap = [row for row in series.rows if len(row) == 1]
    assert gap == [["No figures for November 2023 – May 2026"]]
    labels = [row[0] for row in series.rows]
    assert labels.index(gap[0][0]) == labels.index("October 2023") + 1
    assert labels[labels.index(gap[0][0]) + 1] == "June 2026"
    spec = _spec(html, "timeseries")
    texts = [layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "text"]
    assert texts[0]["data"]["values"][0]["label"] == "No figures for November 2023 – May 2026"
    assert "No figures for November 2023 – May 2026" in html.split('class="chart__static"')[1]

    finnish = client.get("/fi/situation/").content.decode()
    assert "marraskuu 2023 – toukokuu 2026" in finnish and "kesäkuu 2023" in finnish
    swedish = client.get("/sv/situation/").content.decode()
    assert "november 2023 – maj 2026" in swedish and "juni 2023" in swedish
