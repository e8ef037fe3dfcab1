"""Answer bodies the fake server writes: v1 metadata, json-stat2, json-stat 1.0 and PxWeb json."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from typing import Any

from .tables import FakeTable, FakeVariable, Number


class QueryError(Exception):
    """A bad query; ``status`` is the HTTP status to answer (400/403)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def v1_metadata(table: FakeTable, lang: str | None) -> dict[str, Any]:
    variables = []
    for variable in table.variables:
        text, texts = variable.texts(lang)
        entry: dict[str, Any] = {
            "code": variable.code,
            "text": text,
            "values": list(variable.values),
            "valueTexts": texts,
            "elimination": variable.elimination,
        }
        if variable.time:
            entry["time"] = True
        if variable.map:
            entry["map"] = variable.map
        variables.append(entry)
    return {"title": table.title, "variables": variables}


def resolve_v1_query(table: FakeTable, body: Any) -> tuple[list[list[int] | None], str]:
    """Positions selected per variable (``None`` = eliminated) and the response format."""
    if not isinstance(body, Mapping) or not isinstance(body.get("query"), list):
        raise QueryError(400, "Bad Request: body must have a 'query' list")
    fmt = (body.get("response") or {}).get("format", "px")
    if fmt not in ("json-stat2", "json-stat", "json"):
        raise QueryError(400, f"Bad Request: format {fmt!r} is not served by the fake")
    chosen: dict[str, list[int]] = {}
    for part in body["query"]:
        code = part.get("code")
        try:
            variable = table.variable(code)
        except KeyError:
            raise QueryError(400, f"Bad Request: unknown variable {code!r}") from None
        selection = part.get("selection") or {}
        chosen[code] = select_positions(
            variable, selection.get("filter"), selection.get("values") or []
        )
    return [_chosen_or_eliminated(v, chosen) for v in table.variables], fmt


def _chosen_or_eliminated(
    variable: FakeVariable, chosen: Mapping[str, list[int]]
) -> list[int] | None:
    if variable.code in chosen:
        return chosen[variable.code]
    if variable.elimination:
        return None
    raise QueryError(400, f"Bad Request: variable {variable.code!r} must be selected")


def select_positions(variable: FakeVariable, kind: str | None, values: Sequence[str]) -> list[int]:
    """Positions for a v1 filter (``item``, ``all`` with ``*`` wildcards, ``top``)."""
    if kind == "item":
        positions = []
        for value in values:
            if value not in variable.values:
                raise QueryError(400, f"Bad Request: {variable.code!r} has no value {value!r}")
            positions.append(variable.values.index(value))
        return positions
    if kind == "all":
        prefixes = [v.rstrip("*") for v in values]
        return [n for n, v in enumerate(variable.values) if any(v.startswith(p) for p in prefixes)]
    if kind == "top":
        count = int(values[0])
        return list(range(max(len(variable.values) - count, 0), len(variable.values)))
    raise QueryError(400, f"Bad Request: filter {kind!r} not served by the fake")


def count_selected(table: FakeTable, positions: Sequence[list[int] | None]) -> int:
    return math.prod(len(p) for p in positions if p is not None)


def compute_cells(table: FakeTable, positions: Sequence[list[int] | None]) -> list[Number | None]:
    """Values in row-major order over the kept variables; eliminated ones are summed."""
    expanded = [
        p if p is not None else list(range(len(v.values)))
        for p, v in zip(positions, table.variables, strict=True)
    ]
    if all(p is not None for p in positions):
        if table.block is not None:
            return table.block(expanded)
        return [table.cell(combo) for combo in itertools.product(*expanded)]
    kept = [n for n, p in enumerate(positions) if p is not None]
    sums: dict[tuple[int, ...], Number | None] = {}
    for combo in itertools.product(*expanded):
        key = tuple(combo[n] for n in kept)
        value = table.cell(combo)
        if value is not None:
            sums[key] = (sums.get(key) or 0) + value
        else:
            sums.setdefault(key, None)
    return list(sums.values())


