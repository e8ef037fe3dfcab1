"""Filters for the situation tables: the mark and the meaning of a missing value's status."""

from __future__ import annotations

from django import template

from seuraamo.situation import statuses

register = template.Library()


@register.filter
def status_symbol(status: str) -> str:
    return statuses.symbol(status)


@register.filter
def status_meaning(status: str) -> str:
    return statuses.meaning(status)
