"""Periods and areas by name on the analysts' pages and the situation page's recorded figures."""

from __future__ import annotations

from django import template

from seuraamo.areas.selectors import area as stored_area
from seuraamo.core.formatting import current_language, format_number
from seuraamo.core.translation import localized
from seuraamo.periods import Period

register = template.Library()


@register.filter
def period_name(code: str) -> str:
    """``2026M06`` -> "kesäkuu 2026"; ``2026H1`` -> the half-year written out."""
    return Period.parse(code).label(current_language()) if Period.is_valid(code) else code


@register.filter
def area(code: str) -> str:
    """The area's name in the page's language, or its code when the area is not stored."""
    found = stored_area(code)
    return localized(found, "name").text if found else code


@register.filter
def figure_value(value: float) -> str:
    return format_number(value, 1 if value % 1 else 0)
