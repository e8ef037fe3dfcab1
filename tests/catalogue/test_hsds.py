"""HSDS 3.0 export of the real catalogue seed: every record of `export_hsds` and of the /api/hsds/
answers validates against the official schemas; paging follows HSDS; bad parameters are named."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from django.test import Client

from seuraamo.catalogue.hsds.mapping import hsds_id
from seuraamo.catalogue.hsds.reading import SCHEMA_DIR
from seuraamo.catalogue.models import Service, ServiceStatus
from seuraamo.core.data_version import bump_data_version

pytestmark = pytest.mark.django_db
SCHEMAS = {
    "service": SCHEMA_DIR / "service.json",
    "organization": Path(__file__).parent / "hsds" / "organization.json",
    "service_at_location": Path(__file__).parent / "hsds" / "service_at_location.json",
}


def official_schema(name: str) -> dict:
    """A compiled schema; taxonomy and taxonomy_term have no file of their own in the shared copy,
    so theirs are the ones the official service schema embeds (attributes → taxonomy_term →
    taxonomy_detail)."""
    if name in SCHEMAS:
        return json.loads(SCHEMAS[name].read_text(encoding="utf-8"))
    service = official_schema("service")
    term = service["properties"]["attributes"]["items"]["properties"]["taxonomy_term"]
    return {"taxonomy_term": term, "taxonomy": term["properties"]["taxonomy_detail"]}[name]


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = official_schema(name)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def problems(name: str, records: list[dict]) -> list[str]:
    check = validator(name)
    return [
        f"{record.get('id')}: {'/'.join(map(str, error.path))}: {error.message}"
        for record in records
        for error in check.iter_errors(record)
    ]


def test_the_export_file_validates_against_the_official_schemas(
    catalogue: None, tmp_path: Path
) -> None:
    target = tmp_path / "catalogue-hsds.json"
    out = io.StringIO()
    call_command("export_hsds", str(target), stdout=out)
    # 12 of the seed's 15: three have no way to reach them in the draft and stay drafts.
    assert out.getvalue() == f"Wrote 12 services in fi, sv and en to {target}.\n"
    document = json.loads(target.read_text(encoding="utf-8"))
    assert set(document["languages"]) == {"fi", "sv", "en"}
    for language, records in document["languages"].items():
        assert len(records["services"]) == 12, language
        assert problems("service", records["services"]) == []
        assert problems("organization", records["organizations"]) == []
        assert len(records["taxonomies"]) == 2 and len(records["taxonomy_terms"]) == 11
        assert problems("taxonomy", records["taxonomies"]) == []
        assert problems("taxonomy_term", records["taxonomy_terms"]) == []
    sv = {s["id"]: s for s in document["languages"]["sv"]["services"]}
    kela = sv[hsds_id("service", "kela-tyottomyysturva")]
    assert kela["name"] == "FPA:s stöd för arbetslösa"
    kouvola = sv[hsds_id("service", "tyonhakijan-palvelut-kouvola")]
    address = kouvola["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["address_1"], address["postal_code"]) == ("Salpausselänkatu 26", "45100")
    assert "assured_date" not in kouvola  # not verified
    # The structured week as RFC 5545 weekly rules, the whole week in words in each language.
    for language, words in (("fi", "ma–ti, to 8.00–15.30"), ("en", "Mon–Tue, Thu 8:00–15:30")):
        services = {s["id"]: s for s in document["languages"][language]["services"]}
        early = services[hsds_id("service", "kotka-kotoutumisen-alkuvaihe")]
        [location] = [item for item in early["service_at_locations"] if item.get("schedules")]
        rules = {(s["byday"], s["opens_at"], s["closes_at"]) for s in location["schedules"]}
        assert rules == {
            ("MO,TU,TH", "08:00", "15:30"),
            ("WE", "12:00", "15:30"),
            ("FR", "08:00", "15:00"),
        }
        assert all(s["freq"] == "WEEKLY" for s in location["schedules"])
        assert location["schedules"][0]["description"].startswith(words)
    locations = [
        item
        for records in document["languages"].values()
        for service in records["services"]
        for item in service["service_at_locations"]
    ]
    assert problems("service_at_location", locations) == []


def test_the_validation_catches_a_broken_record(catalogue: None, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    call_command("export_hsds", str(target), stdout=io.StringIO())
    record = json.loads(target.read_text(encoding="utf-8"))["languages"]["fi"]["services"][0]
    record["status"] = "published"
    assert problems("service", [record]) == [
        f"{record['id']}: status: 'published' is not one of "
        "['active', 'inactive', 'defunct', 'temporarily closed']"
    ]


def test_drafts_are_not_exported(catalogue: None, client: Client) -> None:
    Service.objects.filter(key="ohjaamo-kotka").update(status=ServiceStatus.DRAFT)
    body = client.get("/api/hsds/services", {"per_page": "100"}).json()
    assert body["total_items"] == 11
    assert hsds_id("service", "ohjaamo-kotka") not in [s["id"] for s in body["contents"]]


def test_the_api_pages_as_hsds_describes(catalogue: None, client: Client) -> None:
    first = client.get("/api/hsds/services", {"per_page": "10"}).json()
    second = client.get("/api/hsds/services", {"per_page": "10", "page": "2"}).json()
    assert {k: first[k] for k in ("total_items", "total_pages", "page_number", "size")} == {
        "total_items": 12,
        "total_pages": 2,
        "page_number": 1,
        "size": 10,
    }
    assert (first["first_page"], first["last_page"], second["last_page"]) == (True, False, True)
    assert second["size"] == 2
    assert problems("service", first["contents"] + second["contents"]) == []
    beyond = client.get("/api/hsds/services", {"page": "3", "per_page": "10"}).json()
    assert beyond["empty"] is True and beyond["contents"] == []


def test_one_service_and_organisations_by_id_in_english(catalogue: None, client: Client) -> None:
    service_id = hsds_id("service", "kela-tyottomyysturva")
    body = client.get(f"/api/hsds/services/{service_id}", {"lang": "en"}).json()
    assert body["name"] == "Kela's benefits for the unemployed"
    organisations = client.get("/api/hsds/organizations", {"lang": "en"}).json()
    assert problems("organization", organisations["contents"]) == []
    organisation = client.get(f"/api/hsds/organizations/{body['organization_id']}").json()
    assert organisation["name"] == "Kansaneläkelaitos (Kela)"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": "0"}, "page: expected a whole number from 1, got '0'"),
        ({"per_page": "1000"}, "per_page: expected a whole number from 1 up to 200, got '1000'"),
        ({"lang": "de"}, "lang: expected one of fi, sv, en, got 'de'"),
    ],
)
def test_bad_parameters_are_named(
    catalogue: None, client: Client, params: dict, message: str
) -> None:
    response = client.get("/api/hsds/services", params)
    assert response.status_code == 400
    assert response.json() == {"error": message}


def test_an_unknown_id_is_404(catalogue: None, client: Client) -> None:
    response = client.get("/api/hsds/services/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404


def test_service_at_locations_page_and_validate(catalogue: None, client: Client) -> None:
    body = client.get("/api/hsds/service_at_locations", {"lang": "sv", "per_page": "200"}).json()
    assert body["total_items"] > 0 and body["last_page"] is True
    assert problems("service_at_location", body["contents"]) == []
    kouvola = hsds_id("service", "tyonhakijan-palvelut-kouvola")
    mine = [record for record in body["contents"] if record["service_id"] == kouvola]
    address = mine[0]["location"]["addresses"][0]
    assert (address["address_1"], address["postal_code"]) == ("Salpausselänkatu 26", "45100")
    one = client.get(f"/api/hsds/service_at_locations/{mine[0]['id']}").json()
    assert one["id"] == mine[0]["id"] and one["service_id"] == kouvola
    Service.objects.filter(key="tyonhakijan-palvelut-kouvola").update(status=ServiceStatus.DRAFT)
    bump_data_version()  # as every real writer does; the answers are cached per data version
    assert client.get(f"/api/hsds/service_at_locations/{mine[0]['id']}").status_code == 404


def test_target_groups_and_levels_are_taxonomy_terms_linked_by_attributes(
    catalogue: None, client: Client
) -> None:
    taxonomies = client.get("/api/hsds/taxonomies").json()["contents"]
    assert problems("taxonomy", taxonomies) == []
    by_name = {taxonomy["name"]: taxonomy["id"] for taxonomy in taxonomies}
    assert set(by_name) == {"Seuraamo target groups", "Seuraamo service levels"}
    levels = client.get(
        "/api/hsds/taxonomy_terms",
        {"taxonomy_id": by_name["Seuraamo service levels"], "lang": "sv"},
    ).json()["contents"]
    assert problems("taxonomy_term", levels) == []
    assert [term["code"] for term in levels] == ["0", "1", "2", "3", "4"]
    service = client.get(
        f"/api/hsds/services/{hsds_id('service', 'ohjaamo-kotka')}", {"lang": "sv"}
    ).json()
    linked = {(a["link_type"], a["taxonomy_term"]["code"]) for a in service["attributes"]}
    assert ("service_level", "2") in linked and ("target_group", "young_people") in linked
    young = next(a for a in service["attributes"] if a["taxonomy_term"]["code"] == "young_people")
    assert young["taxonomy_term"]["name"] == "Unga"
    term = client.get(f"/api/hsds/taxonomy_terms/{young['taxonomy_term_id']}").json()
    assert term["name"] == "Nuoret"  # the default language is Finnish
    wrong = client.get("/api/hsds/taxonomy_terms", {"taxonomy_id": "nope"})
    assert wrong.status_code == 400
    assert wrong.json() == {"error": "taxonomy_id: no taxonomy has the id 'nope'"}
