"""The statistical areas whose codes the statistics use, as a list: names in every language,
sub-region and region, and the members of a union area today and over time.

(A list of the ``areas`` app's own; it reads through ``areas.selectors`` where that has the read.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from seuraamo.areas.models import Area, AreaLevel
from seuraamo.areas.selectors import Membership, members_by_area, memberships

#: The levels of areas, from the whole country down to the municipality.
AREA_LEVELS: tuple[str, ...] = tuple(AreaLevel.values)


@dataclass(frozen=True)
class AreaSummary:
    code: str
    level: str
    names: dict[str, str]  # by language
    subregion: str | None
    region: str | None
    member_codes: tuple[str, ...]  # today
    memberships: tuple[Membership, ...]  # over time


def area_summaries(levels: Sequence[str] = (), codes: Sequence[str] = ()) -> list[AreaSummary]:
    """The areas of ``levels`` and ``codes`` (all when empty), ordered by code, in three
    queries."""
    found = Area.objects.select_related("subregion", "region").order_by("code")
    if levels:
        found = found.filter(level__in=list(levels))
    if codes:
        found = found.filter(code__in=list(codes))
    areas = list(found)
    wanted = [area.code for area in areas] if (levels or codes) else None
    today = members_by_area(wanted)
    over_time = memberships(wanted)
    return [
        AreaSummary(
            code=area.code,
            level=area.level,
            names={"fi": area.name_fi, "sv": area.name_sv, "en": area.name_en},
            subregion=area.subregion.code if area.subregion else None,
            region=area.region.code if area.region else None,
            member_codes=tuple(today.get(area.code, [])),
            memberships=tuple(over_time.get(area.code, [])),
        )
        for area in areas
    ]
