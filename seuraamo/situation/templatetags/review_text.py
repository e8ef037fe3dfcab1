"""Filters for the review templates: lists of places in running text."""

from __future__ import annotations

from django import template

from seuraamo.situation.sections.review import Place

register = template.Library()


def _join(names: list[str], conjunction: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


@register.filter
def places(found: list[Place], conjunction: str = "and") -> str:
    """["Kotka", "Hamina"] -> "Kotka and Hamina"."""
    return _join([place.name for place in found], conjunction)


@register.filter
def places_fi(found: list[Place]) -> str:
    """The Finnish locatives: "Kotkassa ja Haminassa"."""
    return _join([place.name_in_fi for place in found], "ja")
