"""Areas: the whole country, ELY areas, regions, sub-regions, municipalities and employment areas.

Loaded from the snapshot's ``areas.csv`` (Statistics Finland's 2026 area names and hierarchy) and
``areas_extra.json`` (ELY areas, the Kymenlaakso employment areas of 2025, English names).
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from seuraamo.areas.models import Area, AreaLevel, AreaMembership
from seuraamo.core.data_version import bump_data_version

SNAPSHOT_DIR = Path(__file__).resolve().parent.parent / "snapshot"
AREAS_CSV = SNAPSHOT_DIR / "areas.csv"
AREAS_EXTRA = SNAPSHOT_DIR / "areas_extra.json"

_FIELDS = ("level", "name_fi", "name_sv", "name_en")
#: Levels whose Finnish name is used as such in English.
_FINNISH_NAME_IN_ENGLISH = {AreaLevel.MUNICIPALITY, AreaLevel.SUBREGION}


@dataclass(frozen=True)
class AreaCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    memberships_created: int = 0

    @property
    def written(self) -> int:
        return self.created + self.updated + self.memberships_created


def area_rows(csv_path: Path = AREAS_CSV, extra_path: Path = AREAS_EXTRA) -> list[dict[str, Any]]:
    """Every area as a dict of Area fields plus ``subregion``/``region`` parent codes."""
    extra = json.loads(extra_path.read_text(encoding="utf-8"))
    overrides: Mapping[str, Mapping[str, str]] = extra.get("overrides", {})
    names_en: Mapping[str, str] = extra.get("names_en", {})
    rows: list[dict[str, Any]] = []
    with csv_path.open(encoding="utf-8", newline="") as stream:
        for raw in csv.DictReader(stream):
            level = raw["level"]
            row: dict[str, Any] = {
                "code": raw["code"],
                "level": level,
                "name_fi": raw["name_fi"],
                "name_sv": raw["name_sv"],
                "name_en": names_en.get(raw["code"], ""),
                "member_codes": [],
                "members_from": None,
                "subregion": raw["subregion"] or None,
                "region": raw["region"] or None,
            }
            if not row["name_en"] and level in _FINNISH_NAME_IN_ENGLISH:
                row["name_en"] = raw["name_fi"]
            row.update(overrides.get(raw["code"], {}))
            rows.append(row)
    for item in extra.get("areas", ()):
        rows.append(
            {
                "code": item["code"],
                "level": item["level"],
                "name_fi": item["name_fi"],
                "name_sv": item.get("name_sv", ""),
                "name_en": item.get("name_en", ""),
                "member_codes": list(item.get("member_codes", [])),
                "members_from": item.get("members_from"),
                "subregion": item.get("subregion"),
                "region": item.get("region"),
            }
        )
    return rows


@transaction.atomic
def load_areas(*, csv_path: Path = AREAS_CSV, extra_path: Path = AREAS_EXTRA) -> AreaCounts:
    """Create or update every area of the snapshot; unchanged areas are not written."""
    rows = area_rows(csv_path, extra_path)
    existing = {area.code: area for area in Area.objects.all()}
    created = [
        Area(code=row["code"], **{field: row[field] for field in _FIELDS})
        for row in rows
        if row["code"] not in existing
    ]
    Area.objects.bulk_create(created)
    created_codes = {area.code for area in created}
    touched: set[str] = set()
    areas = {area.code: area for area in Area.objects.all()}
    for row in rows:
        area = areas[row["code"]]
        wanted = {field: row[field] for field in _FIELDS}
        for parent in ("subregion", "region"):
            found = areas.get(row[parent]) if row[parent] else None
            wanted[f"{parent}_id"] = found.pk if found else None
        differs = [field for field, value in wanted.items() if getattr(area, field) != value]
        if differs:
            for field in differs:
                setattr(area, field, wanted[field])
            area.save(update_fields=[field.removesuffix("_id") for field in differs])
            touched.add(area.code)
    updated = len(touched - created_codes)
    memberships_created = _add_missing_memberships(rows, areas)
    if created_codes or touched or memberships_created:
        bump_data_version()
    return AreaCounts(
        created=len(created_codes),
        updated=updated,
        unchanged=len(rows) - len(created_codes) - updated,
        memberships_created=memberships_created,
    )


def _add_missing_memberships(rows: list[dict[str, Any]], areas: Mapping[str, Area]) -> int:
    """The snapshot's memberships that the database lacks (a parent and member pair without any
    membership). Existing ones are left alone: dates edited in the admin are the user's."""
    known = set(AreaMembership.objects.values_list("parent__code", "member__code"))
    missing = []
    for row in rows:
        since = row.get("members_from")
        for code in row.get("member_codes", ()):
            if (row["code"], code) in known:
                continue
            if code not in areas:
                raise ValueError(
                    f"{AREAS_EXTRA.name}: {row['code']} lists member {code!r}, not an area"
                )
            missing.append(
                AreaMembership(
                    parent=areas[row["code"]],
                    member=areas[code],
                    valid_from=datetime.date.fromisoformat(since) if since else None,
                )
            )
    AreaMembership.objects.bulk_create(missing)
    return len(missing)