def json_stat2(
    table: FakeTable, positions: Sequence[list[int] | None], lang: str | None
) -> dict[str, Any]:
    values = compute_cells(table, positions)
    kept = [(v, p) for v, p in zip(table.variables, positions, strict=True) if p is not None]
    dimension = {v.code: _jsonstat_dimension(table, v, p, lang) for v, p in kept}
    status = {str(n): table.suppressed_status for n, value in enumerate(values) if value is None}
    document: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "label": table.title,
        "source": table.source,
        "updated": table.updated,
        "id": [v.code for v, _ in kept],
        "size": [len(p) for _, p in kept],
        "dimension": dimension,
        "value": values,
        "role": _roles(v for v, _ in kept),
        "extension": {"px": {"tableid": table.v2_id, "decimals": 0, "language": lang}},
    }
    if status:
        document["status"] = status
    return document


def json_stat1(
    table: FakeTable, positions: Sequence[list[int] | None], lang: str | None
) -> dict[str, Any]:
    """The same data as json-stat 1.0: ``{"dataset": {...}}`` with id/size/role in dimension."""
    two = json_stat2(table, positions, lang)
    dimension = dict(two["dimension"])
    dimension.update(id=two["id"], size=two["size"], role=two["role"])
    dataset = {key: two[key] for key in ("label", "source", "updated", "value") if key in two}
    dataset["dimension"] = dimension
    if "status" in two:
        dataset["status"] = two["status"]
    return {"dataset": dataset}


def _jsonstat_dimension(
    table: FakeTable, variable: FakeVariable, positions: Sequence[int], lang: str | None
) -> dict[str, Any]:
    text, texts = variable.texts(lang)
    codes = [variable.values[p] for p in positions]
    category: dict[str, Any] = {
        "index": {code: n for n, code in enumerate(codes)},
        "label": {variable.values[p]: texts[p] for p in positions},
    }
    units = (
        {
            code: {
                "base": table.units.get(code, ("lkm", 0))[0],
                "decimals": table.units.get(code, ("lkm", 0))[1],
            }
            for code in codes
        }
        if variable.content
        else {}
    )
    if units:
        category["unit"] = units
    return {"label": text, "category": category, "extension": {"show": "value"}}


def _roles(variables: Any) -> dict[str, list[str]]:
    roles: dict[str, list[str]] = {}
    for variable in variables:
        if variable.time:
            roles.setdefault("time", []).append(variable.code)
        if variable.content:
            roles.setdefault("metric", []).append(variable.code)
        if variable.map:
            roles.setdefault("geo", []).append(variable.code)
    return roles


def pxweb_json(table: FakeTable, positions: Sequence[list[int] | None], lang: str | None) -> dict:
    """The v1 ``json`` format: key columns, one ``c`` column per content value, text values."""
    kept = [(v, p) for v, p in zip(table.variables, positions, strict=True) if p is not None]
    if not kept or not kept[-1][0].content:
        raise QueryError(400, "Bad Request: the fake writes json only with the content last")
    values = compute_cells(table, positions)
    content, content_positions = kept[-1]
    key_variables = kept[:-1]
    columns = [
        {"code": v.code, "text": v.texts(lang)[0], "type": v.column_type} for v, _ in key_variables
    ]
    _, content_texts = content.texts(lang)
    columns += [
        {"code": content.values[p], "text": content_texts[p], "type": "c"}
        for p in content_positions
    ]
    width = len(content_positions)
    data = []
    key_lists = [[v.values[p] for p in ps] for v, ps in key_variables]
    for row, key in enumerate(itertools.product(*key_lists)):
        texts = [_as_text(value) for value in values[row * width : (row + 1) * width]]
        data.append({"key": list(key), "values": texts})
    return {
        "columns": columns,
        "comments": [],
        "data": data,
        "metadata": [
            {
                "updated": table.updated.replace(":", "."),
                "label": table.title,
                "source": table.source,
            }
        ],
    }


def _as_text(value: Number | None) -> str:
    if value is None:
        return "..."
    return str(value)


def rename_codes(document: Any, mapping: Mapping[str, str]) -> Any:
    """Rename variable codes in a metadata or json-stat2 answer (fault injection)."""
    if "variables" in document:
        for variable in document["variables"]:
            variable["code"] = mapping.get(variable["code"], variable["code"])
        return document
    if "id" in document:
        document["id"] = [mapping.get(code, code) for code in document["id"]]
        document["dimension"] = {mapping.get(k, k): v for k, v in document["dimension"].items()}
        document["role"] = {
            r: [mapping.get(c, c) for c in ids] for r, ids in document.get("role", {}).items()
        }
    return document
