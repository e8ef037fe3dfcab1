"""Derived statistics through the API, the tables and areas lists, and the OpenAPI document."""

from __future__ import annotations

import csv
import io
import re

import pytest

from seuraamo.api.params import OBSERVATION_PARAMS
from seuraamo.official_stats.selectors import series
from tests.api.builders import build_small_12r5


@pytest.fixture
def table(db: None):
    return build_small_12r5()


def test_share_is_recomputed_from_numerator_and_denominator(client, table) -> None:
    body = client.get(
        "/api/observations",
        {
            "table": "tyonv/12r5",
            "content": "TYOTTOMATLOPUSSA,share",
            "area": "MK08",
            "from": "2021M06",
            "to": "2021M06",
        },
    ).json()
    rows = {row["content"]: row for row in body["results"]}
    assert (
        rows["TYOTTOMATLOPUSSA"]["value"] == 9334 and rows["TYOTTOMATLOPUSSA"]["derived"] is False
    )
    assert rows["share"]["derived"] is True
    # 100 * 9334 / 72357 = 12.89995…: published, and shown on the pages, as 12.9.
    assert rows["share"]["value"] == 12.9
    assert series("tyonv/12r5", "share", "MK08", "2021M06", "2021M06")[0].value == 12.9


def test_derived_year_on_year_change(client, table) -> None:
    body = client.get(
        "/api/observations",
        {
            "table": "tyonv/12r5",
            "content": "TYOTTOMATLOPUSSA_yoy",
            "area": "MK08",
            "period": "2021M06",
        },
    ).json()
    assert [(r["period"], r["value"]) for r in body["results"]] == [("2021M06", 9334 - 11209)]


def test_derived_missing_value_is_null_with_a_status(client, table) -> None:
    body = client.get(
        "/api/observations",
        {
            "table": "tyonv/12r5",
            "content": "vacancies_per_unemployed",
            "area": "KU489",
            "period": "2021M06",
        },
    ).json()
    (row,) = body["results"]
    assert row["value"] is None and row["status"] == "..."


def test_derived_in_csv_and_json_stat2(client, table) -> None:
    query = {"table": "tyonv/12r5", "content": "share", "area": "MK08,SSS", "period": "2021M06"}
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get("/api/observations", {**query, "format": "csv"}).content.decode()
            )
        )
    )
    assert {r["area"]: round(float(r["value"]), 1) for r in rows} == {"MK08": 12.9, "SSS": 10.9}
    dataset = client.get(
        "/api/observations", {**query, "format": "json-stat2", "lang": "en"}
    ).json()
    assert dataset["dimension"]["content"]["category"]["unit"]["share"]["label"] == "percent"
    assert [round(v, 1) for v in dataset["value"]] == [12.9, 10.9]


def test_too_many_derived_series_is_refused(client, table) -> None:
    areas = ",".join(["MK08", "SSS", "KU489", "KU285"] * 1)
    content = ",".join(
        ["share", "long_term_share", "under25_share", "foreign_share", "vacancies_per_unemployed"]
        * 1
    )
    ok = client.get("/api/observations", {"table": "tyonv/12r5", "content": content, "area": areas})
    assert ok.status_code == 200
    from seuraamo.api import params

    most = params.MAX_DERIVED_SERIES
    try:
        params.MAX_DERIVED_SERIES = 3
        refused = client.get(
            "/api/observations", {"table": "tyonv/12r5", "content": "share", "area": areas}
        )
    finally:
        params.MAX_DERIVED_SERIES = most
    assert refused.status_code == 400 and refused.json()["error"]["parameter"] == "area"


def test_tables_list(client, table) -> None:
    (found,) = client.get("/api/tables", {"lang": "sv"}).json()["results"]
    assert found["id"] == "tyonv/12r5"
    assert found["title"] == "Arbetslösa arbetssökande"
    assert found["first_period"] == "2020M06" and found["last_period"] == "2021M07"
    assert {c["code"] for c in found["contents"]} == {
        "TYOTTOMATLOPUSSA",
        "TYOVOIMATK",
        "AVPAIKATLOPUSSA",
    }
    assert (
        "share" in found["derived_statistics"]
        and "vacancies_per_unemployed" in found["derived_statistics"]
    )
    assert "long_term_share" not in found["derived_statistics"]
    # The earlier name still answers for clients written against it.
    assert found["derived_measures"] == found["derived_statistics"]


def test_areas_list_and_filters(client, table) -> None:
    results = client.get("/api/areas").json()["results"]
    assert [a["code"] for a in results] == ["KU285", "KU489", "MK08", "SSS"]
    assert results[2]["name"] == {"fi": "Kymenlaakso", "sv": "Kymmenedalen", "en": "Kymenlaakso"}
    municipalities = client.get("/api/areas", {"level": "municipality"}).json()["results"]
    assert [a["code"] for a in municipalities] == ["KU285", "KU489"]
    bad = client.get("/api/areas", {"level": "county"})
    assert bad.status_code == 400 and bad.json()["error"]["parameter"] == "level"


def test_openapi_document_describes_every_parameter(client, db) -> None:
    document = client.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {"/api/observations", "/api/tables", "/api/areas"}
    documented = {p["name"] for p in document["paths"]["/api/observations"]["get"]["parameters"]}
    assert documented == set(OBSERVATION_PARAMS)
    for path in document["paths"].values():
        for response in path["get"]["responses"].values():
            for media in response.get("content", {}).values():
                ref = media["schema"].get("$ref")
                if ref:
                    assert ref.split("/")[-1] in document["components"]["schemas"]


def test_docs_page(client, db) -> None:
    response = client.get("/api/docs", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert len(re.findall(r"<h1", html)) == 1
    assert "/api/observations?table=tyonv/12r5&amp;content=TYOTTOMATLOPUSSA,share" in html
    assert '<caption id="params-listObservations">' in html


def test_responses_are_cacheable_and_vary_on_accept(client, table) -> None:
    response = client.get("/api/observations", {"table": "tyonv/12r5"})
    assert "max-age=300" in response["Cache-Control"] and "Accept" in response["Vary"]


def test_api_is_read_only(client, table) -> None:
    assert client.post("/api/observations", {"table": "tyonv/12r5"}).status_code == 405


def test_index_links_every_endpoint(client, db) -> None:
    links = client.get("/api/").json()["links"]
    assert links["observations"].endswith("/api/observations")
    assert links["openapi"].endswith("/api/openapi.json") and links["docs"].endswith("/api/docs")
    for url in links.values():
        assert client.get(url).status_code in (200, 400)  # observations needs a table
