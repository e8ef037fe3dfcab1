"""PxWebApi 2.0 routes of the fake server (``/api/v2/...``), shaped after the v2 spec."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import parse_qs

from .responses import QueryError, count_selected, json_stat2
from .tables import FakeTable, FakeVariable


def v2_config(max_cells: int, max_calls: int, window: float) -> dict[str, Any]:
    return {
        "apiVersion": "2.0.0",
        "appVersion": "fake",
        "languages": [{"id": "sv", "label": "Svenska"}, {"id": "en", "label": "English"}],
        "defaultLanguage": "sv",
        "maxDataCells": max_cells,
        "maxCallsPerTimeWindow": max_calls,
        "timeWindow": window,
        "license": "CC0",
        "sourceReferences": [],
        "defaultDataFormat": "json-stat2",
        "dataFormats": ["json-stat2", "csv", "px", "xlsx", "html", "json-px"],
        "features": [],
    }


def v2_table_list(tables: Sequence[FakeTable], lang: str) -> dict[str, Any]:
    entries = [
        {
            "type": "Table",
            "id": t.v2_id,
            "label": t.title,
            "updated": t.updated,
            "firstPeriod": _time_values(t)[0],
            "lastPeriod": _time_values(t)[-1],
        }
        for t in tables
    ]
    return {
        "language": lang,
        "tables": entries,
        "page": {"pageNumber": 1, "pageSize": 100, "totalElements": len(entries), "totalPages": 1},
        "links": [],
    }


def _time_values(table: FakeTable) -> list[str]:
    return next((v.values for v in table.variables if v.time), [""])


def v2_metadata(table: FakeTable, lang: str) -> dict[str, Any]:
    """json-stat2 shaped metadata without ``value`` (all categories of every variable)."""
    document = json_stat2(table, [[] for _ in table.variables], lang)
    document.pop("value")
    document.pop("status", None)
    document["size"] = [len(v.values) for v in table.variables]
    for variable in table.variables:
        full = json_stat2_dimension_full(table, variable, lang)
        document["dimension"][variable.code] = full
    document["extension"] = {"px": {"tableid": table.v2_id, "language": lang}}
    return document


def json_stat2_dimension_full(table: FakeTable, variable: FakeVariable, lang: str) -> dict:
    text, texts = variable.texts(lang)
    dimension: dict[str, Any] = {
        "label": text,
        "category": {
            "index": {code: n for n, code in enumerate(variable.values)},
            "label": dict(zip(variable.values, texts, strict=True)),
        },
        "extension": {"elimination": variable.elimination, "show": "value"},
    }
    if variable.content:
        dimension["category"]["unit"] = {
            code: {
                "base": table.units.get(code, ("number", 0))[0],
                "decimals": table.units.get(code, ("number", 0))[1],
            }
            for code in variable.values
        }
    return dimension


def v2_positions(table: FakeTable, query: str, body: bytes | None) -> list[list[int] | None]:
    """Selected positions from ``valueCodes[VAR]=a,b`` parameters or a POST selection body."""
    wanted: dict[str, list[str]] = {}
    for key, values in parse_qs(query).items():
        if key.startswith("valueCodes[") and key.endswith("]"):
            wanted[key[len("valueCodes[") : -1]] = _split_codes(values[-1])
    if body:
        selection = json.loads(body).get("selection", [])
        for part in selection:
            wanted[part["variableCode"]] = list(part["valueCodes"])
    unknown = set(wanted) - {v.code for v in table.variables}
    if unknown:
        raise QueryError(400, f"Non-existent variable {sorted(unknown)}")
    return [_positions(v, wanted.get(v.code)) for v in table.variables]


def _positions(variable: FakeVariable, codes: list[str] | None) -> list[int] | None:
    if codes is None:
        if variable.elimination:
            return None
        return list(range(len(variable.values)))
    if codes == ["*"]:
        return list(range(len(variable.values)))
    missing = [c for c in codes if c not in variable.values]
    if missing:
        raise QueryError(400, f"Non-existent value {missing[:3]} for {variable.code}")
    return [variable.values.index(c) for c in codes]


def _split_codes(text: str) -> list[str]:
    """Split ``a,[b,c],d`` into ``["a", "b,c", "d"]``."""
    codes, current, depth = [], "", 0
    for char in text:
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "," and depth == 0:
            codes.append(current)
            current = ""
        else:
            current += char
    codes.append(current)
    return codes


def check_cells(table: FakeTable, positions: Mapping[int, Any] | list, max_cells: int) -> None:
    if count_selected(table, positions) > max_cells:
        raise QueryError(403, "Too many cells selected")
