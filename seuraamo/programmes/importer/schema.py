"""The JSON Schema of the programme file, built from the models, and its errors turned into
messages for people who edit YAML.

Lengths and enumerations come from the model fields, so a change to a model cannot silently
drift from the file format, and a value that SQLite would accept but PostgreSQL would truncate
or reject is caught here on both databases alike.
"""

from __future__ import annotations

import datetime
from functools import cache
from typing import Any

from django.db import models
from jsonschema import Draft202012Validator, FormatChecker, ValidationError

from seuraamo.areas.codes import MUNICIPALITY_CODE_PATTERN
from seuraamo.organisations import models as om
from seuraamo.programmes import models as m
from seuraamo.programmes.importer.errors import (
    DUPLICATE_LIST_ITEM,
    EMPTY_TEXT,
    INVALID_AREA_CODE,
    INVALID_DATE,
    INVALID_SLUG,
    INVALID_THEME_NUMBER,
    MISSING_FIELD,
    NUMBER_OUT_OF_RANGE,
    SCHEMA_OTHER,
    TEXT_TOO_LONG,
    UNKNOWN_FIELD,
    UNKNOWN_VALUE,
    WRONG_TYPE,
    Path,
    Problem,
)
from seuraamo.programmes.importer.loader import Document

FORMAT = "seuraamo-programme/1"
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
THEME_NUMBER_PATTERN = r"^[0-9]+(\.[0-9]+)*\Z"
NOT_BLANK_PATTERN = r"\S"
FIRST_YEAR, LAST_YEAR = 1900, 2100

#: A JSON Schema (or a part of one): JSON values of any type under its keywords.
Schema = dict[str, Any]


def _limit(model: type[models.Model], name: str) -> int | None:
    field = model._meta.get_field(name)
    return field.max_length if isinstance(field, models.Field) else None


def _string(model: type[models.Model], name: str, *, required: bool = False) -> Schema:
    schema: Schema = {"type": "string"} if required else {"type": ["string", "null"]}
    if required:
        schema["pattern"] = NOT_BLANK_PATTERN
    limit = _limit(model, name)
    if limit:
        schema["maxLength"] = limit
    return schema


def _text(model: type[models.Model], name: str, *, required: bool) -> Schema:
    """A translatable text: {fi, sv, en}. Finnish is always present; titles must not be empty."""
    return {
        "type": "object",
        "x-expected": "a text mapping {fi: ..., sv: ..., en: ...}",
        "additionalProperties": False,
        "required": ["fi"],
        "properties": {
            "fi": _string(model, f"{name}_fi", required=required),
            "sv": _string(model, f"{name}_sv"),
            "en": _string(model, f"{name}_en"),
        },
    }


def _slug(model: type[models.Model], name: str = "key") -> Schema:
    return {"type": "string", "pattern": SLUG_PATTERN, "maxLength": _limit(model, name)}


def _choice(choices: type[models.TextChoices]) -> Schema:
    return {"type": "string", "enum": list(choices.values)}


def _date(*, required: bool = False) -> Schema:
    return {
        "type": "string" if required else ["string", "null"],
        "format": "date",
        "x-expected": "a date (YYYY-MM-DD)",
    }


def _object(required: list[str], properties: dict[str, Schema]) -> Schema:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": properties,
    }


def _list(items: Schema, *, unique: bool = False) -> Schema:
    schema: Schema = {"type": "array", "items": items}
    if unique:
        schema["uniqueItems"] = True
    return schema


def _indicator() -> Schema:
    indicator = m.Indicator
    statistic = _object(
        ["table", "content_code", "area"],
        {
            "table": _string(indicator, "stat_table", required=True),
            "content_code": _string(indicator, "stat_content_code", required=True),
            "area": _string(indicator, "stat_area", required=True),
        },
    )
    value = {"type": "number"}
    year = {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}
    return _object(
        ["key", "name", "unit", "desired_direction", "kind"],
        {
            "key": _slug(indicator),
            "name": _text(indicator, "name", required=True),
            "unit": _choice(m.IndicatorUnit),
            "desired_direction": _choice(m.DesiredDirection),
            "kind": _choice(m.IndicatorKind),
            "statistic": statistic,
            "source": _text(indicator, "source_description", required=False),
            "baseline": _object(["value", "date"], {"value": value, "date": _date(required=True)}),
            "targets": _list(
                _object(
                    ["year", "value"],
                    {
                        "year": year,
                        "value": value,
                        "area": _string(m.IndicatorTarget, "area"),
                    },
                )
            ),
        },
    )


def _succession() -> Schema:
    municipalities = {"type": "string", "pattern": MUNICIPALITY_CODE_PATTERN}
    return _object(
        ["organisation"],
        {
            "organisation": _slug(om.Organisation),
            "date": _date(),
            "municipalities": _list(municipalities, unique=True),
        },
    )


def _organisation() -> Schema:
    organisation = om.Organisation
    return _object(
        ["key", "name", "kind"],
        {
            "key": _slug(organisation),
            "name": _text(organisation, "name", required=True),
            "short_name": _string(organisation, "short_name"),
            "kind": _choice(om.OrganisationKind),
            "business_id": {"type": ["string", "null"]},
            "website": _string(organisation, "website"),
            "municipalities": _list(
                {"type": "string", "pattern": MUNICIPALITY_CODE_PATTERN}, unique=True
            ),
            "valid_from": _date(),
            "valid_until": _date(),
            "successors": _list(_succession()),
            "notes": _string(organisation, "notes"),
        },
    )


