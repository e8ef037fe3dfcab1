"""PxWebClient against the fake PxWeb v1 server: metadata, chunked fetch, limits, formats."""

from __future__ import annotations

import itertools
import random

import pytest

from seuraamo.official_stats.pxweb import (
    Limits,
    PxWebClient,
    Role,
    SlidingWindowLimiter,
    fetch_table,
    fetch_table_pieces,
    parse_jsonstat,
)
from tests.fakepxweb import (
    OLD_CODES,
    FakeClock,
    FakePxWebServer,
    make_12r5_table,
    make_small_table,
)

KYMENLAAKSO = ["MK08", "KU075", "KU285", "KU286", "KU489", "KU624", "KU935"]


def client_for(server: FakePxWebServer, **options) -> PxWebClient:
    options.setdefault("timeout", 5)
    options.setdefault("backoff_base", 0.01)
    return PxWebClient(server.base_url, **options)


def assert_matches_table(cube, table, sample: int | None = None) -> None:
    """Every cell (or a random sample of cells) of ``cube`` equals the fake table's value."""
    codes = [v.code for v in table.variables]
    if sample is None:
        cells = zip(
            itertools.product(*[d.codes for d in cube.dimensions]), cube.values, strict=True
        )
    else:
        flats = random.Random(5).sample(range(len(cube)), sample)
        cells = ((cube.coords_of(flat), cube.values[flat]) for flat in flats)
    for coords, value in cells:
        assert value == table.value_of(dict(zip(codes, coords, strict=True)))


def test_limits_from_config(fake_pxweb) -> None:
    server = fake_pxweb(make_small_table(), max_cells=1234, max_calls=7, time_window=3)
    client = client_for(server)
    assert client.limits() == Limits(1234, 7, 3.0, from_server=True)
    assert server.requests[0].path == "/PxWeb/api/v1/fi/"
    assert server.requests[0].query == "config"


def test_limits_fall_back_when_config_missing(fake_pxweb) -> None:
    server = fake_pxweb(make_small_table(), serve_config=False)
    client = client_for(server)
    assert client.limits() == Limits(120_000, 40, 60.0)
    assert "404" in (client.limits_error or "")


def test_folder_listing(fake_pxweb) -> None:
    server = fake_pxweb(make_12r5_table(months=2), make_small_table("tyonv/12ti"))
    client = client_for(server)
    assert [item.id for item in client.list_folder()] == ["tyonv"]
    tables = client.list_folder("tyonv")
    assert sorted(item.id for item in tables) == ["12r5.px", "12ti.px"]
    assert all(item.is_table for item in tables)


@pytest.mark.parametrize("codes", [make_12r5_table.__kwdefaults__["codes"], OLD_CODES])
def test_metadata_roles_with_new_and_old_codes(fake_pxweb, codes) -> None:
    server = fake_pxweb(make_12r5_table(months=3, codes=codes))
    metadata = client_for(server).metadata("tyonv/12r5")
    assert [(v.code, v.role) for v in metadata.variables] == [
        (codes["area"], Role.AREA),
        (codes["time"], Role.TIME),
        (codes["content"], Role.CONTENT),
    ]
    assert metadata.variable("time").values == ["2009M01", "2009M02", "2009M03"]
    assert server.requests[-1].path == "/PxWeb/api/v1/fi/StatFin/tyonv/12r5.px"


def test_fetch_old_codes_selection_by_role(fake_pxweb) -> None:
    table = make_12r5_table(months=6, codes=OLD_CODES)
    server = fake_pxweb(table)
    cube = client_for(server).fetch("tyonv/12r5", {"area": KYMENLAAKSO, "content": ["TYOTOSUUS"]})
    assert cube.ids == ["Alue", "Kuukausi", "Tiedot"]
    assert cube.dimension_for(Role.TIME).id == "Kuukausi"
    assert_matches_table(cube, table)


def test_chunked_fetch_is_correct_and_never_over_the_cell_limit(fake_pxweb) -> None:
    table = make_12r5_table(months=24)
    server = fake_pxweb(table, max_cells=2_000)
    client = client_for(server)
    areas = table.variables[0].values[:30]
    cube = client.fetch("tyonv/12r5", {"Alue": areas})
    assert cube.shape == [30, 24, 23]
    assert_matches_table(cube, table)
    data = server.data_requests()
    assert len(data) == 9  # 30 x 24 x 23 = 16 560 cells; lower bound ceil(16 560 / 2 000) = 9
    assert max(r.cells for r in data) <= 2_000
    assert 403 not in server.statuses()
    assert client.calls == len(server.requests)


def test_suppressed_cells_are_none_with_status(fake_pxweb) -> None:
    table = make_12r5_table(months=2)
    server = fake_pxweb(table)
    cube = client_for(server).fetch("tyonv/12r5", {"content": ["TYOTTOMAT20", "TYOTOSUUS"]})
    missing = [c for c in cube.iter_role_cells() if c.value is None]
    assert missing
    assert {c.status for c in missing} == {"..."}
    assert {c.content for c in missing} == {"TYOTTOMAT20"}


