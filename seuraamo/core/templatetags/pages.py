"""Small presentation helpers for the public pages: numbers in the active locale."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def number(value: Decimal | float | int | None) -> str:
    """A stored decimal without trailing zeros, grouped and with the active language's separators
    (1 234,5 in Finnish, 1,234.5 in English)."""
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        # Differences of stored figures carry binary noise (14.4 - 13.1 = 1.3000000000000007); the
        # model keeps three decimals, so no figure shown needs more.
        value = round(value, 3)
    decimal = Decimal(str(value))
    if decimal == decimal.to_integral_value():
        return number_format(int(decimal), force_grouping=True)
    exponent = decimal.normalize().as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0  # NaN has no numeric exponent
    return number_format(decimal, decimal_pos=places, force_grouping=True)
