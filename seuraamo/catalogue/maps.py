"""The small map on a service page: Kymenlaakso's municipal boundaries (Statistics Finland 2026,
EPSG:3067, from `areas/geo.py`) as an inline SVG with a dot for each located channel. Drawn on
the server from data in the package, so it works offline and without JavaScript; the page gives a
text alternative and a link out to a full map for each point."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from seuraamo.areas import geo
from seuraamo.catalogue.models import Channel, ChannelKind
from seuraamo.catalogue.tm35fin import to_tm35fin

MARGIN_METRES = 3000
METRES_PER_UNIT = 1000  # the SVG draws in kilometres


@dataclass(frozen=True)
class MapArea:
    code: str
    name: str
    name_sv: str
    path: str
    marked: bool  # a point of the map lies in it
    label_x: float
    label_y: float


@dataclass(frozen=True)
class MapPoint:
    channel: Channel
    x: float
    y: float


@dataclass(frozen=True)
class ServiceMap:
    width: float
    height: float
    areas: list[MapArea]
    points: list[MapPoint]
    outside: list[Channel]  # located channels beyond the region's map


def _bounds(features: Iterable[geo.Feature]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for feature in features:
        for ring in _rings(feature.geometry):
            xs += [point[0] for point in ring]
            ys += [point[1] for point in ring]
    return (
        min(xs) - MARGIN_METRES,
        min(ys) - MARGIN_METRES,
        max(xs) + MARGIN_METRES,
        max(ys) + MARGIN_METRES,
    )


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    return [ring for polygon in polygons for ring in polygon]


def service_map(channels: Iterable[Channel]) -> ServiceMap | None:
    """The map of the service's located channels, or None when none has coordinates."""
    located = [
        (channel, float(channel.latitude), float(channel.longitude))
        for channel in channels
        if channel.kind == ChannelKind.LOCATION
        and channel.latitude is not None
        and channel.longitude is not None  # both or neither (Channel.clean)
    ]
    if not located:
        return None
    features = geo.municipalities()
    west, south, east, north = _bounds(features)

    def svg_point(easting: float, northing: float) -> tuple[float, float]:
        return (
            round((easting - west) / METRES_PER_UNIT, 2),
            round((north - northing) / METRES_PER_UNIT, 2),
        )

    points: list[MapPoint] = []
    outside: list[Channel] = []
    for channel, latitude, longitude in located:
        easting, northing = to_tm35fin(latitude, longitude)
        if west <= easting <= east and south <= northing <= north:
            points.append(MapPoint(channel, *svg_point(easting, northing)))
        else:
            outside.append(channel)
    if not points:
        return None
    marked = {point.channel.municipality for point in points}
    areas = []
    for feature in features:
        path = " ".join(
            "M " + " L ".join("{} {}".format(*svg_point(x, y)) for x, y in ring) + " Z"
            for ring in _rings(feature.geometry)
        )
        label_x, label_y = svg_point(feature.label_x, feature.label_y)
        areas.append(
            MapArea(
                feature.code,
                feature.name,
                feature.name_sv,
                path,
                feature.code in marked,
                label_x,
                label_y,
            )
        )
    return ServiceMap(
        width=round((east - west) / METRES_PER_UNIT, 2),
        height=round((north - south) / METRES_PER_UNIT, 2),
        areas=areas,
        points=points,
        outside=outside,
    )
