"""PTV channels: the v11 channel list page (real shape, made-up values) connected to constructed
copies of the real Liperi service, from a file and from the local fake server that pages like the
PTV API; a re-import updates in place and keeps channels an editor added by hand."""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path

import pytest
from django.core.management.base import CommandError

from seuraamo.catalogue.models import Channel, ChannelKind, Service
from seuraamo.catalogue.tm35fin import to_tm35fin
from seuraamo.core.models import AuditEvent
from tests.catalogue.test_ptv_import import FakePtv, constructed, fake_ptv, run  # noqa: F401

pytestmark = pytest.mark.django_db
CHANNELS = Path(__file__).parent / "ptv" / "v11_servicechannel_list_area_page_fixture.json"
PAGE = json.loads(CHANNELS.read_text(encoding="utf-8"))
LOCATION_ID, PHONE_ID = (item["id"] for item in PAGE["itemList"])
# The location channel lists this service among its own; the phone channel is connected from the
# service's side (serviceChannels) in the constructed copy below.
SERVICE_ID = PAGE["itemList"][0]["services"][0]["service"]["id"]


def connected_service() -> dict:
    item = constructed(1)
    item["id"] = SERVICE_ID
    item["serviceChannels"] = [{"serviceChannel": {"id": PHONE_ID, "name": "Puhelinpalvelu"}}]
    return item


def test_channels_from_a_file_become_a_location_and_a_phone(tmp_path: Path) -> None:
    services = tmp_path / "services.json"
    services.write_text(json.dumps([connected_service()]), encoding="utf-8")
    out = run(str(services), "--channels", str(CHANNELS))
    assert out.splitlines()[1] == (
        "Channels: 2 new, 0 updated, 0 unchanged, 0 removed, 0 skipped (printable forms)."
    )
    service = Service.objects.get(ptv_id=uuid.UUID(SERVICE_ID))
    location = service.channels.get(kind=ChannelKind.LOCATION)
    assert (location.name_fi, location.name_sv) == ("Terveysasema", "Hälsostationen")
    assert (location.street_address, location.postal_code, location.post_office) == (
        "Testitie 13",
        "12345",
        "Testikunta",
    )
    assert location.municipality == "KU001"
    assert location.phone == "+358 101010100"
    assert location.url == "https://www.testpage.fi"
    assert location.weekly_hours == {"WE": ["08:00", "16:00"], "FR": ["08:00", "14:00"]}
    # PTV gives ETRS-TM35FIN metres (N 6730000, E 258000); the catalogue stores WGS84 degrees.
    easting, northing = to_tm35fin(float(location.latitude), float(location.longitude))
    assert abs(easting - 258000) < 1 and abs(northing - 6730000) < 1
    phone = service.channels.get(kind=ChannelKind.PHONE)
    assert (phone.name_fi, phone.phone) == ("Puhelinpalvelu", "+358 000000000")


def test_the_paged_channel_api_and_a_rerun_that_keeps_hand_made_channels(
    fake_ptv: tuple[FakePtv, str],  # noqa: F811
) -> None:
    state, url = fake_ptv
    state.page_size = 1
    state.items = [connected_service()]
    state.channels = copy.deepcopy(PAGE["itemList"])
    channel_url = url.replace("/Service/", "/ServiceChannel/")
    run(url, "--channels", channel_url)
    channel_pages = [r for r in state.requests if "/ServiceChannel/" in r]
    assert [request.split("page=")[1] for request in channel_pages] == ["1", "2"]
    service = Service.objects.get(ptv_id=uuid.UUID(SERVICE_ID))
    hand_made = Channel.objects.create(
        service=service, kind=ChannelKind.WEB, url="https://example.test/oma"
    )
    first_ids = set(service.channels.exclude(pk=hand_made.pk).values_list("pk", flat=True))
    # PTV renames the location and drops the phone channel's connection.
    state.channels[0]["serviceChannelNames"][0]["value"] = "Terveysasema (uusi nimi)"
    state.items[0]["serviceChannels"] = []
    out = run(url, "--channels", channel_url)
    assert out.splitlines()[1].startswith("Channels: 0 new, 1 updated, 0 unchanged, 1 removed")
    # Every change is in the audit trail, so the page cache knows the data changed.
    events = AuditEvent.objects.filter(object_type="catalogue.channel").order_by("id")
    assert [event.action for event in events] == ["create", "create", "update", "delete"]
    assert events[2].after == {"name_fi": "Terveysasema (uusi nimi)"}
    remaining = {channel.kind: channel for channel in service.channels.all()}
    assert set(remaining) == {ChannelKind.LOCATION, ChannelKind.WEB}
    assert remaining[ChannelKind.LOCATION].pk in first_ids
    assert remaining[ChannelKind.LOCATION].name_fi == "Terveysasema (uusi nimi)"
    assert remaining[ChannelKind.WEB].pk == hand_made.pk


def test_without_a_channel_source_channels_are_left_alone(tmp_path: Path) -> None:
    services = tmp_path / "services.json"
    services.write_text(json.dumps([connected_service()]), encoding="utf-8")
    run(str(services), "--channels", str(CHANNELS))
    assert len(run(str(services)).splitlines()) == 1
    assert Channel.objects.count() == 2
    again = run(str(services), "--channels", str(CHANNELS)).splitlines()[1]
    assert again.startswith("Channels: 0 new, 0 updated, 2 unchanged, 0 removed")


def test_a_bad_channel_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    services = tmp_path / "services.json"
    services.write_text(json.dumps([connected_service()]), encoding="utf-8")
    page = copy.deepcopy(PAGE)
    page["itemList"][0]["addresses"][0]["streetAddress"]["latitude"] = "pohjoinen"
    channels = tmp_path / "channels.json"
    channels.write_text(json.dumps(page), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run(str(services), "--channels", str(channels))
    assert str(error.value) == (
        "channels.json:itemList[0].addresses[0].streetAddress: coordinates are not numbers"
    )
    assert Service.objects.count() == 0 and Channel.objects.count() == 0
