"""The small map on a service page: drawn on the server from the municipal boundaries, a dot in
the right municipality for each located channel, a text alternative, nothing for channels without
coordinates. The channels are constructed for the tests, not real addresses."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client

from seuraamo.catalogue.models import Channel, ChannelKind, Service
from seuraamo.core.data_version import bump_data_version

pytestmark = pytest.mark.django_db


def located(service: Service, latitude: str, longitude: str, name: str, code: str = "") -> None:
    Channel.objects.create(
        service=service,
        kind=ChannelKind.LOCATION,
        name_fi=name,
        municipality=code,
        latitude=Decimal(latitude),
        longitude=Decimal(longitude),
    )
    bump_data_version()  # as every real writer does; pages are cached per data version


def svg_of(html: str) -> str:
    found = re.search(r"<svg viewBox.*?</svg>", html, re.S)
    assert found, "no map on the page"
    return found.group(0)


def test_a_located_channel_is_a_dot_in_its_municipality_with_a_text_alternative(
    catalogue: None, client: Client
) -> None:
    service = Service.objects.get(key="tyonhakijan-palvelut-kouvola")
    located(service, "60.86800", "26.70400", "Testipiste Kouvola", "KU286")
    html = client.get("/fi/services/tyonhakijan-palvelut-kouvola/").content.decode()
    svg = svg_of(html)
    assert len(re.findall(r"<path ", svg)) == 6  # the six municipalities
    assert re.search(r"<text [^>]*>Kouvola</text>", svg)
    (cx, cy), = [tuple(map(float, p)) for p in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)]  # fmt: skip
    # Kouvola is the northern half of the region: the dot is in the upper half of the map.
    width, height = map(float, re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    assert 0 < cx < width and 0 < cy < height / 2
    assert "Testipiste Kouvola" in html.split("</svg>")[1]
    assert "60,86800, 26,70400" in html  # the text alternative, in Finnish number format
    assert "mlat=60.86800&amp;mlon=26.70400" in html  # the link out keeps the dot


def test_a_dot_in_the_south_is_in_the_lower_half_and_swedish_names_on_sv(
    catalogue: None, client: Client
) -> None:
    service = Service.objects.get(key="ohjaamo-kotka")
    located(service, "60.46600", "26.94600", "Testipiste Kotka", "KU285")
    svg = svg_of(client.get("/sv/services/ohjaamo-kotka/").content.decode())
    height = float(re.search(r'viewBox="0 0 [\d.]+ ([\d.]+)"', svg).group(1))
    cy = float(re.search(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg).group(1))
    assert height / 2 < cy < height
    assert re.search(r"<text [^>]*>Kotka</text>", svg)


def test_no_map_without_coordinates_and_far_points_are_named_not_drawn(
    catalogue: None, client: Client
) -> None:
    service = Service.objects.get(key="ohjaamo-kotka")
    html = client.get("/fi/services/ohjaamo-kotka/").content.decode()
    assert "<svg viewBox" not in html
    located(service, "60.16950", "24.95250", "Testipiste Helsinki")
    html = client.get("/fi/services/ohjaamo-kotka/").content.decode()
    assert "Testipiste Helsinki" in html  # a fresh page, not the cached one from before
    assert "<svg viewBox" not in html
    located(service, "60.46600", "26.94600", "Testipiste Kotka", "KU285")
    html = client.get("/en/services/ohjaamo-kotka/").content.decode()
    assert len(re.findall(r"<circle ", svg_of(html))) == 1
    text = re.sub(r"<[^>]+>", "", html)
    assert "Outside the map of Kymenlaakso: Testipiste Helsinki (60.16950, 24.95250)" in text
