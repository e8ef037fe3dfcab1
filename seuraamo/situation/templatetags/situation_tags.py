"""Filters for the situation tables: the mark and the meaning of a missing value's status."""

from __future__ import annotations

from django import template
from django.urls import reverse

from seuraamo.areas.region import MUNICIPALITIES
from seuraamo.situation import statuses
from seuraamo.situation.selectors import area_name

register = template.Library()


@register.filter
def status_symbol(status: str) -> str:
    return statuses.symbol(status)


@register.filter
def status_meaning(status: str) -> str:
    return statuses.meaning(status)


@register.simple_tag
def situation_pages(codes: list[str] | None) -> list[tuple[str, str]]:
    """(name, URL) of the labour-market page of each municipality in ``codes`` that has one
    (an organisation page links to the situation of the municipalities it serves)."""
    return [
        (area_name(code), reverse("situation:municipality", args=[code]))
        for code in codes or []
        if code in MUNICIPALITIES
    ]
