"""The common in-memory form of a statistics table: a :class:`Cube` of :class:`Dimension` objects.

Every parser (json-stat 1/2, PxWeb ``json``, long CSV) and every client returns a ``Cube``.

Layout
    ``cube.values`` is one flat list, row-major over ``cube.dimensions`` exactly like json-stat:
    the last dimension varies fastest, so the cell at category positions ``(p0, p1, ..., pn)`` is
    ``values[p0 * strides[0] + p1 * strides[1] + ... + pn]``. A value is an ``int``/``float`` as
    the source gave it, or ``None`` when the cell is missing or suppressed. Missing is never zero.
    ``cube.statuses`` maps a flat index to its status symbol (``"..."`` = suppressed at StatFin);
    cells without a status are absent from it.

Iterating
    ``for cell in cube.iter_cells(): cell.coords, cell.value, cell.status`` gives the codes of
    every dimension in order. ``cube.iter_role_cells()`` gives ``RoleCell(area, time, content,
    others, value, status)`` with the codes of the area, time and content dimensions picked out
    (``None`` where the table has no such dimension), which is what a database sync wants::

        for cell in cube.iter_role_cells(skip_missing=False):
            save(area=cell.area, period=cell.time, content=cell.content, value=cell.value,
                 status=cell.status)

    ``cube.value({"Alue": "MK08", "timeperiod_m": "2026M06", "contentscode": "TYOTOSUUS"})``
    reads one cell; keys may also be role names (``{"area": ..., "time": ..., "content": ...}``).

Labels and languages
    ``dimension.label`` and ``dimension.labels[code]`` are in the language the data came in
    (``dimension.lang``, when known). :func:`~seuraamo.official_stats.pxweb.metadata.add_language`
    (done by ``fetch_table(..., languages=("fi", "sv", "en"))``) stores further languages;
    read them with ``dimension.label_in("sv")`` and ``dimension.category_label("MK08", "sv")``,
    which fall back to the primary language and then to the code.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

from .errors import JsonStatError
from .roles import Role

Number = int | float
_NONES = itertools.repeat(None)


@dataclass(frozen=True)
class Unit:
    """Unit of a content (metric) category: json-stat ``category.unit[code]``."""

    label: str | None = None
    decimals: int | None = None


@dataclass
class DimensionText:
    """A dimension's label and category labels in one language."""

    label: str
    labels: dict[str, str]


@dataclass(eq=False)
class Dimension:
    """One dimension (PxWeb variable) of a cube.

    ``codes`` are the category codes in cube order; ``labels`` maps code to label in the primary
    language ``lang``; ``units`` is filled for content categories when the source gives units;
    ``notes`` maps code to a category note/comment; ``translations`` holds other languages.
    """

    id: str
    label: str
    codes: list[str]
    labels: dict[str, str] = field(default_factory=dict)
    role: Role = Role.OTHER
    units: dict[str, Unit] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    lang: str | None = None
    translations: dict[str, DimensionText] = field(default_factory=dict)
    _positions: dict[str, int] | None = field(default=None, init=False, repr=False)

    @property
    def size(self) -> int:
        return len(self.codes)

    def position(self, code: str) -> int:
        """Position of ``code`` in :attr:`codes`; ``KeyError`` names the dimension if absent."""
        if self._positions is None or len(self._positions) != len(self.codes):
            self._positions = {value: index for index, value in enumerate(self.codes)}
        try:
            return self._positions[code]
        except KeyError:
            raise KeyError(f"dimension {self.id!r} has no category {code!r}") from None

    def label_in(self, lang: str | None = None) -> str:
        """The dimension label in ``lang`` (primary language if not translated)."""
        if lang is not None and lang != self.lang and lang in self.translations:
            return self.translations[lang].label
        return self.label

    def category_label(self, code: str, lang: str | None = None) -> str:
        """The label of category ``code`` in ``lang``; falls back to the primary label, the code."""
        if lang is not None and lang != self.lang and lang in self.translations:
            translated = self.translations[lang].labels.get(code)
            if translated:
                return translated
        return self.labels.get(code) or code

    def add_translation(self, lang: str, label: str, labels: Mapping[str, str]) -> None:
        self.translations[lang] = DimensionText(label=label, labels=dict(labels))


