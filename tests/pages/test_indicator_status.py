"""The goal page shows each official indicator's latest stored value and a worded traffic light."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
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


def without_recorded_baseline(data: PageData) -> None:
    data.indicator.baseline_value = None
    data.indicator.baseline_date = None
    data.indicator.save()


def test_the_baseline_is_read_from_the_series_at_the_programme_start(
    client: Client, data: PageData
) -> None:
    # The programme starts 1.6.2021; nothing is recorded, so 2021M06 of the series is the baseline.
    without_recorded_baseline(data)
    store_share({"2021M06": 10.0, "2025M06": 13.1, "2026M06": 14.4})

    section = status_text(client, "en", data)

    assert "light-red" in section
    assert "Worse than the baseline" in section
    assert "<dd>10&nbsp;% (June 2021)</dd>" in section, section


def test_without_a_value_at_the_programme_start_the_baseline_is_missing(
    client: Client, data: PageData
) -> None:
    # The series begins after the programme start: the latest value must not stand in as the
    # baseline (that would read "about the same as the baseline" for ever).
    without_recorded_baseline(data)
    store_share({"2025M06": 13.1, "2026M06": 14.4})

    sections = {language: status_text(client, language, data) for language in ("fi", "sv", "en")}

    assert "Lähtötaso puuttuu" in sections["fi"] and "lähtötaso puuttuu" in sections["fi"]
    assert "Utgångsvärde saknas" in sections["sv"] and "utgångsvärde saknas" in sections["sv"]
    assert "Baseline missing" in sections["en"] and "baseline missing" in sections["en"]
    assert "light-grey" in sections["en"]
    assert "About the same as the baseline" not in sections["en"]
    assert "14.4&nbsp;%" in sections["en"]  # the latest value is still shown, as the latest


def test_a_recorded_baseline_outside_the_start_month_is_refused(data: PageData) -> None:
    data.indicator.baseline_date = datetime.date(2026, 6, 30)

    with pytest.raises(ValidationError) as refused:
        data.indicator.full_clean()

    assert "ohjelman alussa (6/2021)" in str(refused.value.message_dict["baseline_date"])
