"""The HSDS and PTV mappers are plain Python: they load without Django and read their inputs
without a database (real PTV v11 records, the official HSDS example, a record this catalogue
exports read back)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from seuraamo.catalogue.hsds import mapping, reading
from seuraamo.catalogue.ptv import mapping as ptv

ROOT = Path(__file__).parents[2]
PTV_SAMPLES = Path(__file__).parent / "ptv"
HSDS_EXAMPLE = Path(__file__).parent / "hsds" / "hsds3_service_full_example.json"
PLAIN = [
    "seuraamo.catalogue.hsds.mapping",
    "seuraamo.catalogue.hsds.reading",
    "seuraamo.catalogue.ptv.mapping",
    "seuraamo.catalogue.ptv.source",
    "seuraamo.transport",
]


def test_the_mappers_load_without_django() -> None:
    code = (
        "import importlib, sys\n"
        "for name in sys.argv[1:]: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))\n"
    )
    answer = subprocess.run(
        [sys.executable, "-c", code, *PLAIN], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert answer.stdout == "[]\n"


def test_a_real_ptv_service_reads_in_the_catalogues_terms() -> None:
    document = json.loads((PTV_SAMPLES / "v11_service_liperi_real.json").read_text("utf-8"))
    [(where, item)] = ptv.items(document, "liperi.json")
    assert (ptv.is_published(item), ptv.is_nationwide(item)) == (True, False)
    assert ptv.municipality_codes(item) == ["KU426", "KU123"]
    data = ptv.service_data(item, where)
    assert data.fields()["name_fi"] == "Yksilöllistetty oppimäärä"
    assert data.fields()["name_sv"] == ""
    assert (data.responsible.name, data.responsible.kind) == ("Liperin kunta", "municipality")
    assert data.responsible.key == "ptv-a6e72986-0d23-4d4b-8619-b49fa0c5baa3"
    assert [producer.key for producer in data.producers] == [data.responsible.key]


def test_a_ptv_service_without_a_finnish_name_is_named() -> None:
    item = {"id": "6e0d0a3c-0000-4000-8000-000000000001", "serviceNames": []}
    with pytest.raises(
        ptv.PtvImportError, match=r"^file.json:\[3\].serviceNames: no Finnish name$"
    ):
        ptv.service_data(item, "file.json:[3]")


def test_ptv_channels_read_as_the_catalogues_channels() -> None:
    page = json.loads(
        (PTV_SAMPLES / "v11_servicechannel_list_area_page_fixture.json").read_text("utf-8")
    )
    (where, location), (_where, phone) = ptv.items(page, "channels.json")
    fields = ptv.channel_fields(location, where)
    assert fields is not None
    assert {name: fields[name] for name in ("kind", "street_address", "municipality")} == {
        "kind": "location",
        "street_address": "Testitie 13",
        "municipality": "KU001",
    }
    assert fields["weekly_hours"] == {"WE": ["08:00", "16:00"], "FR": ["08:00", "14:00"]}
    assert fields["closed_dates"] == []
    assert (fields["latitude"], fields["longitude"]) == (Decimal("60.63245"), Decimal("22.57436"))
    assert ptv.channel_fields(phone, "p") == {
        "kind": "phone",
        "name_fi": "Puhelinpalvelu",
        "name_sv": "",
        "name_en": "",
        "url": "",
        "phone": "+358 000000000",
        "weekly_hours": {},
        "closed_dates": [],
        "hours_note_fi": "",
        "hours_note_sv": "",
        "hours_note_en": "",
        "internal_note": "Imported from PTV.",
    }
    assert ptv.channel_fields({"serviceChannelType": "PrintableForm"}, "p") is None


def test_the_official_hsds_example_reads_with_a_warning_for_its_latitude() -> None:
    [batch] = reading.read_document(HSDS_EXAMPLE, "sv")
    assert (batch.language, batch.prefix, len(batch.services)) == ("sv", "", 1)
    [item] = batch.services[0]["service_at_locations"]
    fields, warning = reading.location_fields(item, "example.json:[0].service_at_locations[0]")
    assert "latitude" not in fields
    assert warning is not None
    assert warning.startswith("example.json:[0].service_at_locations[0].location.latitude: (")
    assert warning.endswith(") is not a WGS84 position; coordinates left out")


def test_a_service_record_reads_back_its_level_target_groups_and_municipalities() -> None:
    service = mapping.ServiceFacts(
        key="ohjaamo-kotka",
        responsible_key="kotka",
        name="Ohjaamo Kotka",
        description="",
        summary="Alle 30-vuotiaille.",
        status="published",
        url="https://ohjaamo.example/",
        eligibility_note="",
        min_age=15,
        max_age=29,
        assured_date=date(2026, 5, 4),
        cost="",
        languages=["fi", "en"],
        areas=[mapping.Area("KU285", "Kotka", "Statistics Finland municipality code KU285")],
        phones=[mapping.Phone(7, "+358 40 000 0000")],
        locations=[],
        terms=[
            mapping.Term("service_level", "2", "matalan kynnyksen ohjaus"),
            mapping.Term("target_group", "young_people", "nuoret"),
        ],
    )
    record = mapping.service_record(service, "fi")
    assert record["status"] == "active"
    assert record["description"] == "Alle 30-vuotiaille."
    assert record["assured_date"] == "2026-05-04"
    assert [attribute["taxonomy_term"]["name"] for attribute in record["attributes"]] == [
        "2 – matalan kynnyksen ohjaus",
        "Nuoret",
    ]
    known = mapping.profile_terms({"service_level": [2], "target_group": ["young_people"]})
    assert reading.profile_attributes(record, known) == (2, ["young_people"])
    assert reading.municipalities(record, {"KU285": {"fi": "Kotka", "sv": "Kotka"}}) == ["KU285"]
