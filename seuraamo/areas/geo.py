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


#: Estimated size of a map label in pixels at the chart's size (12 px bold text, two lines).
CHAR_PX, LINE_PX, MARGIN_PX = 12.0, 20.0, 3.0


def _extent(features: tuple[Feature, ...] | list[Feature]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []

    def walk(coordinates: Any) -> None:
        if isinstance(coordinates[0], int | float):
            xs.append(coordinates[0])
            ys.append(coordinates[1])
            return
        for part in coordinates:
            walk(part)

    for feature in features:
        walk(feature.geometry["coordinates"])
    return min(xs), min(ys), max(xs), max(ys)


def spread_labels(
    features: list[Feature], texts: list[str], size_px: float
) -> list[tuple[float, float]]:
    """Label points (metres) moved apart so that no two labels overlap on a map drawn
    ``size_px`` wide and high: each overlapping pair is pushed apart along the axis where it
    overlaps least, a little at a time, until none overlaps (small municipalities in the
    south-east are close together)."""
    if not features:
        return []
    left, bottom, right, top = _extent(features)
    per_metre = size_px / max(right - left, top - bottom)
    boxes = []
    for feature, text in zip(features, texts, strict=True):
        lines = text.split("\n")
        width = max(len(line) for line in lines) * CHAR_PX + 2 * MARGIN_PX
        height = len(lines) * LINE_PX + 2 * MARGIN_PX
        boxes.append([feature.label_x * per_metre, -feature.label_y * per_metre, width, height])
    for _round in range(200):
        moved = False
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                overlap_x = (a[2] + b[2]) / 2 - abs(a[0] - b[0])
                overlap_y = (a[3] + b[3]) / 2 - abs(a[1] - b[1])
                if overlap_x <= 0 or overlap_y <= 0:
                    continue
                moved = True
                axis, overlap = (0, overlap_x) if overlap_x < overlap_y else (1, overlap_y)
                step = min(overlap / 2 + 0.5, 4.0)
                direction = 1 if a[axis] >= b[axis] else -1
                a[axis] += direction * step
                b[axis] -= direction * step
        if not moved:
            break
    return [(x / per_metre, -y / per_metre) for x, y, _w, _h in boxes]
