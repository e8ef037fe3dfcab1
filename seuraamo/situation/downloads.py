"""CSV, XLSX and json-stat2 files of a chart's `DataTable`: the same header and rows as the table
on the page, values as numbers (rounded as shown), a missing value as an empty cell (json-stat2:
``null`` with its status symbol)."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from seuraamo.core.formatting import period_date
from seuraamo.core.spreadsheets import csv_writer, xlsx_bytes
from seuraamo.official_stats.pxweb.writer import OutCell, OutDimension, OutUnit, write_jsonstat
from seuraamo.official_stats.registry import LICENCE
from seuraamo.situation import statuses
from seuraamo.situation.tables import Column, DataTable

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


def _csv_value(value: float | None, column: Column) -> str:
    if value is None:
        return ""
    return f"{value:.{column.decimals}f}"


def _with_dates(table: DataTable) -> bool:
    return table.row_dimension.role == "time"


def file_header(table: DataTable) -> list[str]:
    """The header of a downloaded table: the row label, the period as an ISO date beside it (for
    months), the value columns, then a status column per value column when a value is missing."""
    header = [table.row_dimension.label]
    if _with_dates(table):
        header.append(_("Date (ISO 8601)"))
    header.extend(column.label for column in table.columns)
    if table.statuses:
        header.extend(
            _("%(column)s: status") % {"column": column.label} for column in table.columns
        )
    return header


def _leading(table: DataTable, row_code: str, label: str) -> list[object]:
    return [label, period_date(row_code)] if _with_dates(table) else [label]


def _status_cells(table: DataTable, row_cells: tuple) -> list[str]:
    if not table.statuses:
        return []
    return ["" if cell.value is not None else statuses.code(cell.status) for cell in row_cells]


def to_csv(table: DataTable, *, excel_fi: bool = False) -> str:
    """UTF-8 (the caller adds a byte-order mark for Excel); comma-separated with a decimal point,
    or with ``excel_fi`` semicolon-separated with a decimal comma, as Finnish Excel opens it."""
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=";" if excel_fi else ",", lineterminator="\r\n")
    writer.writerow(file_header(table))
    for row in table.rows:
        values = [_csv_value(c.value, col) for c, col in zip(row.cells, table.columns, strict=True)]
        if excel_fi:
            values = [value.replace(".", ",") for value in values]
        writer.writerow(
            _leading(table, row.code, row.label) + values + _status_cells(table, row.cells)
        )
    return buffer.getvalue()


def _excel_format(column: Column) -> str:
    return "#,##0" if column.decimals == 0 else "#,##0." + "0" * column.decimals


def to_xlsx(table: DataTable, *, info: list[tuple[str, str]] | None = None) -> bytes:
    """Sheet "Data" holds the table (header on row 1); sheet "Info" the title, source and date."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(file_header(table))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(
            _leading(table, row.code, row.label)
            + [c.value for c in row.cells]
            + _status_cells(table, row.cells)
        )
    first = 3 if _with_dates(table) else 2
    if _with_dates(table):
        sheet.column_dimensions["B"].width = 14
    for index, column in enumerate(table.columns, start=first):
        letter = get_column_letter(index)
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.number_format = _excel_format(column)
        sheet.column_dimensions[letter].width = max(12, min(40, len(column.label) + 2))
    sheet.column_dimensions["A"].width = max(
        16, min(50, max((len(r.label) for r in table.rows), default=10) + 2)
    )
    sheet.freeze_panes = "B2"
    about = workbook.create_sheet("Info")
    lines = [(table.title, ""), *(info or [])]
    for line in lines:
        about.append(list(line))
    about["A1"].font = Font(bold=True)
    about.column_dimensions["A"].width = 30
    about.column_dimensions["B"].width = 60
    return xlsx_bytes(workbook)


def _unit(unit: str, decimals: int, label: str) -> OutUnit:
    if unit == "percent":
        return OutUnit(label, decimals, symbol="%", position="end")
    return OutUnit(label, decimals)


def to_jsonstat2(table: DataTable, *, unit_labels: dict[str, str] | None = None) -> dict[str, Any]:
    """A JSON-stat 2.0 dataset: the fixed dimensions (size 1), the row and the column dimension;
    values row-major with the column dimension varying fastest."""
    unit_labels = unit_labels or {}
    dimensions = [
        OutDimension(
            fixed.dimension.key,
            fixed.dimension.label,
            [(fixed.category.code, fixed.category.label)],
            role=fixed.dimension.role,
            units={
                fixed.category.code: _unit(
                    fixed.unit, fixed.decimals, unit_labels.get(fixed.unit, fixed.unit)
                )
            }
            if fixed.dimension.role == "metric"
            else {},
        )
        for fixed in table.fixed
    ]
    dimensions.append(
        OutDimension(
            table.row_dimension.key,
            table.row_dimension.label,
            [(row.code, row.label) for row in table.rows],
            role=table.row_dimension.role,
        )
    )
    dimensions.append(
        OutDimension(
            table.column_dimension.key,
            table.column_dimension.label,
            [(column.code, column.label) for column in table.columns],
            role=table.column_dimension.role,
            units={
                column.code: _unit(column.unit, column.decimals, unit_labels.get(column.unit, ""))
                for column in table.columns
            }
            if table.column_dimension.role == "metric"
            else {},
        )
    )
    fixed_codes = tuple(fixed.category.code for fixed in table.fixed)
    cells = {
        (*fixed_codes, row.code, column.code): OutCell(
            cell.value,
            statuses.jsonstat_symbol(cell.status) if cell.value is None else "",
        )
        for row in table.rows
        for cell, column in zip(row.cells, table.columns, strict=True)
    }
    extension: dict[str, Any] = {"licence": LICENCE, **table.extension}
    if any(cell.status for cell in cells.values()):
        # What each status symbol means (the symbols are Statistics Finland's, plus "(…)").
        extension["status"] = {
            statuses.JSONSTAT_SYMBOLS[code]: statuses.meaning(code) for code in table.statuses
        }
    return write_jsonstat(
        dimensions,
        cells,
        label=table.title,
        source=table.source,
        updated=table.updated or "",
        extension=extension,
    )


def values_from_jsonstat2(dataset: dict[str, Any]) -> list[list[float | None]]:
    """The values as rows × columns (the last two dimensions), for tests and round trips."""
    columns = dataset["size"][-1]
    values = dataset["value"]
    return [values[start : start + columns] for start in range(0, len(values), columns)]
