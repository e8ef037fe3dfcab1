"""PxWebApi 2.0: the hand-written SCB-shaped fixture and PxWebV2Client against the fake server."""

from __future__ import annotations

import json
from urllib.parse import unquote

import pytest

from seuraamo.official_stats.pxweb import (
    Limits,
    PxWebV2Client,
    Role,
    parse_jsonstat,
)
from seuraamo.official_stats.pxweb.client_v2 import MAX_GET_URL_LENGTH
from seuraamo.official_stats.pxweb.metadata import parse_v2_metadata
from tests.fakepxweb import FakeTable, FakeVariable, make_12r5_table

from .conftest import FIXTURES


def test_scb_v2_fixture_parses() -> None:
    cube = parse_jsonstat((FIXTURES / "scb_v2_response.json").read_bytes())
    assert cube.ids == ["Region", "ContentsCode", "Tid"]
    assert [d.role for d in cube.dimensions] == [Role.AREA, Role.CONTENT, Role.TIME]
    assert cube.table_id == "TAB638"
    assert cube.value({"Region": "00", "ContentsCode": "BE0101N1", "Tid": "2023"}) == 10551707
    suppressed = {"Region": "0114", "ContentsCode": "BE0101N1", "Tid": "2023"}
    assert cube.value(suppressed) is None
    assert cube.status(suppressed) == ".."
    assert cube.dimension("ContentsCode").units["BE0101N1"].label == "number"
    assert cube.dimension("Region").category_label("0114") == "Upplands Väsby"
    assert cube.extension["px"]["heading"] == ["ContentsCode", "Tid"]


def test_scb_v2_fixture_as_metadata() -> None:
    document = json.loads((FIXTURES / "scb_v2_response.json").read_text(encoding="utf-8"))
    del document["value"], document["status"]
    metadata = parse_v2_metadata(document, "TAB638", "en")
    region = metadata.variable("Region")
    assert region.elimination is True
    assert region.role is Role.AREA
    assert metadata.variable("time").code == "Tid"
    assert metadata.variable("time").time is True


def scb_like_table() -> FakeTable:
    regions = ["00", "01", "0114", "0115", "0117"]
    years = [str(y) for y in range(2000, 2024)]
    variables = [
        FakeVariable(
            "Region",
            "region",
            regions,
            ["Sweden", "Stockholm county", "Upplands Väsby", "Vallentuna", "Österåker"],
            elimination=True,
        ),
        FakeVariable(
            "ContentsCode",
            "observations",
            ["BE0101N1", "BE0101N2"],
            ["Population", "Population growth"],
            content=True,
        ),
        FakeVariable("Tid", "year", years, time=True),
    ]

    def cell(positions: tuple[int, ...]) -> int | None:
        region, content, year = positions
        return (
            None if (region, content, year) == (4, 1, 0) else region * 10000 + content * 100 + year
        )

    return FakeTable(
        "BE/TAB638",
        "Population by region, observations and year",
        variables,
        cell,
        source="Statistics Sweden",
    )


@pytest.fixture
def v2_server(fake_pxweb):
    return fake_pxweb(scb_like_table(), max_cells=40, max_calls=30, time_window=10)


def client_for(server) -> PxWebV2Client:
    return PxWebV2Client(server.v2_base_url, lang="en", timeout=5, backoff_base=0.01)


def test_v2_limits_and_tables(v2_server) -> None:
    client = client_for(v2_server)
    assert client.limits() == Limits(40, 30, 10.0, from_server=True)
    assert v2_server.requests[0].path == "/api/v2/config"
    assert [t["id"] for t in client.tables()] == ["TAB638"]


def test_v2_metadata_roles(v2_server) -> None:
    metadata = client_for(v2_server).metadata("TAB638")
    assert [(v.code, v.role) for v in metadata.variables] == [
        ("Region", Role.AREA),
        ("ContentsCode", Role.CONTENT),
        ("Tid", Role.TIME),
    ]
    assert metadata.variable("Region").elimination is True
    assert metadata.lang == "en"


def test_v2_fetch_chunks_with_get_and_value_codes(v2_server) -> None:
    client = client_for(v2_server)
    cube = client.fetch("TAB638", {"Region": ["00", "0114", "0117"]}, since="2010")
    assert cube.shape == [3, 2, 14]
    # The three answers merged into one cube in table order, every cell where it belongs: the
    # table's value is region position x 10 000 + content position x 100 + years since 2000
    # (scb_like_table), and its one suppressed cell (Österåker, growth, 2000) is before 2010.
    expected = [
        (region, content, str(year), position * 10_000 + index * 100 + year - 2000)
        for position, region in ((0, "00"), (2, "0114"), (4, "0117"))
        for index, content in enumerate(["BE0101N1", "BE0101N2"])
        for year in range(2010, 2024)
    ]
    columns = cube.to_columns()
    rows = zip(*(columns[code] for code in cube.ids), columns["value"], strict=True)
    assert list(rows) == expected
    assert [(*cell.coords, cell.value) for cell in cube.iter_cells()] == expected
    assert columns["status"] == [None] * len(expected)
    data = v2_server.data_requests()
    assert len(data) == 3  # 84 cells at 40 per query
    assert all(r.method == "GET" for r in data)
    assert "valueCodes[Region]=00,0114,0117" in unquote(data[0].query)
    assert max(r.cells for r in data) <= 40
    assert 429 not in v2_server.statuses()


def test_v2_long_selection_is_posted(fake_pxweb) -> None:
    table = make_12r5_table(months=2)
    server = fake_pxweb(table)
    client = client_for(server)
    areas = table.variables[0].values
    cube = client.query(
        "12r5", {"Alue": areas, "timeperiod_m": ["2009M01"], "contentscode": ["TYOTOSUUS"]}
    )
    assert len(",".join(areas)) > MAX_GET_URL_LENGTH
    assert server.requests[-1].method == "POST"
    assert cube.shape == [421, 1, 1]
    assert cube.value({"area": "MK08"}) == table.value_of(
        {"Alue": "MK08", "timeperiod_m": "2009M01", "contentscode": "TYOTOSUUS"}
    )
