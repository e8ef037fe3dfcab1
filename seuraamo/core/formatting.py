"""Numbers and months written the way each interface language writes them.

Finnish and Swedish group thousands with a no-break space and use a decimal comma, with a no-break
space before the percent sign ("10 153", "14,4 %"); English uses a comma and a point with the
percent sign attached ("10,153", "14.4%"). The no-break spaces (U+00A0) are Django's own thousand
separators for fi and sv, and keep a figure on one line.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import get_format

from seuraamo.core.translation import active_content_language
from seuraamo.periods import Frequency, Period, PeriodError, names

NBSP = "\u00a0"
MINUS = "\u2212"


def current_language() -> str:
    return active_content_language()


def rounded(value: float, decimals: int) -> Decimal:
    """Half-up rounding, as Statistics Finland rounds (14.35 -> 14.4), not banker's rounding."""
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(
    value: float | None,
    decimals: int = 0,
    language: str | None = None,
    *,
    signed: bool = False,
) -> str:
    """``10153`` -> "10 153" (fi, sv) or "10,153" (en); ``None`` -> "". ``signed`` adds "+"."""
    if value is None:
        return ""
    language = language or current_language()
    number = rounded(value, decimals)
    if number == 0:
        number = abs(number)  # no "-0,0"
    sign = "-" if number < 0 else ("+" if signed and number > 0 else "")
    integer, _dot, fraction = f"{abs(number):.{decimals}f}".partition(".")
    separator = str(get_format("THOUSAND_SEPARATOR", language))
    groups: list[str] = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    text = separator.join(groups)
    if fraction:
        text += str(get_format("DECIMAL_SEPARATOR", language)) + fraction
    if sign == "-" and language in ("fi", "sv"):
        sign = MINUS  # the typographic minus of Finnish and Swedish style guides
    return sign + text


def format_percent(
    value: float | None,
    decimals: int = 1,
    language: str | None = None,
    *,
    signed: bool = False,
) -> str:
    """``14.37`` -> "14,4 %" (fi, sv) or "14.4%" (en)."""
    if value is None:
        return ""
    language = language or current_language()
    number = format_number(value, decimals, language, signed=signed)
    return f"{number}%" if language == "en" else f"{number}{NBSP}%"


def format_value(value: float | None, unit: str, decimals: int, language: str | None = None) -> str:
    """A cell in the unit's style: percentages with the sign, counts grouped."""
    if unit == "percent":
        return format_percent(value, decimals, language)
    return format_number(value, decimals, language)


def period_date(period: str) -> str:
    """``2021M06`` -> ``2021-06-01`` (the ISO date Vega-Lite reads as a month); other text unchanged."""
    month = _month(period)
    return month.iso_date() if month else period


def month_name(period: str, language: str | None = None) -> str:
    """``2026M06`` -> "kesäkuu 2026", "juni 2026", "June 2026"; other periods unchanged."""
    month = _month(period)
    return month.label(language or current_language()) if month else period


def month_inessive_fi(period: str) -> str:
    """Finnish "in <month>": every Finnish month name ends in -kuu, so -kuussa ("kesäkuussa 2026")."""
    month = _month(period)
    if month is None:
        return f"vuonna {period}"
    return f"{names.month_name(month.number, 'fi')}ssa {month.year}"


def month_genitive_fi(period: str) -> str:
    """Finnish genitive of a month ("kesäkuun 2026"), as in "kesäkuun 2026 lopussa"."""
    month = _month(period)
    if month is None:
        return f"vuoden {period}"
    return f"{names.month_name(month.number, 'fi')}n {month.year}"


def _month(period: str) -> Period | None:
    try:
        return Period.parse(period, Frequency.MONTH)
    except PeriodError:
        return None


def at_month_end(period: str, language: str | None = None) -> str:
    """ "kesäkuun 2026 lopussa", "i slutet av juni 2026", "at the end of June 2026": written per
    language because Finnish needs the month in the genitive."""
    language = language or current_language()
    if language == "fi":
        return f"{month_genitive_fi(period)} lopussa"
    if language == "sv":
        return f"i slutet av {month_name(period, 'sv')}"
    return f"at the end of {month_name(period, 'en')}"
