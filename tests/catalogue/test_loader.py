"""Loading the catalogue seed: into an empty catalogue only, in one transaction, with file:field
messages for bad input, the draft's to-verify marks kept as "not verified"."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from seuraamo.catalogue.models import Channel, GuideRule, Service
from seuraamo.catalogue.services import (
    CURATION_FILE,
    DRAFT_FILE,
    CatalogueLoadError,
    load_catalogue,
)
from seuraamo.organisations.models import Organisation
from tests.catalogue.conftest import load_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db: None) -> None:
    """Loaded for each test: this module's other tests need an empty catalogue."""
    load_everything()


def test_the_seed_loads_every_draft_service_as_not_verified(catalogue: None) -> None:
    draft = json.loads(DRAFT_FILE.read_text(encoding="utf-8"))
    assert Service.objects.count() == len(draft["services"]) == 15
    assert not Service.objects.filter(verified=True).exists()
    ohjaamo = Service.objects.get(key="ohjaamo-kotka")
    assert ohjaamo.responsible.key == "kotkan-kaupunki"
    assert ohjaamo.municipalities == ["KU285"]
    assert ohjaamo.max_age == 29
    assert ohjaamo.internal_note == "To verify: current address & hours"
    assert "young_people" in ohjaamo.target_groups
    assert [m.key for m in ohjaamo.measures.all()] == ["4-4-nuorisotyottomyys"]
    kela = Service.objects.get(key="kela-tyottomyysturva")
    assert kela.nationwide and kela.municipalities == []
    assert kela.name_sv == "FPA:s stöd för arbetslösa"


def test_the_seed_reuses_the_programme_organisations_and_adds_the_missing_ones(
    catalogue: None,
) -> None:
    assert Organisation.objects.filter(key="kotkan-kaupunki").count() == 1
    assert not Organisation.objects.filter(key="kotka").exists()
    cursor = Organisation.objects.get(key="cursor")
    assert cursor.name_fi == "Cursor Oy"
    assert cursor.business_id == "0727178-6"
    assert "not verified" in cursor.notes


def test_addresses_and_hours_from_the_draft_are_channels_marked_not_verified(
    catalogue: None,
) -> None:
    location = Channel.objects.get(service__key="tyonhakijan-palvelut-kouvola", kind="location")
    assert (location.street_address, location.postal_code) == ("Salpausselänkatu 26", "45100")
    assert not location.verified
    assert "VERIFY" in location.internal_note
    hours = Channel.objects.get(service__key="kotka-kotoutumisen-alkuvaihe", kind="location")
    assert hours.weekly_hours == {
        "MO": ["08:00", "15:30"],
        "TU": ["08:00", "15:30"],
        "WE": ["12:00", "15:30"],
        "TH": ["08:00", "15:30"],
        "FR": ["08:00", "15:00"],
    }
    assert not Channel.objects.filter(verified=True).exists()


def test_a_second_run_keeps_edits_and_says_so_in_one_line(catalogue: None) -> None:
    Service.objects.filter(key="ohjaamo-kotka").update(name_fi="Ohjaamo Kotka (muokattu)")
    out = io.StringIO()
    call_command("load_catalogue", stdout=out)
    assert out.getvalue() == "The catalogue already has services; nothing loaded.\n"
    assert Service.objects.get(key="ohjaamo-kotka").name_fi == "Ohjaamo Kotka (muokattu)"
    assert Service.objects.count() == 15


def test_the_seed_loads_without_the_programme(db: None) -> None:
    result = load_catalogue()
    assert result.loaded and result.services == 15
    assert GuideRule.objects.count() == 15
    assert Organisation.objects.get(key="kotkan-kaupunki").name_fi == "Kotkan kaupunki"


def _broken_copy(tmp_path: Path, change: object) -> Path:
    draft = json.loads(DRAFT_FILE.read_text(encoding="utf-8"))
    change(draft)
    path = tmp_path / "kymenlaakso_services_draft.json"
    path.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
    return path


