"""Numbers and missing-value symbols as PxWeb writes them in text (``json`` format, CSV)."""

from __future__ import annotations

import re

#: PX missing-value symbols: ``.`` ``..`` ``...`` (StatFin: suppressed) ... ``......``, ``-``,
#: ``…``, ``:``. A cell carrying one is missing (``None``) and keeps the symbol as its status.
MISSING_SYMBOL = re.compile(r"\.{1,6}|-|…|:")

_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def parse_number(text: str) -> int | float:
    """``"10153"`` -> 10153, ``"14.4"`` -> 14.4; anything else raises ``ValueError``."""
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text):
        return float(text)
    raise ValueError(f"not a number: {text!r}")


def parse_cell_text(text: str | int | float | None) -> tuple[int | float | None, str | None]:
    """A text cell as ``(value, status)``: numbers, ``""`` (missing) or a missing symbol.

    Raises ``ValueError`` for any other text.
    """
    if type(text) in (int, float):
        return text, None  # type: ignore[return-value]
    if not isinstance(text, str):
        if text is None:
            return None, None
        raise ValueError(f"not a number: {text!r}")
    if text == "":
        return None, None
    if MISSING_SYMBOL.fullmatch(text):
        return None, text
    return parse_number(text), None
