"""The municipal boundaries of Kymenlaakso (Statistics Finland 2026, CC BY 4.0, EPSG:3067 metres;
see data/PROVENANCE.txt) and a label point for each municipality."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

GEOJSON = Path(__file__).parent / "data" / "kymenlaakso_municipalities_2026_epsg3067.geo.json"


@dataclass(frozen=True)
class Feature:
    code: str  # KU285
    name: str  # Finnish name
    name_sv: str
    geometry: dict[str, Any]
    label_x: float
    label_y: float


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Signed area and centroid of a closed ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area, cx / (6 * area), cy / (6 * area)


def label_point(geometry: dict[str, Any]) -> tuple[float, float]:
    """The centroid of the largest polygon's outer ring."""
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    best = max((_ring_centroid(polygon[0]) for polygon in polygons), key=lambda c: abs(c[0]))
    return best[1], best[2]


@cache
def municipalities() -> tuple[Feature, ...]:
    data = json.loads(GEOJSON.read_text(encoding="utf-8"))
    features = []
    for item in data["features"]:
        props = item["properties"]
        code = f"KU{props['natcode']}"
        x, y = label_point(item["geometry"])
        features.append(
            Feature(
                code=code,
                name=props["namefin"],
                name_sv=props.get("nameswe") or props["namefin"],
                geometry=item["geometry"],
                label_x=round(x),
                label_y=round(y),
            )
        )
    return tuple(sorted(features, key=lambda f: f.code))
