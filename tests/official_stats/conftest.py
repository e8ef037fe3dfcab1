"""Fixtures for the statistics store: small cubes, the fake PxWeb server, what a table holds."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parents[1]
if str(TESTS_DIR) not in sys.path:
    sys.path.insert(0, str(TESTS_DIR))

from fakepxweb.fixtures import fake_pxweb  # noqa: E402, F401

from seuraamo.official_stats.models import Observation  # noqa: E402
from seuraamo.official_stats.pxweb import Cube, Dimension, Role  # noqa: E402
from seuraamo.transport import forget_shared_limiters  # noqa: E402


@pytest.fixture(autouse=True)
def _fresh_shared_limiters() -> Iterator[None]:
    forget_shared_limiters()
    yield
    forget_shared_limiters()


def make_cube(
    values: Mapping[tuple[str, str, str], float | None],
    *,
    statuses: Mapping[tuple[str, str, str], str] | None = None,
    time_id: str = "timeperiod_m",
    content_id: str = "contentscode",
    updated: str | None = None,
) -> Cube:
    """A cube over (area, period, content) from explicit cells; absent cells are missing."""
    areas = list(dict.fromkeys(key[0] for key in values))
    periods = list(dict.fromkeys(key[1] for key in values))
    contents = list(dict.fromkeys(key[2] for key in values))
    dimensions = [
        Dimension(id="Alue", label="Alue", codes=areas, role=Role.AREA),
        Dimension(id=time_id, label="Kuukausi", codes=periods, role=Role.TIME),
        Dimension(id=content_id, label="Tiedot", codes=contents, role=Role.CONTENT),
    ]
    flat: list[float | None] = []
    status_map: dict[int, str] = {}
    for area in areas:
        for period in periods:
            for content in contents:
                key = (area, period, content)
                if statuses and key in statuses:
                    status_map[len(flat)] = statuses[key]
                flat.append(values.get(key))
    return Cube(dimensions=dimensions, values=flat, statuses=status_map, updated=updated)


def monthly(start: str, count: int) -> list[str]:
    year, month = int(start[:4]), int(start[5:7])
    result = []
    for offset in range(count):
        total = year * 12 + month - 1 + offset
        result.append(f"{total // 12}M{total % 12 + 1:02d}")
    return result


def cells_for(
    areas: Sequence[str], periods: Sequence[str], contents: Mapping[str, object]
) -> dict[tuple[str, str, str], float | None]:
    """Cells from per-content functions ``f(area, period) -> value``."""
    return {
        (area, period, code): function(area, period)  # type: ignore[operator]
        for area in areas
        for period in periods
        for code, function in contents.items()
    }


def stored(table_id: str) -> dict[tuple[str, str, str], tuple[float | None, str]]:
    """What the table holds: (area, period, content) → (value, status symbol)."""
    return {
        (o.area_code, o.period, o.content_code): (o.value, o.status)
        for o in Observation.objects.filter(table__table_id=table_id)
    }
