"""Reads of the situation app: its own data (the peer group) and an area's name in the active
language; statistics and areas are read through `official_stats.selectors` and `areas.selectors`."""

from __future__ import annotations

from seuraamo.areas import selectors as area_selectors
from seuraamo.core.memo import once_per_build
from seuraamo.core.translation import localized
from seuraamo.situation.models import DEFAULT_PEERS, PEER_GROUP_KEY, PeerGroup


@once_per_build
def peer_regions() -> tuple[str, ...]:
    """The analyst's peer group (admin), or the programme's default when none is stored."""
    group = PeerGroup.objects.filter(key=PEER_GROUP_KEY).first()
    return tuple(group.regions) if group is not None else tuple(DEFAULT_PEERS)


def area_name(code: str) -> str:
    """The area's name in the active language, or its code when the area is not stored."""
    found = area_selectors.area(code)
    return localized(found, "name").text if found else code
