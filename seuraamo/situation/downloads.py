"""CSV, XLSX and json-stat2 files of a chart's `DataTable`: the same header and rows as the table
on the page, values as numbers (rounded as shown), a missing value as an empty cell (json-stat2:
``null`` with its status symbol)."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from seuraamo.situation.tables import Column, DataTable

LICENCE = "CC BY 4.0"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


def _csv_value(value: float | None, column: Column) -> str:
    if value is None:
        return ""
    return f"{value:.{column.decimals}f}"


def to_csv(table: DataTable) -> str:
    """Comma-separated, decimal point, UTF-8 (the caller adds a byte-order mark for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow(
            [row.label]
            + [_csv_value(c.value, col) for c, col in zip(row.cells, table.columns, strict=True)]
        )
    return buffer.getvalue()


def _excel_format(column: Column) -> str:
    return "#,##0" if column.decimals == 0 else "#,##0." + "0" * column.decimals


def to_xlsx(table: DataTable, *, info: list[tuple[str, str]] | None = None) -> bytes:
    """Sheet "Data" holds the table (header on row 1); sheet "Info" the title, source and date."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(table.header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([row.label, *(c.value for c in row.cells)])
    for index, column in enumerate(table.columns, start=2):
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
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _unit(unit: str, decimals: int, label: str) -> dict[str, Any]:
    found: dict[str, Any] = {"decimals": decimals, "label": label}
    if unit == "percent":
        found["symbol"] = "%"
        found["position"] = "end"
    return found


def to_jsonstat2(table: DataTable, *, unit_labels: dict[str, str] | None = None) -> dict[str, Any]:
    """A JSON-stat 2.0 dataset: the fixed dimensions (size 1), the row and the column dimension;
    values row-major with the column dimension varying fastest."""
    unit_labels = unit_labels or {}
    ids: list[str] = []
    sizes: list[int] = []
    dimensions: dict[str, Any] = {}
    roles: dict[str, list[str]] = {}

    def add(key: str, label: str, role: str, categories: list[tuple[str, str]]) -> dict[str, Any]:
        ids.append(key)
        sizes.append(len(categories))
        if role:
            roles.setdefault(role, []).append(key)
        category: dict[str, Any] = {
            "index": [code for code, _label in categories],
            "label": dict(categories),
        }
        dimensions[key] = {"label": label, "category": category}
        return category

    for fixed in table.fixed:
        category = add(
            fixed.dimension.key,
            fixed.dimension.label,
            fixed.dimension.role,
            [(fixed.category.code, fixed.category.label)],
        )
        if fixed.dimension.role == "metric":
            category["unit"] = {
                fixed.category.code: _unit(
                    fixed.unit, fixed.decimals, unit_labels.get(fixed.unit, fixed.unit)
                )
            }
    add(
        table.row_dimension.key,
        table.row_dimension.label,
        table.row_dimension.role,
        [(row.code, row.label) for row in table.rows],
    )
    category = add(
        table.column_dimension.key,
        table.column_dimension.label,
        table.column_dimension.role,
        [(column.code, column.label) for column in table.columns],
    )
    if table.column_dimension.role == "metric":
        category["unit"] = {
            column.code: _unit(column.unit, column.decimals, unit_labels.get(column.unit, ""))
            for column in table.columns
        }
    values: list[float | None] = []
    status: dict[str, str] = {}
    for row in table.rows:
        for cell in row.cells:
            if cell.value is None and cell.status:
                status[str(len(values))] = cell.status
            values.append(cell.value)
    dataset: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "label": table.title,
        "source": table.source,
        "id": ids,
        "size": sizes,
        "role": roles,
        "dimension": dimensions,
        "value": values,
    }
    if table.updated:
        dataset["updated"] = table.updated
    if status:
        dataset["status"] = status
    dataset["extension"] = {"licence": LICENCE, **table.extension}
    return dataset


def values_from_jsonstat2(dataset: dict[str, Any]) -> list[list[float | None]]:
    """The values as rows × columns (the last two dimensions), for tests and round trips."""
    columns = dataset["size"][-1]
    values = dataset["value"]
    return [values[start : start + columns] for start in range(0, len(values), columns)]
