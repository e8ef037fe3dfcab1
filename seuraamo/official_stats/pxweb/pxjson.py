"""Parse the PxWeb v1 ``"format": "json"`` answer into a Cube.

Shape (verified against real StatFin bodies)::

    {"columns": [{"code": "Alue", "text": "Alue", "type": "d"},
                 {"code": "timeperiod_m", "text": "Kuukausi", "type": "t"},
                 {"code": "TYOTTOMATLOPUSSA", "text": "...", "comment": "...", "type": "c"}, ...],
     "comments": [],
     "data": [{"key": ["MK08", "2026M06"], "values": ["10153", "14.4", "...", ...]}, ...],
     "metadata": [{"updated": "2026-07-21T05.00.00Z", "label": "...", "source": "..."}]}

``d``/``t`` columns become dimensions (``t`` = time); the ``c`` columns are the categories of
one content dimension, put last, whose id the body does not carry: it is taken from
``metadata`` (the table's content variable) when given, else ``content_id``. Values are strings:
numbers are parsed, ``"..."`` and other PX symbols give ``None`` with the symbol as status,
``""`` gives ``None``. Cells absent from ``data`` stay ``None``. Category codes keep the order in
which the rows give them (the query's order), as the json-stat2 parser does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .cube import Cube, Dimension, Number
from .errors import JsonStatError
from .jsonstat import load_json
from .metadata import TableMetadata, apply_metadata
from .numbers import parse_cell_text
from .roles import Role, RoleEvidence, resolve_roles
from .sizes import check_size

DEFAULT_CONTENT_ID = "contentscode"


def parse_pxweb_json(
    document: str | bytes | Mapping[str, Any],
    *,
    metadata: TableMetadata | None = None,
    content_id: str = DEFAULT_CONTENT_ID,
) -> Cube:
    """Parse a PxWeb v1 ``json`` answer; see the module docstring."""
    doc = load_json(document)
    columns, rows = doc.get("columns"), doc.get("data")
    if not isinstance(columns, list) or not isinstance(rows, list):
        raise JsonStatError("PxWeb json: 'columns' and 'data' must both be lists")
    key_columns, content_columns = _split_columns(columns)
    if metadata is not None and metadata.variable_for(Role.CONTENT) is not None:
        content_id = metadata.variable_for(Role.CONTENT).code  # type: ignore[union-attr]
    key_codes = _key_codes(rows, len(key_columns))
    dimensions = _dimensions(key_columns, key_codes, content_columns, content_id)
    values, statuses = _fill(rows, dimensions)
    cube = Cube(dimensions=dimensions, values=values, statuses=statuses, **_table_info(doc))
    return apply_metadata(cube, metadata) if metadata is not None else cube


def _split_columns(
    columns: Sequence[Any],
) -> tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]:
    keys, contents = [], []
    for number, column in enumerate(columns):
        if not isinstance(column, Mapping) or not isinstance(column.get("code"), str):
            raise JsonStatError(f"PxWeb json: columns[{number}] has no 'code'")
        kind = column.get("type")
        if kind in ("d", "t"):
            keys.append(column)
        elif kind == "c":
            contents.append(column)
        else:
            raise JsonStatError(
                f"PxWeb json: columns[{number}] ({column['code']!r}) has type {kind!r}; "
                "expected 'd', 't' or 'c'"
            )
    if not contents:
        raise JsonStatError("PxWeb json: no content ('c') column")
    return keys, contents


def _key_codes(rows: Sequence[Any], key_count: int) -> list[dict[str, int]]:
    """Codes of every key column in order of first appearance (dict code -> position)."""
    codes: list[dict[str, int]] = [{} for _ in range(key_count)]
    for number, row in enumerate(rows):
        key = row.get("key") if isinstance(row, Mapping) else None
        if not isinstance(key, list) or len(key) != key_count:
            got = len(key) if isinstance(key, list) else "no"
            raise JsonStatError(
                f"PxWeb json: data[{number}].key has {got} codes but there are {key_count} "
                "dimension columns"
            )
        for seen, code in zip(codes, key, strict=True):
            if code not in seen:
                seen[code] = len(seen)
    return codes


def _dimensions(
    key_columns: Sequence[Mapping[str, Any]],
    key_codes: Sequence[dict[str, int]],
    content_columns: Sequence[Mapping[str, Any]],
    content_id: str,
) -> list[Dimension]:
    dimensions = [
        Dimension(
            id=column["code"],
            label=str(column.get("text") or column["code"]),
            codes=list(codes),
            labels={code: code for code in codes},
        )
        for column, codes in zip(key_columns, key_codes, strict=True)
    ]
    content = Dimension(
        id=content_id,
        label=content_id,
        codes=[column["code"] for column in content_columns],
        labels={
            column["code"]: str(column.get("text") or column["code"]) for column in content_columns
        },
        notes={
            column["code"]: str(column["comment"]).strip()
            for column in content_columns
            if column.get("comment")
        },
    )
    evidence = [
        RoleEvidence(code=d.id, values=d.codes, time_flag=column.get("type") == "t")
        for d, column in zip(dimensions, key_columns, strict=True)
    ]
    for dimension, role in zip(dimensions, resolve_roles(evidence), strict=True):
        dimension.role = role if role is not Role.CONTENT else Role.OTHER
    content.role = Role.CONTENT
    return [*dimensions, content]


def _fill(
    rows: Sequence[Mapping[str, Any]], dimensions: Sequence[Dimension]
) -> tuple[list[Number | None], dict[int, str]]:
    content_count = dimensions[-1].size
    key_dimensions = dimensions[:-1]
    cells = check_size([d.size for d in dimensions], len(rows) * max(content_count, 1))
    values: list[Number | None] = [None] * cells
    statuses: dict[int, str] = {}
    filled = bytearray(cells // content_count if content_count else 0)
    positions = [{code: n for n, code in enumerate(d.codes)} for d in key_dimensions]
    for number, row in enumerate(rows):
        row_index = 0
        for lookup, code in zip(positions, row["key"], strict=True):
            row_index = row_index * len(lookup) + lookup[code]
        if filled[row_index]:
            raise JsonStatError(f"PxWeb json: data[{number}] repeats the key {row['key']}")
        filled[row_index] = 1
        texts = row.get("values")
        if not isinstance(texts, list) or len(texts) != content_count:
            got = len(texts) if isinstance(texts, list) else "no"
            raise JsonStatError(
                f"PxWeb json: data[{number}].values has {got} entries but there are "
                f"{content_count} content columns"
            )
        base = row_index * content_count
        for offset, text in enumerate(texts):
            try:
                value, status = parse_cell_text(text)
            except (ValueError, TypeError):
                raise JsonStatError(
                    f"PxWeb json: data[{number}].values[{offset}] is not a number: {text!r}"
                ) from None
            values[base + offset] = value
            if status is not None:
                statuses[base + offset] = status
    return values, statuses


def _table_info(doc: Mapping[str, Any]) -> dict[str, Any]:
    entries = doc.get("metadata")
    info = entries[0] if isinstance(entries, list) and entries else {}
    info = info if isinstance(info, Mapping) else {}
    comments = doc.get("comments")
    if not isinstance(comments, list):
        comments = []
    return {
        "label": str(info.get("label") or ""),
        "source": str(info.get("source") or ""),
        "updated": normalise_updated(info.get("updated")),
        "notes": [str(c.get("comment", c)) if isinstance(c, Mapping) else str(c) for c in comments],
    }


def normalise_updated(text: Any) -> str | None:
    """StatFin writes ``2026-07-21T05.00.00Z`` in ``json`` metadata; return ``...T05:00:00Z``."""
    if not isinstance(text, str):
        return None
    date, separator, time = text.partition("T")
    return f"{date}{separator}{time.replace('.', ':', 2)}" if separator else text
