"""The observations endpoint over a few stored cells: filters, formats, paging and errors."""

from __future__ import annotations

import csv
import io

import pytest

from tests.api.builders import CELLS, build_small_12r5

URL = "/api/observations"


@pytest.fixture
def table(db: None):
    return build_small_12r5()


def get(client, **params):
    return client.get(URL, params)


def test_filters_by_table_content_area_and_period(client, table) -> None:
    response = get(
        client,
        table="tyonv/12r5",
        content="TYOTTOMATLOPUSSA",
        area="MK08",
        **{"from": "2021M01", "to": "2021M12"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [(r["period"], r["value"]) for r in body["results"]] == [
        ("2021M06", 9334),
        ("2021M07", 9500),
    ]
    assert body["next"] is None
    assert response["X-Total-Count"] == "2"


def test_comma_separated_and_repeated_values(client, table) -> None:
    response = client.get(
        URL
        + "?table=tyonv/12r5&content=TYOTTOMATLOPUSSA,AVPAIKATLOPUSSA&area=MK08&area=KU489&period=2021M06"
    )
    rows = response.json()["results"]
    assert {(r["content"], r["area"]) for r in rows} == {
        ("AVPAIKATLOPUSSA", "KU489"),
        ("AVPAIKATLOPUSSA", "MK08"),
        ("TYOTTOMATLOPUSSA", "KU489"),
        ("TYOTTOMATLOPUSSA", "MK08"),
    }
    suppressed = next(r for r in rows if r["area"] == "KU489" and r["content"] == "AVPAIKATLOPUSSA")
    assert suppressed["value"] is None and suppressed["status"] == "..."


def test_without_filters_returns_every_cell_in_order(client, table) -> None:
    rows = get(client, table="tyonv/12r5").json()["results"]
    assert len(rows) == len(CELLS)
    keys = [(r["content"], r["area"], r["period"]) for r in rows]
    assert keys == sorted(keys)


def test_paging(client, table) -> None:
    first = get(client, table="tyonv/12r5", limit=4).json()
    assert first["count"] == len(CELLS) and len(first["results"]) == 4
    assert "offset=4" in first["next"] and first["notice"].startswith("Rows 1–4 of")
    second = client.get(first["next"]).json()
    assert second["offset"] == 4 and second["previous"] is not None
    rows = []
    url = URL + "?table=tyonv/12r5&limit=3"
    while url:
        page = client.get(url).json()
        rows += page["results"]
        url = page["next"]
    assert len(rows) == len(CELLS)


def test_csv_by_parameter_and_by_accept_header(client, table) -> None:
    for response in (
        get(client, table="tyonv/12r5", area="MK08", period="2021M06", format="csv"),
        client.get(
            URL,
            {"table": "tyonv/12r5", "area": "MK08", "period": "2021M06"},
            HTTP_ACCEPT="text/csv",
        ),
    ):
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        assert {r["content"]: r["value"] for r in rows} == {
            "AVPAIKATLOPUSSA": "900",
            "TYOTTOMATLOPUSSA": "9334",
            "TYOVOIMATK": "72357",
        }


def test_json_stat2(client, table) -> None:
    response = get(
        client,
        table="tyonv/12r5",
        content="TYOTTOMATLOPUSSA,AVPAIKATLOPUSSA",
        area="MK08,KU489",
        period="2021M06",
        format="json-stat2",
        lang="en",
    )
    dataset = response.json()
    assert dataset["version"] == "2.0" and dataset["class"] == "dataset"
    assert dataset["id"] == ["content", "area", "period"]
    assert dataset["size"] == [2, 2, 1]
    content = dataset["dimension"]["content"]["category"]
    area = dataset["dimension"]["area"]["category"]
    assert content["label"]["AVPAIKATLOPUSSA"] == "Open vacancies"

    # row-major, last dimension fastest
    def value(c: str, a: str) -> float | None:
        index = content["index"].index(c) * 2 + area["index"].index(a)
        return dataset["value"][index]

    assert value("TYOTTOMATLOPUSSA", "MK08") == 9334
    assert value("AVPAIKATLOPUSSA", "KU489") is None
    index = content["index"].index("AVPAIKATLOPUSSA") * 2 + area["index"].index("KU489")
    assert dataset["status"][str(index)] == "..."


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({}, "table"),
        ({"table": "nope/1"}, "table"),
        ({"table": "tyonv/12r5", "content": "NOPE"}, "content"),
        ({"table": "tyonv/12r5", "area": "XX99"}, "area"),
        ({"table": "tyonv/12r5", "from": "2021-01"}, "from"),
        ({"table": "tyonv/12r5", "from": "2022M01", "to": "2021M01"}, "from"),
        ({"table": "tyonv/12r5", "from": "2022M01", "to": "2023"}, "to"),
        ({"table": "tyonv/12r5", "from": "2020", "to": "2021"}, "from"),
        ({"table": "tyonv/12r5", "to": "2021"}, "to"),
        ({"table": "tyonv/12r5", "from": "2021Q1"}, "from"),
        ({"table": "tyonv/12r5", "area": "MK08", "content": "share", "to": "2021"}, "to"),
        ({"table": "tyonv/12r5", "limit": "0"}, "limit"),
        ({"table": "tyonv/12r5", "limit": "many"}, "limit"),
        ({"table": "tyonv/12r5", "format": "xml"}, "format"),
        ({"table": "tyonv/12r5", "lang": "de"}, "lang"),
        ({"table": "tyonv/12r5", "areas": "MK08"}, "areas"),
        ({"table": "tyonv/12r5", "content": "share"}, "area"),
    ],
)
def test_errors_name_the_parameter(client, table, params, parameter) -> None:
    response = get(client, **params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["parameter"] == parameter
    assert error["message"]


def test_json_stat2_by_accept_header_and_alias(client, table) -> None:
    query = {"table": "tyonv/12r5", "area": "MK08", "period": "2021M06"}
    by_accept = client.get(URL, query, HTTP_ACCEPT="application/json-stat+json").json()
    by_alias = client.get(URL, {**query, "format": "jsonstat2"}).json()
    assert by_accept["class"] == by_alias["class"] == "dataset"
    assert by_accept["value"] == by_alias["value"]
    plain = client.get(URL, query, HTTP_ACCEPT="text/html,application/json").json()
    assert "results" in plain


def test_json_stat2_needs_one_table(client, table) -> None:
    response = client.get(URL, {"table": "tyonv/12r5,tyonv/12ti", "format": "json-stat2"})
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "table"


def test_year_bounds_on_a_monthly_table_are_refused_with_a_month_example(client, table) -> None:
    response = get(client, table="tyonv/12r5", **{"from": "2020", "to": "2021"})
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert "2025M06" in message
    assert "month" in message
