"""Property test of the import path (issue 11 §6): for generated documents, some of them hostile,
`import_statistics` either stores every cell or refuses in one line and stores nothing — never
an unhandled exception, never a partial write. The generated numbers are not real data."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seuraamo.official_stats.models import Observation, StatTable, SyncRun

pytestmark = pytest.mark.django_db

#: Printable codes are stored (a formula-like one too: the exports keep it inert); a code too
#: long, with a control character or with a space around it is refused.
REFUSED_AREAS = ("K" * 25, "KU\n1", " a")
AREAS = st.sampled_from(["MK08", "KU285", "SSS", "=X()", "@A", "a b", "100+", *REFUSED_AREAS])
PERIODS = st.sampled_from(["2026M05", "2026M06", "2026M13", "2026Q2", "bad", "2026"])
VALUES = st.one_of(
    st.none(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
)


@st.composite
def documents(draw) -> tuple[dict, bool]:
    areas = draw(st.lists(AREAS, min_size=1, max_size=3, unique=True))
    periods = draw(st.lists(PERIODS, min_size=1, max_size=3, unique=True))
    values = draw(
        st.lists(VALUES, min_size=len(areas) * len(periods), max_size=len(areas) * len(periods))
    )
    document = {
        "version": "2.0",
        "class": "dataset",
        "id": ["Alue", "timeperiod_m", "contentscode"],
        "size": [len(areas), len(periods), 1],
        "dimension": {
            "Alue": {"category": {"index": areas}},
            "timeperiod_m": {"category": {"index": periods}},
            "contentscode": {"category": {"index": ["TYOTTOMATLOPUSSA"]}},
        },
        "role": {"time": ["timeperiod_m"], "geo": ["Alue"], "metric": ["contentscode"]},
        "value": values,
    }
    acceptable = (
        all(a not in REFUSED_AREAS for a in areas)
        and all(p in ("2026M05", "2026M06") for p in periods)
        and all(v is None or (math.isfinite(v) and abs(v) <= 1e15) for v in values)
    )
    return document, acceptable


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(documents())
def test_an_import_stores_everything_or_nothing(tmp_path: Path, case) -> None:
    document, acceptable = case
    Observation.objects.all().delete()
    SyncRun.objects.all().delete()
    StatTable.objects.all().delete()
    path = tmp_path / "generated.json"
    path.write_text(json.dumps(document, allow_nan=True), encoding="utf-8")
    try:
        call_command("import_statistics", str(path), "--table", "tyonv/12r5", stdout=io.StringIO())
    except CommandError as error:
        assert not acceptable, error
        assert "\n" not in str(error) and str(error).startswith(str(path))
        assert not Observation.objects.exists() and not SyncRun.objects.exists()
    else:
        assert acceptable
        assert Observation.objects.count() == len(document["value"])
