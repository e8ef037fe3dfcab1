"""Read long-format CSV (one cell per line) into a Cube.

Header: the dimension columns, then ``value`` (and optionally ``status``), e.g.
``Alue,timeperiod_m,contentscode,value``. An empty value is missing (``None``); a PX symbol such
as ``...`` is missing with that symbol as status. Category codes keep their order of first
appearance. Combinations not present in the file are missing cells. ``.gz`` paths are
decompressed. Errors raise :class:`JsonStatError` naming the line.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .cube import Cube, Dimension, Number
from .errors import JsonStatError
from .numbers import parse_cell_text
from .roles import RoleEvidence, resolve_roles
from .sizes import check_size


def read_csv_long(
    source: str | os.PathLike[str] | IO[str],
    *,
    value_column: str = "value",
    status_column: str = "status",
    delimiter: str = ",",
) -> Cube:
    """Read a long CSV from a path (``.gz`` allowed) or an open text stream."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8", newline="") as stream:
            return _read(stream, value_column, status_column, delimiter)
    return _read(source, value_column, status_column, delimiter)


def parse_csv_long(text: str, **options: str) -> Cube:
    """:func:`read_csv_long` on CSV text."""
    return read_csv_long(io.StringIO(text), **options)


def _read(stream: Iterable[str], value_column: str, status_column: str, delimiter: str) -> Cube:
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise JsonStatError(f"CSV line 1: {error}") from None
    if not header:
        raise JsonStatError("CSV line 1: no header")
    header = [name.strip().lstrip("\ufeff") for name in header]
    if value_column not in header:
        raise JsonStatError(f"CSV line 1: no {value_column!r} column in header {header}")
    value_at = header.index(value_column)
    status_at = header.index(status_column) if status_column in header else None
    key_at = [n for n, name in enumerate(header) if n not in (value_at, status_at)]
    codes: list[dict[str, int]] = [{} for _ in key_at]
    try:
        rows = list(_rows(reader, len(header), key_at, codes, value_at, status_at))
    except csv.Error as error:
        raise JsonStatError(f"CSV line {reader.line_num + 1}: {error}") from None
    dimensions = _dimensions([header[n] for n in key_at], codes)
    return _assemble(dimensions, rows)


Row = tuple[int, tuple[int, ...], Number | None, str | None]


def _rows(
    reader: Iterator[list[str]],
    width: int,
    key_at: list[int],
    codes: list[dict[str, int]],
    value_at: int,
    status_at: int | None,
) -> Iterator[Row]:
    for fields in reader:
        line = reader.line_num  # type: ignore[attr-defined]
        if not fields:
            continue
        if len(fields) != width:
            raise JsonStatError(f"CSV line {line}: expected {width} fields, got {len(fields)}")
        positions = []
        for seen, n in zip(codes, key_at, strict=True):
            code = fields[n]
            if code not in seen:
                seen[code] = len(seen)
            positions.append(seen[code])
        text = fields[value_at].strip()
        try:
            value, status = parse_cell_text(text)
        except ValueError:
            raise JsonStatError(f"CSV line {line}: value {text!r} is not a number") from None
        if status_at is not None and fields[status_at]:
            status = fields[status_at]
        yield line, tuple(positions), value, status


def _dimensions(ids: list[str], codes: list[dict[str, int]]) -> list[Dimension]:
    dimensions = [
        Dimension(id=dim_id, label=dim_id, codes=list(seen), labels={c: c for c in seen})
        for dim_id, seen in zip(ids, codes, strict=True)
    ]
    evidence = [RoleEvidence(code=d.id, values=d.codes) for d in dimensions]
    for dimension, role in zip(dimensions, resolve_roles(evidence), strict=True):
        dimension.role = role
    return dimensions


def _assemble(dimensions: list[Dimension], rows: list[Row]) -> Cube:
    sizes = [d.size for d in dimensions]
    cells = check_size(sizes, len(rows))
    values: list[Number | None] = [None] * cells
    statuses: dict[int, str] = {}
    first_line = [0] * cells
    for line, positions, value, status in rows:
        flat = 0
        for size, position in zip(sizes, positions, strict=True):
            flat = flat * size + position
        if first_line[flat]:
            coords = ", ".join(d.codes[p] for d, p in zip(dimensions, positions, strict=True))
            raise JsonStatError(
                f"CSV line {line}: repeats the cell ({coords}) first given on line "
                f"{first_line[flat]}"
            )
        first_line[flat] = line
        values[flat] = value
        if status is not None:
            statuses[flat] = status
    return Cube(dimensions=dimensions, values=values, statuses=statuses)
