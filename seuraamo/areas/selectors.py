"""Reads of statistical areas: names, and which areas were members of a union area on a date.

A union area's figures (an employment area's unemployed, summed from its municipalities) are
formed on the division valid on one date — today unless asked otherwise — for every period, so
that a series stays comparable over time (the employment areas of 2025 over 2021, for example).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from seuraamo.areas.models import Area, AreaMembership
from seuraamo.core.memo import once_per_build, sharing


@dataclass(frozen=True)
class AreaView:
    """An area as pages read it (``localized(view, "name")`` works on it)."""

    code: str
    level: str
    name_fi: str
    name_sv: str
    name_en: str


@dataclass(frozen=True)
class Membership:
    parent: str
    member: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None


def _view(area: Area) -> AreaView:
    return AreaView(area.code, area.level, area.name_fi, area.name_sv, area.name_en)


@once_per_build
def _every_area() -> dict[str, AreaView]:
    return {area.code: _view(area) for area in Area.objects.all()}


def areas_by_code(codes: Iterable[str] | None = None) -> dict[str, AreaView]:
    """The areas of ``codes`` (every area when ``None``), in one query (none at all after the
    first within a page's build: core.memo)."""
    if sharing():
        every = _every_area()
        return dict(every) if codes is None else {c: every[c] for c in codes if c in every}
    found = Area.objects.all()
    if codes is not None:
        found = found.filter(code__in=list(codes))
    return {area.code: _view(area) for area in found}


def area(code: str) -> AreaView | None:
    return areas_by_code([code]).get(code)


def _valid_on(on: datetime.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=on)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    )


def members_by_area(
    codes: Iterable[str] | None = None, on: datetime.date | None = None
) -> dict[str, list[str]]:
    """Member codes (sorted) of each of ``codes`` (of every union area when ``None``) that were
    members on ``on`` (default today), in one query. Areas without members on that date are
    left out."""
    on = on or timezone.localdate()
    if sharing():
        wanted = None if codes is None else set(codes)
        members: dict[str, list[str]] = {}
        for parent, spans in _every_membership().items():
            if wanted is None or parent in wanted:
                valid = sorted(span.member for span in spans if _holds_on(span, on))
                if valid:
                    members[parent] = valid
        return members
    found = AreaMembership.objects.filter(_valid_on(on))
    if codes is not None:
        found = found.filter(parent__code__in=list(codes))
    members = {}
    for parent, member in found.order_by("parent__code", "member__code").values_list(
        "parent__code", "member__code"
    ):
        members.setdefault(parent, []).append(member)
    return members


def members_of(code: str, on: datetime.date | None = None) -> list[str]:
    """The codes of the areas that were members of ``code`` on ``on`` (default today)."""
    return members_by_area([code], on).get(code, [])


def _holds_on(membership: Membership, on: datetime.date) -> bool:
    return (membership.valid_from is None or membership.valid_from <= on) and (
        membership.valid_to is None or membership.valid_to >= on
    )


@once_per_build
def _every_membership() -> dict[str, list[Membership]]:
    return memberships()


def memberships(codes: Iterable[str] | None = None) -> dict[str, list[Membership]]:
    """Every membership of ``codes`` (every area when ``None``) over time, in one query."""
    if sharing() and codes is not None:
        every = _every_membership()
        return {code: list(every[code]) for code in codes if code in every}
    found = AreaMembership.objects.all()
    if codes is not None:
        found = found.filter(parent__code__in=list(codes))
    result: dict[str, list[Membership]] = {}
    for parent, member, valid_from, valid_to in found.order_by(
        "parent__code", "member__code", "valid_from"
    ).values_list("parent__code", "member__code", "valid_from", "valid_to"):
        result.setdefault(parent, []).append(Membership(parent, member, valid_from, valid_to))
    return result
