"""Shape detection: :func:`parse_any` picks the right parser for a body or file text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .csvlong import parse_csv_long
from .cube import Cube
from .jsonstat import load_json, parse_jsonstat
from .metadata import TableMetadata
from .pxjson import parse_pxweb_json


def parse_any(
    document: str | bytes | Mapping[str, Any], *, metadata: TableMetadata | None = None
) -> Cube:
    """Parse json-stat 2.0, json-stat 1.0 (wrapper or single-dataset bundle), PxWeb ``json``
    or long CSV text, whichever ``document`` is.

    ``metadata`` (optional) supplies labels and the content variable code for PxWeb ``json``.
    """
    if isinstance(document, bytes):
        document = document.decode("utf-8-sig")
    if isinstance(document, str) and not document.lstrip().startswith(("{", "[")):
        return parse_csv_long(document)
    doc = load_json(document)
    if isinstance(doc.get("columns"), list) and "data" in doc:
        return parse_pxweb_json(doc, metadata=metadata)
    return parse_jsonstat(doc)