def _set(path: list[object], value: object) -> object:
    def change(draft: dict) -> None:
        target = draft
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            _set(["services", 2, "service_level"], 7),
            "kymenlaakso_services_draft.json:services[2].service_level: expected 0–4, got 7",
        ),
        (
            _set(["services", 0, "municipalities"], ["285", "KOTKA"]),
            "kymenlaakso_services_draft.json:services[0].municipalities: 'KOTKA' is not a "
            "three-digit municipality code",
        ),
        (
            _set(["services", 3, "provider"], "nobody"),
            "kymenlaakso_services_draft.json:services[3].provider: unknown organisation 'nobody'",
        ),
        (
            _set(["services", 0, "channels"], [{"type": "fax", "url": "http://x.fi"}]),
            "kymenlaakso_services_draft.json:services[0].channels[0].type: unknown channel type 'fax'",
        ),
        (
            _set(["services", 0, "channels"], [{"type": "web_page", "url": "not a url"}]),
            "kymenlaakso_services_draft.json:services[0].channels[0].url: Enter a valid URL.",
        ),
        (
            _set(["services", 1, "eligibility"], {"max_age": 20, "min_age": 30}),
            "kymenlaakso_services_draft.json:services[1].max_age: The maximum age is below the "
            "minimum age.",
        ),
        (
            _set(["services", 14, "name"], {"en": "No Finnish name"}),
            "kymenlaakso_services_draft.json:services[14].name.fi: missing",
        ),
    ],
)
def test_bad_draft_input_names_file_and_field_and_writes_nothing(
    db: None, tmp_path: Path, change: object, message: str
) -> None:
    organisations_before = Organisation.objects.count()
    with pytest.raises(CatalogueLoadError) as error:
        load_catalogue(_broken_copy(tmp_path, change), CURATION_FILE)
    assert str(error.value) == message
    assert Service.objects.count() == 0
    assert Channel.objects.count() == 0
    assert Organisation.objects.count() == organisations_before


def test_invalid_json_names_the_line(db: None, tmp_path: Path) -> None:
    path = tmp_path / "kymenlaakso_services_draft.json"
    path.write_text('{\n "services": [\n  {"slug": "x",,}\n ]\n}\n', encoding="utf-8")
    with pytest.raises(
        CatalogueLoadError, match=r"^kymenlaakso_services_draft.json:3: not valid JSON"
    ):
        load_catalogue(path, CURATION_FILE)


def test_a_bad_guide_rule_in_the_curation_file_is_named_and_nothing_is_written(
    db: None, tmp_path: Path
) -> None:
    curation = json.loads(CURATION_FILE.read_text(encoding="utf-8"))
    curation["guide_rules"]["ohjaamo-kotka"]["shoe_size"] = 42
    path = tmp_path / "curation.json"
    path.write_text(json.dumps(curation), encoding="utf-8")
    with pytest.raises(CatalogueLoadError) as error:
        load_catalogue(DRAFT_FILE, path)
    assert (
        str(error.value) == "curation.json:guide_rules.ohjaamo-kotka.shoe_size: unknown condition"
    )
    assert Service.objects.count() == 0


def test_the_loader_refuses_a_published_service_with_no_way_to_reach_it(
    db: None, tmp_path: Path
) -> None:
    curation = json.loads(CURATION_FILE.read_text(encoding="utf-8"))
    del curation["unpublished"]["ohjaamo-hamina"]
    path = tmp_path / "curation.json"
    path.write_text(json.dumps(curation), encoding="utf-8")
    with pytest.raises(CatalogueLoadError) as error:
        load_catalogue(DRAFT_FILE, path)
    assert str(error.value).startswith(
        "kymenlaakso_services_draft.json:ohjaamo-hamina: published with no way to reach it"
    )
    assert not Service.objects.exists()
