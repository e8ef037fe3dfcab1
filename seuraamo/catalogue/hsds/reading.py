"""Reading an HSDS 3.0 file for the import: its shape, the official service schema, and each
record's values in the catalogue's terms. Plain Python (no Django); :mod:`.importer` writes.

Accepted shapes: one service object, a list of services, an HSDS page (`contents`), or the file
`seuraamo export_hsds` writes (all three languages). Every record is checked against the official
service schema (``catalogue/data/hsds/service.json``) before anything is written; the first problem
is an :class:`HsdsImportError` naming the file and the path inside it
(``corrupt.json:[0].status: 'open' is not one of […]``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

from seuraamo.catalogue.hours import WEEKDAYS, clock

SCHEMA_DIR = Path(__file__).parents[1] / "data" / "hsds"
LANGUAGES = ("fi", "sv", "en")


class HsdsImportError(Exception):
    """Bad input: the message names the file and the path inside it."""


@dataclass(frozen=True)
class Batch:
    """The services of one language of a file, with the organisations the file gives."""

    language: str
    prefix: str  # where the services stand in the file: "", "contents", "languages.fi.services"
    services: list[Any]
    organisations: list[Any]


def read_document(path: Path, language: str) -> list[Batch]:
    """The file's batches, each record checked against the official service schema;
    ``language`` is the language of a file that does not say (all but an export)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HsdsImportError(f"{path}: file not found") from None
    except json.JSONDecodeError as error:
        raise HsdsImportError(f"{path.name}:{error.lineno}: not valid JSON: {error.msg}") from None
    batches = _batches(data, language, path.name)
    validator = _service_validator()
    for batch in batches:
        for index, record in enumerate(batch.services):
            problems = validator.iter_errors(record)
            for problem in sorted(problems, key=lambda e: list(e.absolute_path)):
                where = ".".join(
                    f"[{step}]" if isinstance(step, int) else str(step)
                    for step in problem.absolute_path
                ).replace(".[", "[")
                raise HsdsImportError(
                    f"{path.name}:{batch.prefix}[{index}].{where}: {problem.message}"
                )
    return batches


def _service_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / "service.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _batches(data: Any, language: str, name: str) -> list[Batch]:
    if isinstance(data, dict) and isinstance(data.get("languages"), dict):
        return [
            Batch(
                code,
                f"languages.{code}.services",
                list(part.get("services", [])),
                list(part.get("organizations", [])),
            )
            for code, part in data["languages"].items()
            if code in LANGUAGES and isinstance(part, dict)
        ]
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        return [Batch(language, "contents", data["contents"], [])]
    if isinstance(data, list):
        return [Batch(language, "", data, [])]
    if isinstance(data, dict):
        return [Batch(language, "", [data], [])]
    raise HsdsImportError(f"{name}: expected a service, a list of services or an HSDS page")


def profile_attributes(
    record: Mapping[str, Any], known: Mapping[str, tuple[str, str]]
) -> tuple[int | None, list[str]]:
    """The service level and target groups a record's `attributes` link to among the profile's
    terms (``known``: term id → (taxonomy, code)); other taxonomies are ignored."""
    level: int | None = None
    groups: list[str] = []
    for attribute in record.get("attributes", []):
        term = attribute.get("taxonomy_term_id") or (attribute.get("taxonomy_term") or {}).get("id")
        taxonomy, code = known.get(str(term), ("", ""))
        if taxonomy == "service_level":
            level = int(code)
        elif taxonomy == "target_group" and code not in groups:
            groups.append(code)
    return level, groups


def municipalities(record: Mapping[str, Any], names: Mapping[str, Mapping[str, str]]) -> list[str]:
    """The codes of the `service_areas` named like a municipality (``names``: code → language →
    name), each once; other areas are left out."""
    by_name = {name.lower(): code for code, texts in names.items() for name in texts.values()}
    codes = []
    for area in record.get("service_areas", []):
        code = by_name.get(str(area.get("name", "")).strip().lower())
        if code and code not in codes:
            codes.append(code)
    return codes


def location_fields(item: Mapping[str, Any], where: str) -> tuple[dict[str, Any], str | None]:
    """The fields of a location channel from a `service_at_locations` item, and a warning when
    its coordinates are left out (not a WGS84 position)."""
    location = item.get("location") or {}
    fields: dict[str, Any] = {"name_fi": str(location.get("name", ""))[:200]}
    addresses = location.get("addresses") or []
    if addresses:
        address = addresses[0]
        fields["street_address"] = str(address.get("address_1", ""))[:200]
        fields["postal_code"] = str(address.get("postal_code", "")).upper()[:12]
        fields["post_office"] = str(address.get("city", ""))[:80]
    warning = None
    latitude, longitude = location.get("latitude"), location.get("longitude")
    if latitude is not None and longitude is not None:
        if -90 <= latitude <= 90 and -180 <= longitude <= 180:
            fields["latitude"], fields["longitude"] = round(latitude, 5), round(longitude, 5)
        else:
            warning = (
                f"{where}.location.latitude: ({latitude}, {longitude}) is not a WGS84 position; "
                "coordinates left out"
            )
    schedules = item.get("schedules") or location.get("schedules") or []
    fields["weekly_hours"] = weekly_hours(schedules)
    return fields, warning


def weekly_hours(schedules: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """The week of weekly schedules (freq WEEKLY, plain weekday codes in byday, opens_at and
    closes_at as HH:MM…); other schedules (monthly, nth weekday, no times) are left out."""
    week: dict[str, list[str]] = {}
    for schedule in schedules:
        if schedule.get("freq") != "WEEKLY" or schedule.get("interval") not in (None, 1):
            continue
        opens = clock(str(schedule.get("opens_at") or "")[:5])
        closes = clock(str(schedule.get("closes_at") or "")[:5])
        days = [day.strip() for day in str(schedule.get("byday") or "").split(",")]
        if not opens or not closes or closes <= opens or not all(d in WEEKDAYS for d in days):
            continue
        for day in days:
            week.setdefault(day, [opens, closes])
    return {day: week[day] for day in WEEKDAYS if day in week}
