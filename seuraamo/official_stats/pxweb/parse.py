"""Shape detection: :func:`parse_any` picks the right parser for a body or file text."""

from __future__ import annotations

import os
import stat
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
    """The bytes of the regular file at ``path``, decompressed if its name ends in ``.gz``.

    Only a regular file is read: a device (``/dev/zero``), a FIFO, a socket or a directory is
    refused at once (a FIFO is opened without waiting for a writer). The file is read in chunks
    and reading stops after ``max_bytes`` + 1 bytes whatever its size claims to be, and a gzip
    bomb stops after ``max_bytes`` have been expanded. Raises :class:`JsonStatError` for a file
    that is not regular, damaged or too large, and ``OSError`` when it cannot be opened.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(Path(path), flags)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise JsonStatError(f"not a regular file ({_kind(mode)}); only regular files are read")
        data = bytearray()
        while len(data) <= max_bytes:
            chunk = os.read(descriptor, min(_READ_CHUNK, max_bytes + 1 - len(data)))
            if not chunk:
                break
            data += chunk
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:
        raise JsonStatError(f"the file is larger than {max_bytes // 2**20} MiB")
    if Path(path).suffix != ".gz":
        return bytes(data)
    return _gunzip(bytes(data), max_bytes)


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a file"


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
