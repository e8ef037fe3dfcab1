"""The one export helper for every CSV and XLSX Seuraamo writes: text a spreadsheet would run as a
formula is written inert, numbers stay numbers.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or the full-width
``＝``, ``＋``, ``－``, ``＠``, which some spreadsheets read as their ASCII forms) may be taken as
a formula by Excel or LibreOffice: a coordinator's ``=HYPERLINK("http://x","y")`` in a report, an
area name edited in the admin, a stored code such as ``+1`` (codes are any printable text).

* CSV: write through :func:`csv_writer` (a ``csv.writer`` whose rows pass through
  :func:`csv_text`): such text gets an apostrophe in front, as OWASP recommends; a number written
  as text (``-12.5``, ``-12,5`` with a decimal comma, ``+3``) and the missing-value symbol ``-``
  are left alone.
* XLSX: save through :func:`xlsx_bytes`, which passes every sheet through
  :func:`protect_xlsx_text`: every text cell is a string cell (openpyxl takes ``"=..."`` for a
  formula), and one that starts like a formula also gets the quote prefix (Excel's leading
  apostrophe: shown as typed, and still text when the cell is edited). Numbers stay numbers.

The callers: the compiled follow-up report (``follow_up/exports.py``), the situation downloads
(``situation/downloads.py``) and the API's CSV (``api/formats.py``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def looks_like_formula(value: object) -> bool:
    """Whether a spreadsheet could run ``value``: text starting with a trigger that is not a
    number written as text or the missing-value symbol ``-``."""
    if not isinstance(value, str) or not value.startswith(TRIGGERS):
        return False
    return not (value == "-" or _NUMBER.fullmatch(value))


def csv_text(value: Any) -> Any:
    """``value`` unchanged unless it is text a spreadsheet could run: then ``'`` + value."""
    return "'" + value if looks_like_formula(value) else value


class InertCsvWriter:
    """A ``csv.writer`` whose every cell passes through :func:`csv_text`."""

    def __init__(self, buffer: Any, **options: Any) -> None:
        self._writer = csv.writer(buffer, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([csv_text(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(buffer: Any, **options: Any) -> InertCsvWriter:
    """The writer every CSV export uses (``options`` as for ``csv.writer``)."""
    return InertCsvWriter(buffer, **options)


def protect_xlsx_text(sheet: Any) -> None:
    """Make every text cell of an openpyxl sheet inert: a string cell, quote-prefixed when it
    starts like a formula."""
    for row in sheet.iter_rows():
        for cell in row:
            if not isinstance(cell.value, str):
                continue
            if cell.data_type == "f":
                cell.data_type = "s"
            if looks_like_formula(cell.value):
                cell.quotePrefix = True


def xlsx_bytes(workbook: Any) -> bytes:
    """The workbook's file, every sheet's text made inert first (:func:`protect_xlsx_text`)."""
    for sheet in workbook.worksheets:
        protect_xlsx_text(sheet)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
