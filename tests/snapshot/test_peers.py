"""Kymenlaakso ranked among the 19 regions on each key figure of the 12r5 2026M06 cross-section
in the snapshot, beside a peer group that an analyst can change."""

from __future__ import annotations

import pytest

from seuraamo.areas.models import Area
from seuraamo.official_stats.selectors import region_ranking, series
from seuraamo.official_stats.selectors.peers import rank_of
from seuraamo.situation.models import PeerGroup
from tests.published import published
from tests.situation.tablehtml import data_tables


def test_rank_counts_the_higher_values() -> None:
    assert rank_of(14.4, [10.0, 14.4, 15.0, None, 16.2]) == 3
    assert rank_of(None, [1.0]) is None


@pytest.mark.django_db
def test_kymenlaakso_is_ranked_among_the_regions_and_beside_its_peers(
    statistics_snapshot, client, admin_client
) -> None:
    regions = list(Area.objects.filter(level="region").values_list("code", flat=True))
    assert len(regions) == 19
    shares = {
        code: series("tyonv/12r5", "share", code, "2026M06", "2026M06")[0].value for code in regions
    }
    expected = 1 + sum(1 for value in shares.values() if value > shares["MK08"])

    ranking = region_ranking(peers=["MK09", "MK07", "MK05", "MK04", "MK18"])
    share = next(figure for figure in ranking.figures if figure.key == "share")
    assert (share.rank, share.ranked) == (expected, 19)
    assert share.value == published(100 * 10153 / 70664)  # as published, 14.4

    html = client.get("/en/situation/").content.decode()
    table = data_tables(html)["table-peers"]
    assert table.header == [
        "Statistic", "Kymenlaakso", "Rank among the regions", "South Karelia", "Päijät-Häme",
        "Kanta-Häme", "Satakunta", "Kainuu", "Whole country",
    ]  # fmt: skip
    assert table.rows[0][:3] == ["Unemployed, % of the labour force", "14.4%", f"{expected} / 19"]

    # An analyst changes the peer group in the admin; the page follows at once.
    group = PeerGroup.objects.get(key="default")
    response = admin_client.post(
        f"/en/admin/situation/peergroup/{group.pk}/change/",
        {"key": "default", "regions": '["MK01", "MK02"]'},
    )
    assert response.status_code == 302
    header = data_tables(client.get("/en/situation/").content.decode())["table-peers"].header
    assert header[3:5] == ["Uusimaa", "Southwest Finland"]


@pytest.mark.django_db
def test_an_unknown_region_code_is_refused_with_its_name(statistics_snapshot, admin_client) -> None:
    group = PeerGroup.objects.get(key="default")
    response = admin_client.post(
        f"/en/admin/situation/peergroup/{group.pk}/change/",
        {"key": "default", "regions": '["MK01", "KU285"]'},
    )
    assert response.status_code == 200
    assert "Not a region code: KU285." in response.content.decode()
    assert PeerGroup.objects.get(key="default").regions == ["MK09", "MK07", "MK05", "MK04", "MK18"]