def test_since_fetches_only_later_periods(fake_pxweb) -> None:
    server = fake_pxweb(make_12r5_table(months=36))
    cube = client_for(server).fetch("tyonv/12r5", {"area": ["SSS"]}, since="2011M07")
    assert cube.dimension("time").codes == [f"2011M{m:02d}" for m in range(7, 13)]
    values = server.data_requests()[0].json()["query"][1]["selection"]["values"]
    assert values[0] == "2011M07"


def test_languages_attach_labels(fake_pxweb) -> None:
    server = fake_pxweb(make_12r5_table(months=1))
    client = client_for(server)
    cube = fetch_table(
        client, "tyonv/12r5", {"area": ["SSS", "MK08"]}, "fi", languages=("fi", "sv", "en")
    )
    area = cube.dimension("area")
    assert area.category_label("MK08") == "Kymenlaakso"
    assert area.category_label("MK08", "sv") == "Kymmenedalen"
    assert area.category_label("SSS", "en") == "WHOLE COUNTRY"
    assert area.label_in("sv") == "Område"
    assert area.lang == "fi"
    assert {r.path.split("/")[4] for r in server.requests if r.method == "GET"} >= {"sv", "en"}


def test_json_and_jsonstat1_formats_match_jsonstat2(fake_pxweb) -> None:
    table = make_12r5_table(months=3)
    server = fake_pxweb(table)
    client = client_for(server)
    metadata = client.metadata("tyonv/12r5")
    selection = {
        "Alue": KYMENLAAKSO,
        "timeperiod_m": ["2009M02", "2009M03"],
        "contentscode": ["TYOTTOMATLOPUSSA", "TYOTOSUUS", "TYOTTOMAT20"],
    }
    two = client.query("tyonv/12r5", selection)
    as_json = client.query("tyonv/12r5", selection, response_format="json", metadata=metadata)
    one = parse_jsonstat(
        client.post_query("tyonv/12r5", selection, response_format="json-stat").body
    )
    for other in (as_json, one):
        assert other.ids == two.ids
        assert list(other.iter_cells()) == list(two.iter_cells())


def test_full_12r5_history_at_documented_limits(fake_pxweb) -> None:
    table = make_12r5_table(months=210)
    server = fake_pxweb(table)
    client = client_for(server, timeout=30)
    cube = client.fetch("tyonv/12r5")
    assert cube.shape == [421, 210, 23]
    data = server.data_requests()
    assert len(data) == 17
    assert max(r.cells for r in data) <= 120_000
    assert set(server.statuses()) == {200}
    assert_matches_table(cube, table, sample=3_000)


def test_call_limit_respected_with_fast_window(fake_pxweb) -> None:
    table = make_12r5_table(months=12)
    server = fake_pxweb(table, max_cells=23, max_calls=5, time_window=1.0)
    client = client_for(server)
    cube = client.fetch("tyonv/12r5", {"area": ["SSS"]})
    assert len(server.data_requests()) == 12
    assert 429 not in server.statuses()
    assert server.max_calls_in_any_window() <= 5
    assert_matches_table(cube, table)


def test_documented_contract_with_fake_clock(fake_pxweb) -> None:
    clock = FakeClock()
    table = make_12r5_table(months=50)
    server = fake_pxweb(table, max_cells=23, max_calls=40, time_window=60, clock=clock)
    limiter = SlidingWindowLimiter(40, 60, clock=clock, sleep=clock.sleep)
    client = client_for(server, limiter=limiter, sleep=clock.sleep)
    started = clock()
    cube = client.fetch("tyonv/12r5", {"area": ["MK08"]})
    assert len(server.data_requests()) == 50
    assert 429 not in server.statuses()
    assert server.max_calls_in_any_window() == 40
    assert clock() - started >= 60
    assert_matches_table(cube, table)


def test_server_enforces_call_limit_for_unpaced_clients(fake_pxweb) -> None:
    server = fake_pxweb(make_small_table(), max_calls=3, time_window=60)
    client = client_for(server, limiter=SlidingWindowLimiter(100, 1), max_attempts=1)
    for _ in range(3):
        client.metadata("test/small")
    with pytest.raises(Exception, match="HTTP 429"):
        client.metadata("test/small")
    assert server.statuses()[-1] == 429


def test_pieces_arrive_one_query_at_a_time_and_hold_every_cell_once(fake_pxweb) -> None:
    """fetch_table_pieces sends a query only when the previous answer has been taken, so a
    caller that stores each piece holds one answer at a time; together the pieces are the table."""
    table = make_12r5_table(months=6)
    server = fake_pxweb(table, max_cells=421 * 23)  # one month of every area per query
    client = client_for(server)
    pieces = fetch_table_pieces(client, "tyonv/12r5", languages=("fi", "sv"))
    first = next(pieces)
    assert len(server.data_requests()) == 1
    assert first.dimension("area").category_label("MK08", "sv") == "Kymmenedalen"
    rest = list(pieces)
    assert len(server.data_requests()) == 1 + len(rest) == 6
    seen = set()
    for piece in [first, *rest]:
        assert_matches_table(piece, table, sample=50)
        seen |= {coords for coords in itertools.product(*[d.codes for d in piece.dimensions])}
    assert len(seen) == 421 * 6 * 23
