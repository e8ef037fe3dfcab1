"""Shape detection: :func:`parse_any` picks the right parser for a body or file text."""

from __future__ import annotations

import os
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .csvlong import parse_csv_long
from .cube import Cube
from .errors import JsonStatError
from .jsonstat import load_json, parse_jsonstat
from .metadata import TableMetadata
from .pxjson import parse_pxweb_json
from .sizes import MAX_DOCUMENT_BYTES

_READ_CHUNK = 1024 * 1024


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


def read_document(path: str | os.PathLike[str], *, max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The bytes of the file at ``path``, decompressed if its name ends in ``.gz``.

    Neither the file nor its decompressed content may exceed ``max_bytes``: a gzip bomb stops
    after ``max_bytes`` have been expanded. Raises :class:`JsonStatError` for a damaged or too
    large file and ``OSError`` when the file cannot be read.
    """
    path = Path(path)
    if path.stat().st_size > max_bytes:
        raise JsonStatError(f"the file is larger than {max_bytes // 2**20} MiB")
    data = path.read_bytes()
    if path.suffix != ".gz":
        return data
    return _gunzip(data, max_bytes)


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress one or more gzip members, never producing more than ``max_bytes``."""
    output = bytearray()
    rest = data
    try:
        while rest:
            inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
            pending = rest
            while pending:
                output += inflater.decompress(pending, max_bytes + 1 - len(output))
                if len(output) > max_bytes:
                    raise JsonStatError(
                        f"the file expands to more than {max_bytes // 2**20} MiB; "
                        "nothing beyond that is read"
                    )
                pending = inflater.unconsumed_tail
                if inflater.eof:
                    break
            if not inflater.eof:
                raise JsonStatError("not a valid gzip file (the file ends too early)")
            rest = inflater.unused_data.lstrip(b"\0")
    except zlib.error as error:
        raise JsonStatError(f"not a valid gzip file ({error})") from None
    return bytes(output)
