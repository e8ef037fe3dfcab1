"""One value type for statistical and reporting periods: :class:`Period` (month, quarter,
half-year, year).

Codes as StatFin writes them: ``2026M06`` (month), ``2024Q2`` (quarter), ``2024H1`` (half-year)
and ``2025`` (year). A Period parses its code (:meth:`Period.parse`, optionally for one expected
frequency), names itself per language (fi, sv, en), orders and compares as a value, and shifts by
whole periods (:meth:`Period.shift`, ``period + 3``).

A Period *is* its code as text (a ``str`` subclass): wherever text is wanted — a URL, a JSON
answer, a dictionary key, a database column — it is the code, and equal to it. The codes are
written so that text order is time order within a frequency (four-digit years, two-digit
months), which is why the database column (:class:`seuraamo.core.fields.PeriodField`) sorts and
compares periods correctly as text.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache
from typing import Any, overload

from .names import HALF_YEAR, MONTHS, QUARTER


class Frequency(StrEnum):
    """How often a period recurs; the value is the letter in the period code (``Y`` has none)."""

    MONTH = "M"
    QUARTER = "Q"
    HALF_YEAR = "H"
    YEAR = "Y"

    @property
    def per_year(self) -> int:
        return _PER_YEAR[self.value]


_PER_YEAR = {"M": 12, "Q": 4, "H": 2, "Y": 1}


class PeriodError(ValueError):
    """Text that is not a period code (of the expected frequency)."""


#: The earliest and latest years accepted: beyond them a code is a typo, not a statistic.
FIRST_YEAR = 1800
LAST_YEAR = 2200

_CODE = re.compile(r"(\d{4})(?:(M)(0[1-9]|1[0-2])|(Q)([1-4])|(H)([12]))?")
#: The form of a period code, for documents such as the OpenAPI description (the years are
#: further limited to FIRST_YEAR–LAST_YEAR).
PERIOD_PATTERN = r"^\d{4}(M(0[1-9]|1[0-2])|Q[1-4]|H[12])?$"
_EXAMPLES = {
    Frequency.MONTH: "2026M06",
    Frequency.QUARTER: "2024Q2",
    Frequency.HALF_YEAR: "2024H1",
    Frequency.YEAR: "2025",
}


class Period(str):
    """A period: ``year``, ``frequency`` and ``number`` within the year (1 for a year).

    Periods of one frequency order chronologically; comparing periods of different frequencies
    raises ``TypeError`` (is 2024Q2 before or after 2024M05?).
    """

    year: int
    frequency: Frequency
    number: int

    def __new__(cls, year: int, frequency: Frequency | str, number: int = 1) -> Period:
        frequency = Frequency(frequency)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise PeriodError(f"year {year} is outside {FIRST_YEAR}–{LAST_YEAR}")
        if not 1 <= number <= frequency.per_year:
            raise PeriodError(f"{frequency.name.lower()} {number} does not exist")
        period = super().__new__(cls, _code(year, frequency, number))
        object.__setattr__(period, "year", year)
        object.__setattr__(period, "frequency", frequency)
        object.__setattr__(period, "number", number)
        return period

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Period cannot be changed (tried to set {name})")

    def __reduce__(self) -> tuple[Any, ...]:
        return (Period, (self.year, self.frequency, self.number))

    def __repr__(self) -> str:
        return f"Period({self.code!r})"

    # -- parsing -----------------------------------------------------------------------------

    @classmethod
    def parse(cls, code: object, frequency: Frequency | str | None = None) -> Period:
        """The period of ``code``; with ``frequency``, a code of another frequency is an error.

        Raises :class:`PeriodError` with a message that quotes the code (shortened) and gives
        an example of the expected form.
        """
        expected = Frequency(frequency) if frequency is not None else None
        if isinstance(code, Period):
            period: Period | None = code
        else:
            period = _period_of_code(code) if isinstance(code, str) and len(code) <= 7 else None
        if period is None:
            raise PeriodError(f"{_quote(code)} is not a period like {_example(expected)}")
        if expected is not None and period.frequency is not expected:
            raise PeriodError(
                f"{_quote(code)} is a {period.frequency.name.lower().replace('_', '-')}, "
                f"expected a period like {_example(expected)}"
            )
        return period

    @classmethod
    def is_valid(cls, code: object, frequency: Frequency | str | None = None) -> bool:
        try:
            cls.parse(code, frequency)
        except PeriodError:
            return False
        return True

    # -- text --------------------------------------------------------------------------------

    @property
    def code(self) -> str:
        """The code as plain text."""
        return str.__str__(self)

    def __str__(self) -> str:
        return self.code

    def label(self, language: str = "fi") -> str:
        """``2026M06`` → "kesäkuu 2026", "juni 2026", "June 2026"; quarters and half-years
        written out ("2. neljännes 2024", "kvartal 2 2024", "Q2 2024"); years as digits."""
        language = language if language in MONTHS else "en"
        if self.frequency is Frequency.MONTH:
            return f"{MONTHS[language][self.number - 1]} {self.year}"
        if self.frequency is Frequency.QUARTER:
            return QUARTER[language].format(n=self.number, year=self.year)
        if self.frequency is Frequency.HALF_YEAR:
            return HALF_YEAR[language].format(n=self.number, year=self.year)
        return str(self.year)

    def iso_date(self) -> str:
        """The first day of the period, ``2026M06`` → ``2026-06-01``."""
        return f"{self.year}-{self.first_month:02d}-01"

    @property
    def first_month(self) -> int:
        return (self.number - 1) * (12 // self.frequency.per_year) + 1

    # -- order and arithmetic ----------------------------------------------------------------

    @property
    def ordinal(self) -> int:
        """Periods since year 0 in this frequency: consecutive periods differ by one."""
        return self.year * self.frequency.per_year + self.number - 1

    def shift(self, steps: int) -> Period:
        """The period ``steps`` periods later (earlier if negative), in the same frequency."""
        year, index = divmod(self.ordinal + steps, self.frequency.per_year)
        return Period(year, self.frequency, index + 1)

    def year_earlier(self) -> Period:
        return self.shift(-self.frequency.per_year)

    @overload  # type: ignore[override]
    def __add__(self, other: int) -> Period: ...
    @overload
    def __add__(self, other: str) -> str: ...
    def __add__(self, other: int | str) -> str:
        if isinstance(other, str):
            return self.code + other
        return self.shift(other)

    @overload
    def __sub__(self, other: int) -> Period: ...
    @overload
    def __sub__(self, other: Period) -> int: ...
    def __sub__(self, other: int | Period) -> Period | int:
        if isinstance(other, Period):
            self._same_frequency(other)
            return self.ordinal - other.ordinal
        if isinstance(other, int):
            return self.shift(-other)
        return NotImplemented

    # Text order is time order within a frequency; across frequencies it means nothing.
    def __lt__(self, other: str) -> bool:
        self._same_frequency(other)
        return str.__lt__(self, other)

    def __le__(self, other: str) -> bool:
        self._same_frequency(other)
        return str.__le__(self, other)

    def __gt__(self, other: str) -> bool:
        self._same_frequency(other)
        return str.__gt__(self, other)

    def __ge__(self, other: str) -> bool:
        self._same_frequency(other)
        return str.__ge__(self, other)

    __hash__ = str.__hash__
    __eq__ = str.__eq__

    def _same_frequency(self, other: object) -> None:
        if isinstance(other, Period) and other.frequency is not self.frequency:
            raise TypeError(f"cannot compare {self.code} with {other.code}: different frequencies")


def _code(year: int, frequency: Frequency, number: int) -> str:
    if frequency is Frequency.YEAR:
        return str(year)
    if frequency is Frequency.MONTH:
        return f"{year}M{number:02d}"
    return f"{year}{frequency.value}{number}"


def period_key(code: str) -> tuple[int, int]:
    """A sort key for period codes of one frequency (``PeriodError`` for anything else)."""
    period = Period.parse(code)
    return period.year, period.number


def frequency_of(code: str) -> Frequency:
    return Period.parse(code).frequency


def _example(frequency: Frequency | None) -> str:
    if frequency is not None:
        return _EXAMPLES[frequency]
    return ", ".join(_EXAMPLES.values())


@lru_cache(maxsize=16_384)
def _period_of_code(code: str) -> Period | None:
    """The period a code names, or None. Cached: the situation page over the snapshot parses
    21 000 codes, 218 of them distinct (0.15 s of its 0.75 s). Periods are immutable, so sharing
    them is safe; a code whose year is out of range raises PeriodError, which is not cached."""
    match = _CODE.fullmatch(code)
    if match is None:
        return None
    year, *parts = match.groups()
    letter, number = next(((parts[i], parts[i + 1]) for i in (0, 2, 4) if parts[i]), ("Y", "1"))
    return Period(int(year), Frequency(letter), int(number))


def _quote(code: object) -> str:
    text = repr(code)
    return text if len(text) <= 40 else text[:37] + "..."
