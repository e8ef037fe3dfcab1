"""Storing a sync's answers one at a time (see ``ingest.ingest_cubes``): a list of cubes is one
group, compared and written together; an iterator's cubes are checked and taken one by one, and
each piece's comparison reads only the stored rows of its own areas."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from django.utils import timezone

from seuraamo.official_stats.pxweb import Cube, Role
from seuraamo.official_stats.pxweb.checks import check_cube
from seuraamo.official_stats.services.tables import table_frequency


def streamed(table_id: str, cubes: Iterable[Cube]) -> Iterator[Sequence[Cube]]:
    """The groups of cubes compared and written together: a list is one group (its cubes may
    overlap; the later wins), an iterator's cubes are checked and taken one at a time."""
    if isinstance(cubes, Sequence):
        yield cubes
        return
    frequency = table_frequency(table_id)
    for cube in cubes:
        frequency = check_cube(cube, frequency=frequency, today=timezone.localdate()) or frequency
        yield [cube]


def header_of(cube: Cube) -> Cube:
    """The cube's dimensions and descriptions without its values (for the labels at the switch):
    the values' list is one shared ``None`` per cell, a pointer each."""
    return Cube(cube.dimensions, [None] * len(cube), {}, cube.label, cube.source, cube.updated)


def areas_of(group: Sequence[Cube], streamed: bool) -> list[str] | None:
    """A streamed piece's areas: its comparison reads only their stored rows."""
    if not streamed:
        return None
    dimension = group[0].dimension_for(Role.AREA)
    return list(dimension.codes) if dimension is not None else None
