"""The fake server's own contract (so the client tests stand on solid ground)."""

from __future__ import annotations

import itertools
import json
import urllib.error
import urllib.request

import pytest

from tests.fakepxweb import FakeTable, FakeVariable, faults, make_12r5_table, value_12r5
from tests.fakepxweb.responses import compute_cells


def post(url: str, body: dict) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_12r5_generator_block_equals_cell_function() -> None:
    table = make_12r5_table(months=5, areas=["SSS", "MK08", "KU489", "XX"])
    positions = [list(range(len(v.values))) for v in table.variables]
    slow = [table.cell(p) for p in itertools.product(*positions)]
    assert compute_cells(table, positions) == slow
    assert table.total_cells == 4 * 5 * 23
    assert make_12r5_table().total_cells == 421 * 210 * 23


def test_12r5_shape_and_formula() -> None:
    table = make_12r5_table(months=210)
    areas = table.variables[0].values
    assert len(areas) == len(set(areas)) == 421
    assert {"SSS", "MK08", "KU285", "SK081", "ELY06", "KUJOU"} <= set(areas)
    assert table.variables[1].values[-1] == "2026M06"
    unemployed, labour = value_12r5(3, 4, 1), value_12r5(3, 4, 2)
    assert value_12r5(3, 4, 3) == round(100 * unemployed / labour, 1)
    assert value_12r5(7, 0, 6) is None


def test_filters_and_cell_limit(fake_pxweb) -> None:
    server = fake_pxweb(make_12r5_table(months=24), max_cells=100)
    url = server.base_url.format(lang="fi") + "tyonv/12r5.px"
    query = [
        {"code": "Alue", "selection": {"filter": "all", "values": ["MK*"]}},
        {"code": "timeperiod_m", "selection": {"filter": "top", "values": ["2"]}},
        {"code": "contentscode", "selection": {"filter": "item", "values": ["TYOTOSUUS"]}},
    ]
    status, body = post(url, {"query": query, "response": {"format": "json-stat2"}})
    assert status == 200
    document = json.loads(body)
    assert document["size"] == [21, 2, 1]
    assert list(document["dimension"]["timeperiod_m"]["category"]["index"]) == [
        "2010M11",
        "2010M12",
    ]
    query[1]["selection"] = {"filter": "all", "values": ["*"]}
    status, body = post(url, {"query": query, "response": {"format": "json-stat2"}})
    assert (status, body) == (403, b"Forbidden: too many cells selected")
    assert server.requests[-1].cells == 21 * 24


def test_elimination_sums_and_from_cells(fake_pxweb) -> None:
    variables = [
        FakeVariable("Sukupuoli", "Sukupuoli", ["1", "2"], elimination=True),
        FakeVariable("Vuosi", "Vuosi", ["2024", "2025"], time=True),
    ]
    table = FakeTable.from_cells(
        "x/sex", variables, {("1", "2024"): 1, ("2", "2024"): 2, ("1", "2025"): 5}
    )
    server = fake_pxweb(table)
    url = server.base_url.format(lang="fi") + "x/sex.px"
    query = [{"code": "Vuosi", "selection": {"filter": "item", "values": ["2024", "2025"]}}]
    status, body = post(url, {"query": query, "response": {"format": "json-stat2"}})
    assert status == 200
    assert json.loads(body)["value"] == [3, 5]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"nothing": 1}, b"Bad Request: body must have a 'query' list"),
        (
            {
                "query": [{"code": "Nope", "selection": {"filter": "item", "values": ["x"]}}],
                "response": {"format": "json-stat2"},
            },
            b"Bad Request: unknown variable 'Nope'",
        ),
        (
            {"query": [], "response": {"format": "json-stat2"}},
            b"Bad Request: variable 'Alue' must be selected",
        ),
        (
            {"query": [], "response": {"format": "xlsx"}},
            b"Bad Request: format 'xlsx' is not served by the fake",
        ),
    ],
)
def test_bad_queries_get_400(fake_pxweb, body: dict, message: bytes) -> None:
    server = fake_pxweb(make_12r5_table(months=1))
    assert post(server.base_url.format(lang="fi") + "tyonv/12r5.px", body) == (400, message)


def test_requests_are_recorded(fake_pxweb) -> None:
    server = fake_pxweb(make_12r5_table(months=1))
    with urllib.request.urlopen(server.base_url.format(lang="sv") + "tyonv/12r5.px") as answer:
        metadata = json.load(answer)
    assert metadata["variables"][0]["text"] == "Område"
    assert metadata["variables"][1]["time"] is True
    record = server.requests[0]
    assert (record.number, record.method, record.path, record.status) == (
        1,
        "GET",
        "/PxWeb/api/v1/sv/StatFin/tyonv/12r5.px",
        200,
    )


def test_faults_by_call_number(fake_pxweb) -> None:
    server = fake_pxweb(make_12r5_table(months=1))
    server.add_fault(faults.status(503, retry_after=3), on_calls=[2, 4])
    url = server.base_url.format(lang="fi") + "tyonv/12r5.px"
    answers = []
    for _ in range(4):
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                answers.append((answer.status, None))
        except urllib.error.HTTPError as error:
            answers.append((error.code, error.headers.get("Retry-After")))
    assert answers == [(200, None), (503, "3"), (200, None), (503, "3")]
    assert server.requests[1].fault == "Fault(status=503, body='HTTP 503', retry_after=3)"
