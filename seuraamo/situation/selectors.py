"""Reads of the situation app's own data (the peer group); statistics and areas are read through
`official_stats.selectors` and `areas.selectors`."""

from __future__ import annotations

from seuraamo.situation.models import DEFAULT_PEERS, PEER_GROUP_KEY, PeerGroup


def peer_regions() -> list[str]:
    """The analyst's peer group (admin), or the programme's default when none is stored."""
    group = PeerGroup.objects.filter(key=PEER_GROUP_KEY).first()
    return list(group.regions) if group is not None else list(DEFAULT_PEERS)
