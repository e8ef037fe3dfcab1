"""import_hsds: the official HSDS 3.0 example loads as a draft; a corrupted copy is refused with a
message naming the field and changes nothing; an export of the catalogue imports back."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from seuraamo.catalogue.models import Channel, Service, ServiceStatus
from seuraamo.core.models import AuditEvent
from seuraamo.organisations.models import Organisation
from tests.catalogue.conftest import load_everything

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).parent / "hsds" / "hsds3_service_full_example.json"


def run(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_hsds", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def catalogue(db: None) -> None:
    """Loaded for each test: this module's other tests need an empty catalogue."""
    load_everything()


def test_the_official_example_loads_as_a_draft(db: None) -> None:
    out, err = run(EXAMPLE, "--language", "en")
    assert out == "Imported 1 new and 0 updated services as drafts (1 new organisations).\n"
    assert "latitude: (100, 101) is not a WGS84 position; coordinates left out" in err
    service = Service.objects.get(key="hsds-ac148810-d857-441c-9679-408f346de14b")
    assert (service.name_en, service.name_fi) == ("Community Counselling", "Community Counselling")
    assert service.status == ServiceStatus.DRAFT and not service.verified
    assert (service.min_age, service.max_age) == (12, 100)
    assert service.responsible.name_fi == "Example Organization Inc."
    created = AuditEvent.objects.get(object_type="organisations.organisation", action="create")
    assert created.object_key == service.responsible.key  # the new organisation is audited
    location = Channel.objects.get(service=service, kind="location")
    assert (location.street_address, location.postal_code) == ("1-30 Main Street", "ABC 1234")
    assert location.latitude is None
    assert "Community Counselling" not in [
        s.name_fi for s in Service.objects.filter(status="published")
    ]


def test_importing_twice_updates_instead_of_duplicating(db: None) -> None:
    run(EXAMPLE, "--language", "en")
    out, _err = run(EXAMPLE, "--language", "en")
    assert out.startswith("Imported 0 new and 1 updated services")
    assert Service.objects.count() == 1
    assert Channel.objects.filter(kind="location").count() == 1
    # Audited (the import has no actor): the service once, its channels replaced on the rerun.
    service_events = AuditEvent.objects.filter(object_type="catalogue.service")
    assert [(event.action, event.actor) for event in service_events] == [("create", None)]
    channel_actions = AuditEvent.objects.filter(object_type="catalogue.channel").values_list(
        "action", flat=True
    )
    channels = Channel.objects.count()
    assert sorted(channel_actions) == ["create"] * 2 * channels + ["delete"] * channels


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda r: r.update(status="open"),
            "corrupt.json:[0].status: 'open' is not one of "
            "['active', 'inactive', 'defunct', 'temporarily closed']",
        ),
        (
            lambda r: r.update(minimum_age="twelve"),
            "corrupt.json:[0].minimum_age: 'twelve' is not of type 'number'",
        ),
        (
            lambda r: r["service_at_locations"][0].update(id="not-a-uuid"),
            "corrupt.json:[0].service_at_locations[0].id: 'not-a-uuid' is not a 'uuid'",
        ),
        (
            lambda r: r.update(minimum_age=12.5),
            "corrupt.json:[0].minimum_age: expected whole years, got 12.5",
        ),
    ],
)
def test_a_corrupted_copy_is_refused_naming_the_field_and_changes_nothing(
    catalogue: None, tmp_path: Path, change: object, message: str
) -> None:
    record = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    change(record)
    path = tmp_path / "corrupt.json"
    path.write_text(json.dumps([record]), encoding="utf-8")
    services, channels, organisations = (
        Service.objects.count(),
        Channel.objects.count(),
        Organisation.objects.count(),
    )
    with pytest.raises(CommandError) as error:
        run(path, "--language", "en")
    assert str(error.value) == message
    assert (Service.objects.count(), Channel.objects.count(), Organisation.objects.count()) == (
        services,
        channels,
        organisations,
    )


def test_a_catalogue_export_imports_back_in_three_languages(
    catalogue: None, tmp_path: Path
) -> None:
    exported = tmp_path / "export.json"
    call_command("export_hsds", str(exported), stdout=io.StringIO())
    out, _err = run(exported)
    assert out == "Imported 12 new and 0 updated services as drafts (0 new organisations).\n"
    copy = Service.objects.get(name_sv="FPA:s stöd för arbetslösa", key__startswith="hsds-")
    assert copy.name_en == "Kela's benefits for the unemployed"
    assert copy.responsible.key == "kela"
    kouvola = Service.objects.get(key__startswith="hsds-", name_fi="Työnhakijan palvelut – Kouvola")
    assert kouvola.municipalities == ["KU286"]
    assert kouvola.channels.filter(street_address="Salpausselänkatu 26").count() == 1
    # The level and target groups come back through the profile's taxonomy attributes.
    ohjaamo = Service.objects.get(key__startswith="hsds-", name_fi="Ohjaamo Kotka")
    original = Service.objects.get(key="ohjaamo-kotka")
    assert (ohjaamo.level, ohjaamo.target_groups) == (original.level, original.target_groups)
