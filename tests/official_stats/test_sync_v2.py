"""A tracked table read through PxWebApi 2.0: `sync_statistics` picks the client by the table's
`api_version`, against the fake server's v2 routes (shaped after the PxWebApi 2.0 spec), while
12r5 stays on v1. The v2 table and its figures are constructed for the test."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from fakepxweb import FakeTable, FakeVariable, make_12r5_table

from seuraamo.official_stats import registry
from seuraamo.official_stats.models import Observation, StatTable
from seuraamo.official_stats.pxweb import PxWebClient, PxWebV2Client
from seuraamo.official_stats.registry import TrackedTable
from seuraamo.official_stats.services.sync import SyncError, make_client, sync_statistics

pytestmark = pytest.mark.django_db

V2_TABLE = "TAB900"
MONTHS = [f"2026M0{m}" for m in range(1, 7)]
AREAS = ["MK08", "KU285"]


def v2_table() -> FakeTable:
    variables = [
        FakeVariable("Alue", "alue", AREAS, ["Kymenlaakso", "Kotka"], elimination=True),
        FakeVariable("ContentsCode", "tiedot", ["TYOTTOMAT"], ["Työttömät (koe)"], content=True),
        FakeVariable("Kuukausi", "kuukausi", MONTHS, time=True),
    ]

    def cell(positions: tuple[int, ...]) -> int | None:
        area, _content, month = positions
        return None if (area, month) == (1, 5) else 1000 * (area + 1) + month

    return FakeTable(f"koe/{V2_TABLE}", "Koetaulu", variables, cell, source="Koelähde")


@pytest.fixture
def v2_tracked(monkeypatch: pytest.MonkeyPatch) -> TrackedTable:
    tracked = TrackedTable(
        table_id=V2_TABLE, areas=None, areas_follow_option=False, api_version="2"
    )
    monkeypatch.setattr(registry, "TRACKED_TABLES", (*registry.TRACKED_TABLES, tracked))
    return tracked


@pytest.fixture
def server(fake_pxweb, v2_tracked: TrackedTable):
    return fake_pxweb(v2_table(), make_12r5_table(3, start="2026M04"))


def test_each_table_is_read_through_its_own_api_version(server, settings) -> None:
    settings.PXWEB_V2_BASE_URL = server.v2_base_url
    v1 = PxWebClient(server.base_url, timeout=5, backoff_base=0.01)

    results, errors = sync_statistics(
        client=v1,
        v2_client=lambda: make_client(api_version="2", backoff_base=0.01),
        table_ids=["tyonv/12r5", V2_TABLE],
    )

    assert errors == []
    assert [result.table_id for result in results] == ["tyonv/12r5", V2_TABLE]
    v2_paths = [r.path for r in server.requests if r.path.startswith("/api/v2/")]
    v1_paths = [r.path for r in server.requests if r.path.startswith("/PxWeb/api/v1/")]
    assert any(path == f"/api/v2/tables/{V2_TABLE}/data" for path in v2_paths)
    assert not any("12r5" in path for path in v2_paths)
    assert not any(V2_TABLE in path for path in v1_paths)
    stored = {
        (o.area_code, o.period): (o.value, o.status)
        for o in Observation.objects.filter(table__table_id=V2_TABLE)
    }
    assert len(stored) == len(AREAS) * len(MONTHS)
    assert stored[("MK08", "2026M01")] == (1000, "")
    assert stored[("KU285", "2026M05")] == (2004, "")
    assert stored[("KU285", "2026M06")] == (None, "...")  # suppressed, not zero
    assert StatTable.objects.get(table_id=V2_TABLE).last_synced_at is not None


def test_the_command_takes_the_v2_base_and_names_a_missing_one(server, settings) -> None:
    settings.PXWEB_V2_BASE_URL = ""
    with pytest.raises(CommandError, match="no base URL is set: set PXWEB_V2_BASE_URL"):
        call_command(
            "sync_statistics", "--base-url", server.base_url, "--table", V2_TABLE,
            stdout=io.StringIO(),
        )  # fmt: skip
    assert not Observation.objects.filter(table__table_id=V2_TABLE).exists()

    out = io.StringIO()
    call_command(
        "sync_statistics", "--base-url", server.base_url, "--base-url-v2", server.v2_base_url,
        "--table", V2_TABLE, stdout=out,
    )  # fmt: skip
    assert "Synced 1 table(s)." in out.getvalue()
    assert Observation.objects.filter(table__table_id=V2_TABLE).count() == 12


def test_make_client_picks_the_version() -> None:
    assert isinstance(make_client("http://127.0.0.1:9/v1/{lang}/StatFin/"), PxWebClient)
    assert isinstance(make_client("http://127.0.0.1:9/api/v2/", api_version="2"), PxWebV2Client)
    with pytest.raises(SyncError, match="PxWebApi 2.0 but no base URL"):
        make_client(api_version="2")
