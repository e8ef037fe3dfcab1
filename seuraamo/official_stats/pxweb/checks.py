"""What a cube must satisfy before anything of it is stored: :func:`check_cube`.

Parsers check structure (sizes, indexes); this module checks content, the same way for a file
and for a live API answer:

* every code (area, content, further dimensions) matches :data:`CODE_PATTERN` and fits its
  column: letters, digits, ``_``, ``.`` and ``-``, starting with a letter or digit, so that no
  code can be a spreadsheet formula (``=HYPERLINK(...)``) or markup;
* every time code is a :class:`~seuraamo.periods.Period` of one frequency (the table's, when known);
* every value is a finite number within ±:data:`MAX_ABS_VALUE` (no ``Infinity``, ``NaN`` or
  integers that no database column holds).

Errors are :class:`DataError` whose message names the dimension and code, or the cell by its
codes, in one line.
"""

from __future__ import annotations

import math
import re

from seuraamo.periods import Frequency, Period, PeriodError

from .cube import Cube, Dimension
from .errors import JsonStatError
from .roles import Role

#: A category code: a letter or digit, then letters, digits, ``_``, ``.`` or ``-``.
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")
#: Longest code per role (the columns that store them); other dimensions share one column.
MAX_CODE_LENGTH = {Role.AREA: 20, Role.CONTENT: 50, Role.OTHER: 50, Role.TIME: 10}
#: Largest magnitude of a stored value: well beyond any count of people or euros, and exact in a
#: 64-bit float's integer range.
MAX_ABS_VALUE = 1e15


class DataError(JsonStatError):
    """The data are well-formed but hold something that must not be stored."""


def check_cube(cube: Cube, *, frequency: Frequency | str | None = None) -> Frequency | None:
    """Raise :class:`DataError` for the first bad code, period or value; return the frequency.

    ``frequency`` is the one the table has (``None`` = whichever the data have, but only one).
    """
    found: Frequency | None = None
    for dimension in cube.dimensions:
        if dimension.role is Role.TIME:
            found = _check_periods(dimension, frequency)
        else:
            _check_codes(dimension)
    _check_values(cube)
    return found


def _check_codes(dimension: Dimension) -> None:
    limit = MAX_CODE_LENGTH.get(dimension.role, MAX_CODE_LENGTH[Role.OTHER])
    for code in dimension.codes:
        if not CODE_PATTERN.fullmatch(code):
            raise DataError(
                f"dimension {_short(dimension.id)}: code {_short(code)} is not a code "
                "(letters, digits, '_', '.', '-', starting with a letter or digit)"
            )
        if len(code) > limit:
            raise DataError(
                f"dimension {_short(dimension.id)}: code {_short(code)} is longer than "
                f"{limit} characters"
            )


def _check_periods(dimension: Dimension, frequency: Frequency | str | None) -> Frequency | None:
    expected = Frequency(frequency) if frequency is not None else None
    for code in dimension.codes:
        try:
            period = Period.parse(code, expected)
        except PeriodError as error:
            raise DataError(f"time dimension {_short(dimension.id)}: {error}") from None
        expected = period.frequency
    return expected


def _check_values(cube: Cube) -> None:
    values = cube.values
    # Fast path in C: all ints and floats, min and max within range and not NaN (a NaN makes
    # every comparison false, so it is caught by the explicit test below).
    present = [value for value in values if value is not None]
    if not present:
        return
    if set(map(type, present)) - {int, float}:
        bad = next(v for v in present if type(v) not in (int, float))
        _fail(cube, values.index(bad), f"value {_short(bad)} is not a number")
    low, high = min(present), max(present)
    if low >= -MAX_ABS_VALUE and high <= MAX_ABS_VALUE and not any(map(math.isnan, present)):
        return
    for position, value in enumerate(values):
        if value is None:
            continue
        if not math.isfinite(value):
            _fail(cube, position, f"value {value!r} is not a finite number")
        if abs(value) > MAX_ABS_VALUE:
            _fail(cube, position, f"value {_short(value)} is out of range ±{MAX_ABS_VALUE:.0e}")


def _fail(cube: Cube, position: int, problem: str) -> None:
    coords = ", ".join(
        f"{dimension.id}={code}"
        for dimension, code in zip(cube.dimensions, cube.coords_of(position), strict=True)
    )
    raise DataError(f"cell ({coords}): {problem}")


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