def _programme() -> Schema:
    year = {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}
    reference = {"type": "string", "pattern": SLUG_PATTERN}
    indicators = _list(_indicator())
    goal = _object(
        ["key", "title"],
        {
            "key": _slug(m.Goal),
            "title": _text(m.Goal, "title", required=True),
            "description": _text(m.Goal, "description", required=False),
            "coordinators": _list(
                _object(
                    ["organisation"],
                    {"organisation": reference, "role": _choice(m.CoordinationRole)},
                )
            ),
            "measures": _list(
                _object(
                    ["key", "title"],
                    {
                        "key": _slug(m.Measure),
                        "title": _text(m.Measure, "title", required=True),
                        "description": _text(m.Measure, "description", required=False),
                    },
                )
            ),
            "indicators": indicators,
        },
    )
    theme = _object(
        ["number", "title"],
        {
            "number": {
                **_string(m.Theme, "number", required=True),
                "pattern": THEME_NUMBER_PATTERN,
            },
            "title": _text(m.Theme, "title", required=True),
            "targeted_impacts": _text(m.Theme, "targeted_impacts", required=False),
            "indicators": indicators,
            "goals": _list(goal),
        },
    )
    membership = _object(
        ["organisation"],
        {
            "organisation": reference,
            "role": _choice(m.SteeringGroupRole),
            "valid_from": _date(),
            "valid_until": _date(),
        },
    )
    return _object(
        ["key", "name", "start_year", "themes"],
        {
            "key": _slug(m.Programme),
            "name": _text(m.Programme, "name", required=True),
            "start_year": year,
            "end_year": {**year, "type": ["integer", "null"]},
            "start_date": _date(),
            "description": _text(m.Programme, "description", required=False),
            "source_note": _string(m.Programme, "source_note"),
            "steering_group": _list(membership),
            "themes": _list(theme),
        },
    )


@cache
def programme_schema() -> Schema:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **_object(
            ["format", "organisations", "programme"],
            {
                "format": {"const": FORMAT},
                "organisations": _list(_organisation()),
                "programme": _programme(),
            },
        ),
    }


def schema_problems(document: Document) -> list[Problem]:
    validator = Draft202012Validator(programme_schema(), format_checker=FormatChecker(["date"]))
    problems: list[Problem] = []
    for error in validator.iter_errors(document.data):
        problems.extend(_translate(error, document))
    return problems


def _translate(error: ValidationError, document: Document) -> list[Problem]:
    path: Path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    instance = error.instance
    keyword = error.validator
    if keyword == "required":
        # jsonschema reports each missing property separately; name the one this error is about.
        missing = [name for name in error.validator_value if name not in instance]
        name = next((n for n in missing if repr(n) in error.message), missing[0])
        return [document.problem((*path, name), MISSING_FIELD)]
    if keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        return [
            document.problem((*path, name), UNKNOWN_FIELD.format(allowed=", ".join(allowed)))
            for name in instance
            if name not in allowed
        ]
    return [document.problem(path, _message(keyword, error, schema, instance))]


def _message(keyword: object, error: ValidationError, schema: Schema, instance: object) -> str:
    if keyword == "type":
        expected = schema.get("x-expected") or _describe_types(error.validator_value)
        return WRONG_TYPE.format(expected=expected, actual=describe_value(instance))
    if keyword in ("enum", "const"):
        allowed = schema.get("enum") or [schema.get("const")]
        return UNKNOWN_VALUE.format(
            actual=quote(instance), allowed=", ".join(str(value) for value in allowed)
        )
    if keyword == "format":
        return INVALID_DATE.format(actual=quote(instance))
    if keyword == "pattern":
        return {
            SLUG_PATTERN: INVALID_SLUG.format(actual=quote(instance)),
            MUNICIPALITY_CODE_PATTERN: INVALID_AREA_CODE.format(actual=quote(instance)),
            THEME_NUMBER_PATTERN: INVALID_THEME_NUMBER.format(actual=quote(instance)),
        }.get(str(error.validator_value), EMPTY_TEXT)
    if keyword == "maxLength":
        return TEXT_TOO_LONG.format(length=len(str(instance)), limit=error.validator_value)
    if keyword in ("minimum", "maximum"):
        return NUMBER_OUT_OF_RANGE.format(
            actual=instance, low=schema.get("minimum"), high=schema.get("maximum")
        )
    if keyword == "uniqueItems":
        return DUPLICATE_LIST_ITEM
    return SCHEMA_OTHER.format(detail=error.message)


_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "object": "a mapping",
    "array": "a list",
    "boolean": "true or false",
}


def _describe_types(types: object) -> str:
    names = [types] if isinstance(types, str) else list(types)  # type: ignore[call-overload]
    described = [_TYPE_NAMES[name] for name in names if name != "null"]
    return " or ".join(described) or "null"


def quote(value: object) -> str:
    if isinstance(value, str):
        return '"' + (value if len(value) <= 60 else value[:57] + "...") + '"'
    return describe_value(value)


def describe_value(value: object) -> str:
    """How a YAML author would recognise the value: YAML words, not Python type names."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean ({'true' if value else 'false'})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"a string ({quote(value)})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, datetime.datetime):
        return f"a timestamp ({value.isoformat(sep=' ')})"
    return f"a {type(value).__name__}"
