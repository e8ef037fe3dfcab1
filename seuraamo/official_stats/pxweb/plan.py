"""Split a selection into the fewest queries the cell limit allows, and merge the answers.

Guarantees of :func:`plan_queries` (``L = ceil(total_cells / max_cells)`` is the lower bound):

1. Every query selects at most ``max_cells`` cells, and the queries cover the selection exactly
   once (no cell twice, none left out).
2. If one time value fits (``other_cells <= max_cells``), the selection is chunked along the time
   variable with the largest chunk ``k = max_cells // other_cells``, i.e. ``ceil(n_time / k)``
   queries. When that is more than ``L``, plans that first cut one other variable into two groups
   (each group chunked along time on its own) are tried too, and the smallest plan is taken, so
   the result is never more than the time-only count and equals ``L`` whenever time chunking
   reaches it. Example: 12r5, 421 areas x 210 months x 23 codes = 2 033 430 cells at 120 000:
   time-only gives 18 queries of 12 months; the two-group plan (347 areas in chunks of 15 months
   + 74 areas in chunks of 70 months) gives 14 + 3 = 17 = L.
3. If even one time value exceeds the limit, time and the largest other variable are chunked
   together (choosing the group size that minimises the query count); if one value of that
   variable with one time value still exceeds the limit, each of its values is planned
   separately, recursively.
4. Without a time variable, the largest variable plays its part.

Queries keep the table order of values, and time chunks run from old to new.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from .cube import Cube, Dimension, Number
from .errors import PxWebError, TableChangedError
from .metadata import ResolvedSelection, Selection, TableMetadata, count_cells, values_since
from .roles import Role
from .sizes import check_size


@dataclass(frozen=True)
class QueryPlan:
    """The queries to send, in order, with the numbers behind them."""

    queries: list[ResolvedSelection]
    selection: ResolvedSelection
    total_cells: int
    max_cells: int
    strategy: str

    @property
    def lower_bound(self) -> int:
        return max(1, math.ceil(self.total_cells / self.max_cells))

    def __len__(self) -> int:
        return len(self.queries)

    def __iter__(self) -> Iterator[ResolvedSelection]:
        return iter(self.queries)


def plan_queries(
    metadata: TableMetadata,
    selection: Selection | None,
    max_cells: int,
    *,
    since: str | None = None,
    allow_group_split: bool = True,
) -> QueryPlan:
    """Plan the queries for ``selection`` (see the module docstring for the guarantees).

    ``since`` keeps only time values ``>=`` it (e.g. ``"2025M01"``).
    """
    if max_cells < 1:
        raise PxWebError("max_cells must be at least 1")
    resolved = metadata.resolve(selection)
    time_variable = metadata.variable_for(Role.TIME)
    time_code = time_variable.code if time_variable else None
    if since is not None:
        if time_code is None:
            raise PxWebError(f"table {metadata.table_id} has no time variable for since={since!r}")
        resolved[time_code] = values_since(resolved[time_code], since)
        if not resolved[time_code]:
            raise PxWebError(f"table {metadata.table_id} has no time values since {since!r}")
    queries, strategy = plan_selection(resolved, time_code, max_cells, allow_group_split)
    return QueryPlan(queries, resolved, count_cells(resolved), max_cells, strategy)


def plan_selection(
    box: ResolvedSelection, time_code: str | None, max_cells: int, allow_group_split: bool = True
) -> tuple[list[ResolvedSelection], str]:
    """The queries for an explicit selection and the name of the strategy used."""
    total = count_cells(box)
    if total <= max_cells:
        return [box], "single"
    chunk_code = time_code if time_code is not None else _largest(box, exclude=None)
    per_value = total // len(box[chunk_code])
    if per_value <= max_cells:
        queries = _chunk(box, chunk_code, max_cells // per_value)
        strategy = "time" if chunk_code == time_code else f"chunk:{chunk_code}"
        if allow_group_split and len(queries) > math.ceil(total / max_cells):
            split = _best_group_split(box, chunk_code, max_cells)
            if split is not None and len(split[0]) < len(queries):
                return split
        return queries, strategy
    return _plan_oversized(box, time_code, chunk_code, max_cells), "nested"


def _largest(box: ResolvedSelection, exclude: str | None) -> str:
    candidates = [code for code in box if code != exclude and len(box[code]) > 1]
    if not candidates:
        raise PxWebError("cannot split the selection any further")
    return max(candidates, key=lambda code: len(box[code]))


def _chunk(box: ResolvedSelection, code: str, size: int) -> list[ResolvedSelection]:
    values = box[code]
    return [{**box, code: values[start : start + size]} for start in range(0, len(values), size)]


def _chunks_needed(count: int, cells_per_value: int, max_cells: int) -> float:
    if cells_per_value > max_cells:
        return math.inf
    return math.ceil(count / (max_cells // cells_per_value))


def _best_group_split(
    box: ResolvedSelection, chunk_code: str, max_cells: int
) -> tuple[list[ResolvedSelection], str] | None:
    """Cut one other variable into two groups, each chunked along ``chunk_code``; best such plan."""
    n_chunk = len(box[chunk_code])
    per_value = count_cells(box) // n_chunk
    best: tuple[float, str, int] | None = None
    for code in box:
        size = len(box[code])
        if code == chunk_code or size < 2:
            continue
        rest = per_value // size
        for first in range(1, size):
            cost = _chunks_needed(n_chunk, first * rest, max_cells) + _chunks_needed(
                n_chunk, (size - first) * rest, max_cells
            )
            if best is None or cost < best[0]:
                best = (cost, code, first)
    if best is None or best[0] == math.inf:
        return None
    _, code, first = best
    queries = []
    for group in (box[code][:first], box[code][first:]):
        part = {**box, code: group}
        queries += _chunk(part, chunk_code, max_cells // (count_cells(part) // n_chunk))
    return queries, f"two-group:{code}"


def _plan_oversized(
    box: ResolvedSelection, time_code: str | None, chunk_code: str, max_cells: int
) -> list[ResolvedSelection]:
    """One value of ``chunk_code`` exceeds the limit: chunk it jointly with another variable."""
    other = _largest(box, exclude=chunk_code)
    n_chunk, n_other = len(box[chunk_code]), len(box[other])
    rest = count_cells(box) // (n_chunk * n_other)
    if rest > max_cells:
        return [
            query
            for value in box[other]
            for query in plan_selection({**box, other: [value]}, time_code, max_cells, False)[0]
        ]
    best_group, best_cost = 1, math.inf
    for group in range(1, min(n_other, max_cells // rest) + 1):
        per_chunk_value = group * rest
        cost = math.ceil(n_other / group) * math.ceil(n_chunk / (max_cells // per_chunk_value))
        if cost < best_cost:
            best_group, best_cost = group, cost
    k = max_cells // (best_group * rest)
    return [
        query for part in _chunk(box, other, best_group) for query in _chunk(part, chunk_code, k)
    ]


# -- merging -------------------------------------------------------------------------------------


def merge_cubes(pieces: Sequence[Cube], order: Mapping[str, Sequence[str]] | None = None) -> Cube:
    """One cube from the answers to a plan's queries.

    Category order follows ``order`` (the plan's selection) where given, then first appearance.
    All pieces must have the same dimension ids in the same order
    (:class:`TableChangedError` otherwise).
    """
    if not pieces:
        raise PxWebError("nothing to merge")
    first = pieces[0]
    for piece in pieces[1:]:
        if piece.ids != first.ids:
            raise TableChangedError(
                f"answers disagree on the dimensions: {first.ids} and then {piece.ids}"
            )
    if len(pieces) == 1 and order is None:
        return first
    dimensions = [_merged_dimension(pieces, n, order) for n in range(len(first.dimensions))]
    values: list[Number | None] = [None] * check_size(
        [d.size for d in dimensions], sum(len(piece) for piece in pieces)
    )
    statuses: dict[int, str] = {}
    merged = Cube(
        dimensions,
        values,
        statuses,
        first.label,
        first.source,
        first.updated,
        first.table_id,
        list(first.notes),
        dict(first.extension),
    )
    for piece in pieces:
        _place(piece, merged)
    return merged


def _merged_dimension(
    pieces: Sequence[Cube], position: int, order: Mapping[str, Sequence[str]] | None
) -> Dimension:
    template = pieces[0].dimensions[position]
    codes = list((order or {}).get(template.id, ()))
    seen = set(codes)
    labels, units, notes = {}, {}, {}
    for piece in pieces:
        dimension = piece.dimensions[position]
        for code in dimension.codes:
            if code not in seen:
                seen.add(code)
                codes.append(code)
        labels.update(dimension.labels)
        units.update(dimension.units)
        notes.update(dimension.notes)
    return Dimension(
        id=template.id,
        label=template.label,
        codes=codes,
        labels={code: labels.get(code, code) for code in codes},
        role=template.role,
        units=units,
        notes=notes,
        lang=template.lang,
        translations=dict(template.translations),
    )


def _place(piece: Cube, merged: Cube) -> None:
    """Copy ``piece``'s cells into ``merged``; whole runs of the last dimension at once."""
    if not piece.values:
        return
    if not piece.dimensions:
        merged.values[0] = piece.values[0]
        merged.statuses.update(piece.statuses)
        return
    maps = [
        [target.position(code) for code in source.codes]
        for source, target in zip(piece.dimensions, merged.dimensions, strict=True)
    ]
    strides = merged.strides
    inner = maps[-1]
    width = len(inner)
    contiguous = inner == list(range(inner[0], inner[0] + width))
    source_values, target_values = piece.values, merged.values
    start = 0
    for outer in itertools.product(*maps[:-1]):
        base = sum(p * s for p, s in zip(outer, strides, strict=False))
        if contiguous:
            target_values[base + inner[0] : base + inner[0] + width] = source_values[
                start : start + width
            ]
        else:
            for offset, target in enumerate(inner):
                target_values[base + target] = source_values[start + offset]
        start += width
    piece_strides = piece.strides
    for flat, status in piece.statuses.items():
        target = 0
        for mapping, stride, merged_stride in zip(maps, piece_strides, strides, strict=True):
            position, flat = divmod(flat, stride)
            target += mapping[position] * merged_stride
        merged.statuses[target] = status
