"""Write a json-stat 2.0 dataset: the one writer beside the parser (:mod:`.jsonstat`).

The caller names the dimensions in order (slowest-varying first) and gives the cells by their
category codes; the writer lays the values out row-major, writes ``status`` for every cell that
has one, and picks the dense array or the sparse object form of ``value`` by how full the cube is.
What :func:`~.jsonstat.parse_jsonstat` reads back is the same cube (values, statuses, labels,
roles and units)::

    area = OutDimension("area", "Area", (("MK08", "Kymenlaakso"),), role="geo")
    month = OutDimension("period", "Month", (("2026M05", "May 2026"), ("2026M06", "June 2026")),
                         role="time")
    dataset = write_jsonstat(
        [area, month],
        {("MK08", "2026M05"): OutCell(11480), ("MK08", "2026M06"): OutCell(None, "...")},
        label="Unemployed jobseekers",
    )
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: A cube at most this many times larger than its cells is written dense (a plain array).
DENSE_UP_TO = 3


@dataclass(frozen=True)
class OutUnit:
    """A metric category's unit: its label, published decimals and an optional symbol."""

    label: str
    decimals: int
    symbol: str = ""
    position: str = ""  # "start" or "end", where the symbol goes

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"label": self.label, "decimals": self.decimals}
        if self.symbol:
            found["symbol"] = self.symbol
            found["position"] = self.position or "end"
        return found


@dataclass(frozen=True)
class OutDimension:
    """One dimension to write: its id, label, categories as (code, label) pairs in order, its
    json-stat role (``time``, ``geo``, ``metric`` or empty) and, for a metric, the units."""

    id: str
    label: str
    categories: Sequence[tuple[str, str]]
    role: str = ""
    units: Mapping[str, OutUnit] = field(default_factory=dict)


@dataclass(frozen=True)
class OutCell:
    """A cell's value (``None`` when missing) and its status symbol (``"..."``; empty if none)."""

    value: float | None
    status: str = ""


def write_jsonstat(
    dimensions: Sequence[OutDimension],
    cells: Mapping[tuple[str, ...], OutCell],
    *,
    label: str,
    source: str = "",
    updated: str = "",
    extension: Mapping[str, Any] | None = None,
    note: Sequence[str] = (),
) -> dict[str, Any]:
    """A json-stat 2.0 dataset of ``cells`` (keyed by one category code per dimension, in the
    order of ``dimensions``); cells not given are ``null`` without a status.

    Raises ``ValueError`` naming the dimension when a cell names a code its dimension lacks, and
    when two dimensions share an id or a dimension repeats a code.
    """
    ids = [dimension.id for dimension in dimensions]
    if len(set(ids)) != len(ids):
        raise ValueError(f"json-stat writer: dimension ids repeat: {ids}")
    positions: list[dict[str, int]] = []
    for dimension in dimensions:
        codes = [code for code, _label in dimension.categories]
        if len(set(codes)) != len(codes):
            raise ValueError(f"json-stat writer: dimension {dimension.id!r} repeats a code")
        positions.append({code: i for i, code in enumerate(codes)})
    sizes = [len(found) for found in positions]
    total = 1
    for size in sizes:
        total *= size

    placed: dict[int, OutCell] = {}
    for key, cell in cells.items():
        placed[_flat_index(key, dimensions, positions, sizes)] = cell

    if total <= DENSE_UP_TO * max(1, len(placed)):
        value: Any = [placed[i].value if i in placed else None for i in range(total)]
    else:
        value = {str(i): cell.value for i, cell in sorted(placed.items())}
    status = {str(i): cell.status for i, cell in sorted(placed.items()) if cell.status}

    roles: dict[str, list[str]] = {}
    for dimension in dimensions:
        if dimension.role:
            roles.setdefault(dimension.role, []).append(dimension.id)
    dataset: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "label": label,
        "source": source,
        "id": ids,
        "size": sizes,
        "role": roles,
        "dimension": {dimension.id: _dimension_json(dimension) for dimension in dimensions},
        "value": value,
    }
    if updated:
        dataset["updated"] = updated
    if status:
        dataset["status"] = status
    if note:
        dataset["note"] = list(note)
    if extension:
        dataset["extension"] = dict(extension)
    return dataset


def _flat_index(
    key: tuple[str, ...],
    dimensions: Sequence[OutDimension],
    positions: Sequence[Mapping[str, int]],
    sizes: Sequence[int],
) -> int:
    if len(key) != len(dimensions):
        raise ValueError(
            f"json-stat writer: cell {key!r} has {len(key)} codes for {len(dimensions)} dimensions"
        )
    index = 0
    for code, dimension, found, size in zip(key, dimensions, positions, sizes, strict=True):
        if code not in found:
            raise ValueError(
                f"json-stat writer: cell {key!r} names {code!r}, "
                f"not a category of dimension {dimension.id!r}"
            )
        index = index * size + found[code]
    return index


def _dimension_json(dimension: OutDimension) -> dict[str, Any]:
    category: dict[str, Any] = {
        "index": [code for code, _label in dimension.categories],
        "label": dict(dimension.categories),
    }
    if dimension.units:
        category["unit"] = {code: unit.as_json() for code, unit in dimension.units.items()}
    return {"label": dimension.label, "category": category}