class Cell(NamedTuple):
    """One cell: the category code of every dimension (cube order), its value and status."""

    coords: tuple[str, ...]
    value: Number | None
    status: str | None


class RoleCell(NamedTuple):
    """One cell with the codes of the area, time and content dimensions picked out.

    ``others`` holds the codes of the remaining dimensions in cube order
    (see :meth:`Cube.other_dimensions`).
    """

    area: str | None
    time: str | None
    content: str | None
    others: tuple[str, ...]
    value: Number | None
    status: str | None


_CellT = TypeVar("_CellT", Cell, RoleCell)


@dataclass(eq=False)
class Cube:
    """A dense table of cells over ordered dimensions; see the module docstring for the layout."""

    dimensions: list[Dimension]
    values: list[Number | None]
    statuses: dict[int, str] = field(default_factory=dict)
    label: str = ""
    source: str = ""
    updated: str | None = None
    table_id: str | None = None
    notes: list[str] = field(default_factory=list)
    extension: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        expected = math.prod(self.shape)
        if len(self.values) != expected:
            raise JsonStatError(
                f"cube has {len(self.values)} values but the sizes {self.shape} give "
                f"{expected} cells"
            )

    # -- shape -----------------------------------------------------------------------------

    @property
    def ids(self) -> list[str]:
        return [dimension.id for dimension in self.dimensions]

    @property
    def shape(self) -> list[int]:
        return [dimension.size for dimension in self.dimensions]

    @property
    def strides(self) -> list[int]:
        """Flat-index step of each dimension (the last dimension has stride 1)."""
        strides = [1] * len(self.dimensions)
        for position in range(len(self.dimensions) - 2, -1, -1):
            strides[position] = strides[position + 1] * self.dimensions[position + 1].size
        return strides

    def __len__(self) -> int:
        return len(self.values)

    # -- dimensions --------------------------------------------------------------------------

    def dimension(self, key: str) -> Dimension:
        """The dimension with id ``key``, or the one with role ``key`` (``"time"`` ...)."""
        for dimension in self.dimensions:
            if dimension.id == key:
                return dimension
        for dimension in self.dimensions:
            if dimension.role == key and dimension.role is not Role.OTHER:
                return dimension
        raise KeyError(f"cube has no dimension or role {key!r}; dimensions: {self.ids}")

    def dimension_for(self, role: Role | str) -> Dimension | None:
        """The dimension with ``role``, or ``None``."""
        return next((d for d in self.dimensions if d.role == role), None)

    def other_dimensions(self) -> list[Dimension]:
        """Dimensions that are not the area, time or content dimension, in cube order."""
        special = {Role.AREA, Role.TIME, Role.CONTENT}
        return [d for d in self.dimensions if d.role not in special]

    # -- single cells ------------------------------------------------------------------------

    def index(self, coords: Mapping[str, str] | Sequence[str]) -> int:
        """Flat index of a cell given codes in cube order or a mapping id/role -> code."""
        if isinstance(coords, Mapping):
            by_position = self._codes_by_position(coords)
        else:
            if len(coords) != len(self.dimensions):
                raise KeyError(f"expected {len(self.dimensions)} codes, got {len(coords)}")
            by_position = list(coords)
        flat = 0
        for dimension, stride, code in zip(self.dimensions, self.strides, by_position, strict=True):
            flat += dimension.position(code) * stride
        return flat

    def _codes_by_position(self, coords: Mapping[str, str]) -> list[str]:
        codes: list[str | None] = [None] * len(self.dimensions)
        for key, code in coords.items():
            codes[self.dimensions.index(self.dimension(key))] = code
        filled: list[str] = []
        missing: list[str] = []
        for dimension, given in zip(self.dimensions, codes, strict=True):
            if given is None and dimension.size == 1:
                given = dimension.codes[0]  # a single-category dimension needs no code
            if given is None:
                missing.append(dimension.id)
            else:
                filled.append(given)
        if missing:
            raise KeyError(f"no code given for dimension(s) {missing}")
        return filled

    def value(self, coords: Mapping[str, str] | Sequence[str]) -> Number | None:
        return self.values[self.index(coords)]

    def status(self, coords: Mapping[str, str] | Sequence[str]) -> str | None:
        return self.statuses.get(self.index(coords))

    def cell(self, coords: Mapping[str, str] | Sequence[str]) -> Cell:
        flat = self.index(coords)
        codes = self.coords_of(flat)
        return Cell(codes, self.values[flat], self.statuses.get(flat))

    def coords_of(self, flat: int) -> tuple[str, ...]:
        """The codes of the cell at flat index ``flat``."""
        codes = []
        for dimension, stride in zip(self.dimensions, self.strides, strict=True):
            position, flat = divmod(flat, stride)
            codes.append(dimension.codes[position])
        return tuple(codes)

    # -- iteration ---------------------------------------------------------------------------

    def iter_cells(self, *, skip_missing: bool = False) -> Iterator[Cell]:
        """Every cell in flat order; ``skip_missing`` leaves out cells whose value is ``None``.

        Built from C-level iterators (no Python code runs per cell), so iterating costs about
        as much as creating the tuples.
        """
        coords = itertools.product(*(d.codes for d in self.dimensions))
        rows = zip(coords, self.values, self._status_column(), strict=False)  # status may repeat
        return self._cells(Cell, rows, skip_missing)

    def iter_role_cells(self, *, skip_missing: bool = False) -> Iterator[RoleCell]:
        """Every cell as a :class:`RoleCell` (area, time, content codes picked out)."""
        by_role: dict[Role, int] = {
            d.role: n for n, d in enumerate(self.dimensions) if d.role is not Role.OTHER
        }
        others = [n for n, d in enumerate(self.dimensions) if n not in by_role.values()]
        role_columns = [
            self._code_column_or_none(by_role.get(role))
            for role in (Role.AREA, Role.TIME, Role.CONTENT)
        ]
        other_columns = [self._code_column(n) for n in others]
        other_column = zip(*other_columns, strict=True) if others else None
        rows = zip(
            *role_columns,
            other_column if other_column is not None else itertools.repeat(()),
            self.values,
            self._status_column(),
            strict=False,  # the repeat() columns are endless; values bound the length
        )
        return self._cells(RoleCell, rows, skip_missing)

    def _cells(
        self, kind: type[_CellT], rows: Iterator[tuple[Any, ...]], skip: bool
    ) -> Iterator[_CellT]:
        cells = map(tuple.__new__, itertools.repeat(kind), rows)
        if skip:
            return itertools.compress(cells, map(operator.is_not, self.values, _NONES))
        return cells

    def _status_column(self) -> Iterable[str | None]:
        if not self.statuses:
            return _NONES
        column: list[str | None] = [None] * len(self.values)
        for flat, status in self.statuses.items():
            column[flat] = status
        return column

    def _code_column_or_none(self, position: int | None) -> Iterator[str | None]:
        """:meth:`_code_column`, or ``None`` for every cell when there is no such dimension."""
        if position is None:
            return itertools.repeat(None)
        return self._code_column(position)

    def _code_column(self, position: int) -> Iterator[str]:
        """The code of dimension ``position`` for every cell, in flat order."""
        inner = math.prod(self.shape[position + 1 :])
        outer = math.prod(self.shape[:position])
        block = [code for code in self.dimensions[position].codes for _ in range(inner)]
        return itertools.chain.from_iterable(itertools.repeat(block, outer))

    def to_columns(self) -> dict[str, list[Any]]:
        """Long columnar form: one list per dimension id plus ``"value"`` and ``"status"``."""
        columns: dict[str, list[Any]] = {d.id: [] for d in self.dimensions}
        repeat_outer = 1
        for position, dimension in enumerate(self.dimensions):
            inner = math.prod(self.shape[position + 1 :])
            # Each code repeated `inner` times, built in C (a comprehension costs a Python step
            # per cell, most of this method's time on a national answer).
            block = list(
                itertools.chain.from_iterable(
                    map(itertools.repeat, dimension.codes, itertools.repeat(inner))
                )
            )
            columns[dimension.id] = block * repeat_outer
            repeat_outer *= dimension.size
        columns["value"] = list(self.values)
        status = self._status_column()
        columns["status"] = status if isinstance(status, list) else [None] * len(self.values)
        return columns
