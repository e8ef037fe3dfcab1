"""Bounds on what a document may make the parsers allocate (checked before allocating).

A cube's cells are one flat list; its size is the product of the dimension sizes. A sparse
json-stat ``value`` object, a long CSV and a PxWeb ``json`` answer list only the cells they hold,
so a small document could otherwise declare an enormous cube (14 KB declaring 100 million cells).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .errors import JsonStatError

#: Most cells a cube may have: a national sync of the largest tracked table is ~2 million.
MAX_CELLS = 10_000_000
#: A document that lists its cells may declare at most this many cells per cell it lists
#: (and :data:`SPARSE_MIN_CELLS` in any case).
SPARSE_CELLS_PER_VALUE = 100
SPARSE_MIN_CELLS = 100_000
#: Largest document (after decompression) the importers read, in bytes.
MAX_DOCUMENT_BYTES = 128 * 1024 * 1024


def check_size(sizes: Sequence[int], listed: int | None = None) -> int:
    """The number of cells of a cube of ``sizes``; :class:`JsonStatError` if it is too large.

    ``listed`` is how many cells a sparse document actually gives (``None`` for a dense one).
    """
    cells = math.prod(sizes)
    shown = "×".join(str(size) if size < 10**12 else "…" for size in sizes[:8])
    if cells > MAX_CELLS:
        raise JsonStatError(
            f"the sizes {shown} declare {_count(cells)} cells; at most {MAX_CELLS} are accepted"
        )
    if listed is not None:
        allowed = max(SPARSE_MIN_CELLS, listed * SPARSE_CELLS_PER_VALUE)
        if cells > allowed:
            raise JsonStatError(
                f"the sizes {shown} declare {cells} cells but the data give only {listed}; "
                f"at most {allowed} are accepted for that many"
            )
    return cells


def _count(cells: int) -> str:
    return str(cells) if cells < 10**15 else f"about 10^{len(str(cells)) - 1}"
