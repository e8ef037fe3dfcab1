"""The API answers in the requested language (lang= or Accept-Language) with each row's labels,
and computes derived measures of a table with a further dimension (12ti by occupation) for the
extra= codes asked. Data: the situation builders' invented figures."""

from __future__ import annotations

import pytest

from tests.situation.builders import build_situation


@pytest.fixture
def store(db: None) -> None:
    build_situation()


QUERY = {
    "table": "tyonv/12r5",
    "content": "TYOTTOMATLOPUSSA,share",
    "area": "KU075",
    "period": "2026M06",
}


@pytest.mark.parametrize(
    ("extra", "header", "area", "content", "share"),
    [
        ({"lang": "sv"}, "", "Fredrikshamn", "Arbetslösa arbetssökande",
         "Arbetslösa arbetssökande, % av arbetskraften (omräknat)"),
        ({}, "en-GB,en;q=0.9", "Hamina", "Unemployed",
         "Unemployed jobseekers, % of the labour force (recomputed)"),
        ({}, "de-DE, sv;q=0.5, en;q=0.4", "Fredrikshamn", "Arbetslösa arbetssökande",
         "Arbetslösa arbetssökande, % av arbetskraften (omräknat)"),
        ({"lang": "fi"}, "en", "Hamina", "Työttömät työnhakijat",
         "Työttömät työnhakijat, % työvoimasta (laskettu uudelleen)"),
        ({}, "", "Hamina", "Työttömät työnhakijat",
         "Työttömät työnhakijat, % työvoimasta (laskettu uudelleen)"),
    ],
)  # fmt: skip
def test_rows_carry_labels_in_the_requested_language(
    client, store, extra, header, area, content, share
) -> None:
    response = client.get("/api/observations", {**QUERY, **extra}, HTTP_ACCEPT_LANGUAGE=header)
    assert "Accept-Language" in response["Vary"]
    labels = {row["content"]: row["labels"] for row in response.json()["results"]}
    assert labels["TYOTTOMATLOPUSSA"] == {"content": content, "area": area, "extra": ""}
    assert labels["share"]["content"] == share


@pytest.mark.parametrize("lang", ["de", "", "EN"])
def test_an_unsupported_lang_is_refused_naming_the_parameter(client, store, lang) -> None:
    # Empty and capitals too: the OpenAPI document's enum is fi, sv, en (found by schemathesis).
    response = client.get("/api/observations", {**QUERY, "lang": lang})
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "lang"


def test_the_tables_list_follows_accept_language(client, store) -> None:
    body = client.get("/api/tables", HTTP_ACCEPT_LANGUAGE="en").json()
    table = next(t for t in body["results"] if t["id"] == "tyonv/12r5")
    assert [c["label"] for c in table["contents"] if c["code"] == "TYOTTOMATLOPUSSA"] == [
        "Unemployed"
    ]


def test_derived_measures_of_12ti_for_each_occupation_asked(client, store) -> None:
    body = client.get(
        "/api/observations",
        {
            "table": "tyonv/12ti",
            "content": "vacancies_per_unemployed",
            "area": "MK08",
            "extra": "SSS,5322,2512",
            "lang": "en",
        },
    ).json()
    found = {row["extra"]: (row["value"], row["status"], row["derived"]) for row in body["results"]}
    assert found["SSS"] == (0.1, "", True)  # 483 / 5 070, two decimals
    assert found["5322"] == (0.43, "", True)  # 214 / 500
    assert found["2512"][0] is None  # its vacancies are suppressed
    assert {row["labels"]["content"] for row in body["results"]} == {
        "Open vacancies per unemployed jobseeker"
    }


def test_derived_measures_of_12ti_need_an_occupation(client, store) -> None:
    response = client.get(
        "/api/observations",
        {"table": "tyonv/12ti", "content": "vacancies_per_unemployed", "area": "MK08"},
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["parameter"] == "extra" and "extra=SSS" in error["message"]
