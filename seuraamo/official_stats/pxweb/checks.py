"""What a cube must satisfy before anything of it is stored: :func:`check_cube`.

Parsers check structure (sizes, indexes); this module checks content, the same way for a file
and for a live API answer:

* every code (area, content, further dimensions) is printable text (:func:`code_problem`) that
  fits its column: real codes hold ``+`` (an age ``100+``), spaces, ``/``, ``*`` and letters
  beyond ASCII, so any printable character is stored; control characters (a newline, a tab, a
  NUL), an empty code and a code with spaces around it are refused. Escaping belongs to the
  outputs: templates escape HTML, ``core.spreadsheets`` keeps a formula-like code inert in CSV and
  XLSX, URLs quote it;
* every time code is a :class:`~seuraamo.periods.Period` of one frequency (the table's, when known),
  none beginning more than a year after today (``2099`` is a mistake, not data: a page would
  announce a gap of seventy years);
* every value is a finite number within ±:data:`MAX_ABS_VALUE` (no ``Infinity``, ``NaN`` or
  integers that no database column holds).

Errors are :class:`DataError` whose message names the dimension and code, or the cell by its
codes, in one line.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

from seuraamo.periods import Frequency, Period, PeriodError

from .cube import Cube, Dimension
from .errors import JsonStatError
from .roles import Role

#: Longest code per role (the columns that store them); other dimensions share one column.
MAX_CODE_LENGTH = {Role.AREA: 20, Role.CONTENT: 50, Role.OTHER: 50, Role.TIME: 10}
#: Largest magnitude of a stored value: well beyond any count of people or euros, and exact in a
#: 64-bit float's integer range.
MAX_ABS_VALUE = 1e15


class DataError(JsonStatError):
    """The data are well-formed but hold something that must not be stored."""


def check_cube(
    cube: Cube, *, frequency: Frequency | str | None = None, today: date | None = None
) -> Frequency | None:
    """Raise :class:`DataError` for the first bad code, period or value; return the frequency.

    ``frequency`` is the one the table has (``None`` = whichever the data have, but only one).
    No period may begin more than a year after ``today`` (by default the process's local date,
    which in Seuraamo is ``django.utils.timezone.localdate()``: Django sets the process's time
    zone to ``TIME_ZONE``).
    """
    latest = latest_period_day(today or datetime.now(UTC).astimezone().date())
    found: Frequency | None = None
    for dimension in cube.dimensions:
        if dimension.role is Role.TIME:
            found = _check_periods(dimension, frequency, latest)
        else:
            _check_codes(dimension)
    _check_values(cube)
    return found


def latest_period_day(today: date) -> date:
    """The last day a stored period may begin on: a year after ``today``."""
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 1, day=28)


def code_problem(code: str) -> str:
    """What is wrong with ``code`` as a stored code, or "" when it may be stored: any printable
    characters (``100+``, ``65 - 69``, ``A/B``, ``Åland``), not empty, no spaces around it."""
    if not code:
        return "is empty"
    if not code.isprintable():
        return (
            "holds a control character or another unprintable one (only printable text is stored)"
        )
    if code != code.strip():
        return "begins or ends with a space"
    return ""


def _check_codes(dimension: Dimension) -> None:
    limit = MAX_CODE_LENGTH.get(dimension.role, MAX_CODE_LENGTH[Role.OTHER])
    for code in dimension.codes:
        problem = code_problem(code)
        if problem:
            raise DataError(f"dimension {_short(dimension.id)}: code {_short(code)} {problem}")
        if len(code) > limit:
            raise DataError(
                f"dimension {_short(dimension.id)}: code {_short(code)} is longer than "
                f"{limit} characters"
            )


def _check_periods(
    dimension: Dimension, frequency: Frequency | str | None, latest: date
) -> Frequency | None:
    expected = Frequency(frequency) if frequency is not None else None
    for code in dimension.codes:
        try:
            period = Period.parse(code, expected)
        except PeriodError as error:
            raise DataError(f"time dimension {_short(dimension.id)}: {error}") from None
        if period.iso_date() > latest.isoformat():
            raise DataError(
                f"time dimension {_short(dimension.id)}: period {period} begins more than a "
                f"year from today (after {latest.isoformat()})"
            )
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
