"""The OpenAPI document and the behaviour agree (issue 11 §6): empty list parameters are refused,
the code and period patterns (months 01–12) are in the document, and unknown paths and wrong
methods answer JSON 404/405."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import seuraamo
from seuraamo.api.openapi import REMOVAL_DATE
from tests.situation.builders import build_situation

pytestmark = pytest.mark.django_db


def parameters(client, path: str) -> dict[str, dict]:
    document = client.get("/api/openapi.json").json()
    return {p["name"]: p for p in document["paths"][path]["get"]["parameters"]}


@pytest.mark.parametrize("query", ["level=", "level=,", "code=&level=region"])
def test_an_empty_list_parameter_is_refused(client, query: str) -> None:
    response = client.get(f"/api/areas?{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["parameter"] in ("level", "code") and "empty" in error["message"]


def test_the_document_states_the_patterns_the_api_applies(client) -> None:
    observed = parameters(client, "/api/observations")
    for name in ("table", "content", "area", "extra", "period"):
        schema = observed[name]["schema"]
        assert schema["minLength"] == 1 and schema["pattern"].startswith("^")
    month_pattern = re.compile(observed["from"]["schema"]["pattern"])
    assert month_pattern.match("2026M12") and not month_pattern.match("2026M13")
    assert re.match(observed["period"]["schema"]["pattern"], "2021M06,2024Q2,2024H1,2025")
    assert "need `area`" in observed["content"]["description"]
    assert parameters(client, "/api/areas")["level"]["schema"]["minItems"] == 1


def test_a_code_longer_than_the_documented_80_characters_is_refused(client) -> None:
    assert "at most 80 characters" in parameters(client, "/api/areas")["code"]["description"]
    assert client.get(f"/api/areas?code={'K' * 80}").status_code == 200
    response = client.get(f"/api/areas?code=KU285,{'K' * 81}")
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "code"


@pytest.mark.parametrize("value", ["2026M13", "2026M00", "2026M6"])
def test_a_month_outside_01_12_is_refused(client, value: str) -> None:
    response = client.get(f"/api/observations?table=tyonv/12r5&from={value}")
    assert response.status_code == 400
    assert "month 01–12" in response.json()["error"]["message"]


@pytest.mark.parametrize("path", ["/api/nope", "/api/observations/", "/api/tables/x/y"])
def test_an_unknown_api_path_is_a_json_404(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "/api/openapi.json" in response.json()["error"]["message"]


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_a_wrong_method_is_a_json_405(client, method: str) -> None:
    response = getattr(client, method)("/api/observations?table=tyonv/12r5")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json()["error"]["message"] == f"{method.upper()} is not allowed; use GET."


def test_a_half_year_bound_on_a_monthly_table_names_both_frequencies(client) -> None:
    build_situation()
    response = client.get("/api/observations?table=tyonv/12r5&from=2025H1")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        "'2025H1' is a half-year but tyonv/12r5 has monthly periods; use a month such as 2025M06."
    )


def test_deprecated_names_carry_their_removal_date_in_the_document_and_the_changelog(
    client,
) -> None:
    document = client.get("/api/openapi.json").json()
    field = document["components"]["schemas"]["Table"]["properties"]["derived_measures"]
    assert field["deprecated"] is True and REMOVAL_DATE in field["description"]
    assert REMOVAL_DATE in document["paths"]["/api/tables"]["get"]["description"]
    assert f"removed on {REMOVAL_DATE}" in document["info"]["description"]
    assert "`measure=`" in document["info"]["description"]
    changelog = (Path(seuraamo.__file__).parent.parent / "docs" / "api.md").read_text("utf-8")
    assert f"### {document['info']['version']} — " in changelog
    for name in ("`derived_measures`", "`measure=`"):
        assert re.search(rf"^\| {re.escape(name)} \|.*\| {REMOVAL_DATE} \|$", changelog, re.M)
