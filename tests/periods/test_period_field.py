"""A stored period reads back as a Period, on both databases: the column holds the code, orders
and compares as time within a frequency, and text written before the checks does not break a
read. And a Period is its code wherever text is wanted (JSON, a dictionary key, a pickle)."""

from __future__ import annotations

import json
import pickle

import pytest
from django.db.models import Max

from seuraamo.official_stats.models import Observation, StatTable
from seuraamo.periods import Frequency, Period


@pytest.fixture
def table() -> StatTable:
    table = StatTable.objects.create(table_id="test/periods", title_fi="Koetaulu (constructed)")
    for code in ["2025M12", "2026M01", "2026M10", "2026M02"]:
        Observation.objects.create(
            table=table, content_code="C", area_code="KU285", period=code, value=1
        )
    return table


@pytest.mark.django_db
def test_a_stored_period_reads_back_as_a_period_in_time_order(table: StatTable) -> None:
    periods = list(table.observations.order_by("period").values_list("period", flat=True))
    assert periods == ["2025M12", "2026M01", "2026M02", "2026M10"]
    assert all(isinstance(period, Period) for period in periods)
    assert periods[-1].label("sv") == "oktober 2026"
    latest = table.observations.aggregate(latest=Max("period"))["latest"]
    assert latest == "2026M10"
    first = table.observations.get(period=Period.parse("2025M12"))
    assert first.period.shift(1) == "2026M01"
    assert table.observations.filter(period__gte="2026M02").count() == 2


@pytest.mark.django_db
def test_a_stored_text_that_is_no_period_reads_back_as_its_text(table: StatTable) -> None:
    Observation.objects.filter(period="2026M10").update(period="2026-10")
    periods = set(table.observations.values_list("period", flat=True))
    assert "2026-10" in periods
    assert not isinstance(next(p for p in periods if p == "2026-10"), Period)


def test_a_period_is_its_code_wherever_text_is_wanted() -> None:
    june = Period.parse("2026M06")
    assert june == "2026M06" and {"2026M06": 1}[june] == 1
    assert json.dumps({"period": june}) == '{"period": "2026M06"}'
    assert pickle.loads(pickle.dumps(june)) == june
    assert pickle.loads(pickle.dumps(june)).frequency is Frequency.MONTH
    assert june + "-x" == "2026M06-x" and june + 1 == "2026M07"
    with pytest.raises(AttributeError, match="cannot be changed"):
        june.year = 2027  # type: ignore[misc]
