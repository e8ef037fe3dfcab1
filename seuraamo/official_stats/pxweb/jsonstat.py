"""Parse json-stat 2.0 datasets and json-stat 1.0 (``{"dataset": ...}`` and bundles) into a Cube.

Supported: dense array or sparse object ``value``; ``status`` as one string, an array or an
object; ``category.index`` as object or array, or absent for a single category; ``role`` (2.0 at
top level, 1.0 inside ``dimension``); ``category.unit``; ``extension.px.tableid``.
Structural errors raise :class:`JsonStatError` with a precise message.

Speed: the dense path does no per-cell Python work beyond one C-level ``set(map(type, values))``
check, so a 120 000-cell answer costs little more than ``json.loads``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from .cube import Cube, Dimension, Number, Unit
from .errors import JsonStatError
from .numbers import MISSING_SYMBOL, parse_number
from .roles import RoleEvidence, resolve_roles
from .sizes import check_size

_NUMERIC_OR_NULL = frozenset({int, float, type(None)})


def refuse_json_constant(name: str) -> float:
    """For ``json.loads(parse_constant=...)``: NaN and Infinity are not JSON numbers."""
    raise JsonStatError(f"not valid JSON: {name} is not a number JSON allows")


def load_json(document: str | bytes | Mapping[str, Any]) -> Mapping[str, Any]:
    """``document`` as a mapping; text is decoded with a :class:`JsonStatError` on bad JSON."""
    if isinstance(document, Mapping):
        return document
    try:
        loaded = json.loads(document, parse_constant=refuse_json_constant)
    except (ValueError, UnicodeDecodeError) as error:
        raise JsonStatError(f"not valid JSON: {error}") from None
    except RecursionError:
        raise JsonStatError("not valid JSON: nested more deeply than the parser allows") from None
    if not isinstance(loaded, dict):
        raise JsonStatError(f"expected a JSON object at the top level, got {type(loaded).__name__}")
    return loaded


def parse_jsonstat(
    document: str | bytes | Mapping[str, Any], *, dataset: str | None = None
) -> Cube:
    """Parse one json-stat dataset (2.0, or 1.0 wrapped as ``{"dataset": {...}}``).

    For a json-stat 1.0 bundle with several named datasets pass ``dataset`` to choose one, or
    use :func:`parse_jsonstat_bundle`.
    """
    doc = load_json(document)
    if _is_dataset(doc):
        return _parse_dataset(doc)
    if doc.get("class") in ("collection", "dimension"):
        raise JsonStatError(
            f"json-stat class {doc['class']!r} is not a dataset; "
            "fetch or pass its datasets one by one"
        )
    bundle = parse_jsonstat_bundle(doc)
    if dataset is not None:
        if dataset not in bundle:
            raise JsonStatError(f"bundle has no dataset {dataset!r}; it has {sorted(bundle)}")
        return bundle[dataset]
    if len(bundle) != 1:
        raise JsonStatError(
            f"bundle has {len(bundle)} datasets {sorted(bundle)}; pass dataset= to choose one"
        )
    return next(iter(bundle.values()))


def parse_jsonstat_bundle(document: str | bytes | Mapping[str, Any]) -> dict[str, Cube]:
    """Parse a json-stat 1.0 bundle ``{"name": {dataset}, ...}`` into cubes by name."""
    doc = load_json(document)
    named = {name: part for name, part in doc.items() if isinstance(part, Mapping)}
    datasets = {name: part for name, part in named.items() if "dimension" in part}
    if not datasets:
        raise JsonStatError(
            "not a json-stat dataset: expected class 'dataset' (json-stat 2.0) or "
            f"{{'dataset': {{...}}}} (json-stat 1.0); top-level keys: {sorted(doc)[:10]}"
        )
    return {name: _parse_dataset(part, name=name) for name, part in datasets.items()}


def _is_dataset(doc: Mapping[str, Any]) -> bool:
    return doc.get("class") == "dataset" or ("id" in doc and "dimension" in doc)


def _parse_dataset(raw: Mapping[str, Any], name: str | None = None) -> Cube:
    where = f"dataset {name!r}: " if name else ""
    try:
        ids, sizes, roles = _shape(raw)
        dimensions = [
            _parse_dimension(raw["dimension"], dim_id, size)
            for dim_id, size in zip(ids, sizes, strict=True)
        ]
        _assign_roles(dimensions, roles)
        cells = _check_declared_size(raw.get("value"), sizes)
        values, symbols = _parse_values(raw.get("value"), sizes, cells)
        statuses = symbols | _parse_status(raw.get("status"), cells)
    except JsonStatError as error:
        raise JsonStatError(f"{where}{error}") from None
    extension = _object(raw.get("extension"))
    px = _object(extension.get("px"))
    return Cube(
        dimensions=dimensions,
        values=values,
        statuses=statuses,
        label=str(raw.get("label") or ""),
        source=str(raw.get("source") or ""),
        updated=raw.get("updated"),
        table_id=px.get("tableid") or raw.get("href"),
        notes=_as_notes(raw.get("note")),
        extension=dict(extension),
    )


def _shape(raw: Mapping[str, Any]) -> tuple[list[str], list[int], Mapping[str, Any]]:
    """Dimension ids, sizes and the role map, from 2.0 (top level) or 1.0 (inside dimension)."""
    dimension = raw.get("dimension")
    if not isinstance(dimension, Mapping):
        raise JsonStatError("'dimension' is missing or not an object")
    version_one = "id" not in raw and "id" in dimension
    holder = dimension if version_one else raw
    ids, sizes = holder.get("id"), holder.get("size")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise JsonStatError("'id' must be a list of dimension ids")
    if not isinstance(sizes, list) or not all(_is_count(s) for s in sizes):
        raise JsonStatError("'size' must be a list of non-negative integers")
    if len(ids) != len(sizes):
        raise JsonStatError(f"'id' has {len(ids)} entries but 'size' has {len(sizes)}")
    if len(set(ids)) != len(ids):
        raise JsonStatError(f"'id' repeats a dimension: {ids}")
    for dim_id in ids:
        if dim_id not in dimension:
            raise JsonStatError(
                f"dimension {dim_id!r} is listed in 'id' but missing from 'dimension'"
            )
    return ids, sizes, _object(holder.get("role"))


def _check_declared_size(raw: Any, sizes: Sequence[int]) -> int:
    """Refuse a declared size that is too large, before anything of that size is allocated."""
    return check_size(sizes, len(raw) if isinstance(raw, Mapping) else None)


def _object(value: Any) -> Mapping[str, Any]:
    """``value`` when it is a JSON object, else an empty one."""
    return value if isinstance(value, Mapping) else {}


def _is_count(value: Any) -> bool:
    return type(value) is int and value >= 0


def _parse_dimension(dimensions: Mapping[str, Any], dim_id: str, size: int) -> Dimension:
    raw = dimensions[dim_id]
    if not isinstance(raw, Mapping):
        raise JsonStatError(f"dimension {dim_id!r} is not an object")
    category = raw.get("category")
    if not isinstance(category, Mapping):
        raise JsonStatError(f"dimension {dim_id!r} has no 'category' object")
    labels = _object(category.get("label"))
    codes = _category_codes(dim_id, category.get("index"), labels)
    if len(codes) != size:
        raise JsonStatError(
            f"dimension {dim_id!r} has {len(codes)} categories but 'size' gives {size}"
        )
    return Dimension(
        id=dim_id,
        label=str(raw.get("label") or dim_id),
        codes=codes,
        labels={code: str(labels.get(code, code)) for code in codes},
        units=_parse_units(category.get("unit")),
        notes=_category_notes(category.get("note")),
    )


def _category_codes(dim_id: str, index: Any, labels: Mapping[str, Any]) -> list[str]:
    if index is None:
        if len(labels) == 1:
            return [str(next(iter(labels)))]
        raise JsonStatError(
            f"dimension {dim_id!r} has no category.index and {len(labels)} labels; an index is "
            "required unless there is exactly one category"
        )
    if isinstance(index, list):
        codes = [str(code) for code in index]
        if len(set(codes)) != len(codes):
            raise JsonStatError(f"category.index of dimension {dim_id!r} repeats a code")
        return codes
    if isinstance(index, Mapping):
        positions = list(index.values())
        if not all(type(p) is int for p in positions) or sorted(positions) != list(
            range(len(positions))
        ):
            raise JsonStatError(
                f"category.index of dimension {dim_id!r} is not a permutation of "
                f"0..{len(positions) - 1}: {_preview(positions)}"
            )
        codes = [""] * len(positions)
        for code, position in index.items():
            codes[position] = str(code)
        return codes
    raise JsonStatError(f"category.index of dimension {dim_id!r} must be an object or an array")


def _parse_units(raw: Any) -> dict[str, Unit]:
    if not isinstance(raw, Mapping):
        return {}
    units = {}
    for code, unit in raw.items():
        if isinstance(unit, Mapping):
            decimals = unit.get("decimals")
            label = unit.get("label", unit.get("base"))
            units[str(code)] = Unit(
                label=None if label is None else str(label),
                decimals=decimals if type(decimals) is int else None,
            )
    return units


def _category_notes(raw: Any) -> dict[str, str]:
    if not isinstance(raw, Mapping):
        return {}
    return {str(code): " ".join(_as_notes(note)) for code, note in raw.items()}


def _as_notes(raw: Any) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, list):
        return [str(note) for note in raw]
    return [str(raw)]


def _assign_roles(dimensions: list[Dimension], role_map: Mapping[str, Any]) -> None:
    declared: dict[str, str] = {}
    for role_name, members in role_map.items():
        for dim_id in members if isinstance(members, list) else []:
            if not isinstance(dim_id, str):
                raise JsonStatError(
                    f"role.{role_name} lists {str(dim_id)[:40]}, which is not a dimension id"
                )
            declared.setdefault(dim_id, role_name)
    evidence = [
        RoleEvidence(code=d.id, values=d.codes, jsonstat_role=declared.get(d.id))
        for d in dimensions
    ]
    for dimension, role in zip(dimensions, resolve_roles(evidence), strict=True):
        dimension.role = role


def _parse_values(
    raw: Any, sizes: Sequence[int], cells: int
) -> tuple[list[Number | None], dict[int, str]]:
    """The dense values and the statuses implied by symbol strings such as ``"..."``."""
    symbols: dict[int, str] = {}
    if isinstance(raw, list):
        if len(raw) != cells:
            raise JsonStatError(
                f"'value' has {len(raw)} entries but the sizes {list(sizes)} give {cells} cells"
            )
        if set(map(type, raw)) <= _NUMERIC_OR_NULL:
            return list(raw), symbols
        checked = [_checked_value(value, position, symbols) for position, value in enumerate(raw)]
        return checked, symbols
    if isinstance(raw, Mapping):
        positions = _sparse_positions(raw, cells, "value")
        values: list[Number | None] = [None] * cells
        if set(map(type, raw.values())) <= _NUMERIC_OR_NULL:
            for position, value in zip(positions, raw.values(), strict=True):
                values[position] = value
            return values, symbols
        for position, value in zip(positions, raw.values(), strict=True):
            values[position] = _checked_value(value, position, symbols)
        return values, symbols
    raise JsonStatError("'value' must be an array or an object")


def _checked_value(value: object, position: int, symbols: dict[int, str]) -> Number | None:
    """A number, or ``None`` for null and PX missing symbols (recorded in ``symbols``)."""
    if value is None or type(value) is int or type(value) is float:  # not bool, a subclass of int
        return value
    if isinstance(value, str):
        if value == "":
            return None
        if MISSING_SYMBOL.fullmatch(value):
            symbols[position] = value
            return None
        try:
            return parse_number(value)
        except ValueError:
            pass
    raise JsonStatError(f"value[{position}] is not a number or null: {value!r}")


def _sparse_positions(raw: Mapping[Any, Any], cells: int, what: str) -> list[int]:
    """The integer positions of a sparse object's keys (fast path; exact error on failure)."""
    try:
        positions = list(map(int, raw))
    except (TypeError, ValueError):
        positions = []
    if len(positions) == len(raw) and (
        not positions or 0 <= min(positions) <= max(positions) < cells
    ):
        return positions
    return [_sparse_position(key, cells, what) for key in raw]


