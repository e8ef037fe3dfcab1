"""The goal page shows each official indicator's latest stored value and a worded traffic light."""

from __future__ import annotations

from django.test import Client
from django.utils import translation

from seuraamo.official_stats.models import Observation, StatTable
from tests.pages.builders import PageData


def store_share(values: dict[str, float]) -> None:
    table, _created = StatTable.objects.get_or_create(table_id="tyonv/12r5")
    Observation.objects.bulk_create(
        Observation(
            table=table, content_code="TYOTOSUUS", area_code="MK08", period=period, value=value
        )
        for period, value in values.items()
    )


def status_text(client: Client, language: str, data: PageData) -> str:
    goal = data.indicator.goal
    with translation.override(language):
        html = client.get(f"/{language}/goals/{goal.key}/").content.decode()
    start = html.index('id="indicator-mk08-tyottomien-osuus"')
    return html[start : html.index("</section>", start)]


def test_a_share_above_its_baseline_is_worse_when_the_goal_is_to_decrease(
    client: Client, data: PageData
) -> None:
    store_share({"2025M06": 13.1, "2026M06": 14.4})

    section = status_text(client, "fi", data)

    assert "light-red" in section
    assert "Heikompi kuin lähtötaso" in section
    assert "14,4&nbsp;%" in section
    assert "kesäkuu 2026" in section
    assert "vuodentakaisesta: +1,3 prosenttiyksikköä" in section, section


def test_a_share_below_its_baseline_is_better_in_swedish_too(
    client: Client, data: PageData
) -> None:
    store_share({"2026M06": 11.2})

    section = status_text(client, "sv", data)

    assert "light-green" in section
    assert "Bättre än utgångsläget" in section
    assert "juni 2026" in section


def test_without_stored_statistics_the_page_says_so(client: Client, data: PageData) -> None:
    section = status_text(client, "en", data)

    assert "light-grey" in section
    assert "No statistics stored yet" in section
    assert "Latest value" not in section
