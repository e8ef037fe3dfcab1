"""Text cells that a spreadsheet cannot run: formula injection neutralised in CSV and XLSX.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return may be taken as a
formula by Excel or LibreOffice when the CSV is opened (``=HYPERLINK(...)`` in an area name
edited in the admin, or in a code stored before the import checks existed). :func:`csv_text`
puts an apostrophe before such text, as OWASP recommends; numbers (``-12.5``) and the
missing-value symbol ``-`` are left alone. In XLSX, :func:`protect_xlsx_text` stores every text
cell as text, so nothing in it is a formula and nothing visible is added.
"""

from __future__ import annotations

import re
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def csv_text(value: Any) -> Any:
    """``value`` unchanged unless it is text a spreadsheet could run: then ``'`` + value."""
    if not isinstance(value, str) or not value.startswith(TRIGGERS):
        return value
    if value == "-" or _NUMBER.fullmatch(value):
        return value
    return "'" + value


def protect_xlsx_text(sheet: Any) -> None:
    """Mark every text cell of an openpyxl sheet as text (openpyxl takes ``"=..."`` as a formula)."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.data_type == "f":
                cell.data_type = "s"