def _sparse_position(key: Any, cells: int, what: str) -> int:
    try:
        position = int(key)
    except (TypeError, ValueError):
        raise JsonStatError(f"'{what}' key {key!r} is not an integer index") from None
    if not 0 <= position < cells:
        raise JsonStatError(f"'{what}' key {key!r} is out of range 0..{cells - 1}")
    return position


def _parse_status(raw: Any, cells: int) -> dict[int, str]:
    if raw is None:
        return {}
    if isinstance(raw, str):
        return dict.fromkeys(range(cells), raw)
    if isinstance(raw, list):
        if len(raw) == 1 and cells != 1 and raw[0] is not None:
            return dict.fromkeys(range(cells), str(raw[0]))
        if len(raw) != cells:
            raise JsonStatError(f"'status' has {len(raw)} entries but there are {cells} cells")
        return {position: str(s) for position, s in enumerate(raw) if s is not None}
    if isinstance(raw, Mapping):
        positions = _sparse_positions(raw, cells, "status")
        if set(map(type, raw.values())) <= {str}:
            return dict(zip(positions, raw.values(), strict=True))
        return {
            position: str(symbol)
            for position, symbol in zip(positions, raw.values(), strict=True)
            if symbol is not None
        }
    raise JsonStatError("'status' must be a string, an array or an object")


def _preview(items: Sequence[Any], limit: int = 8) -> str:
    shown = ", ".join(repr(item) for item in items[:limit])
    return f"[{shown}{', ...' if len(items) > limit else ''}]"
