"""The data behind a chart, as one small two-dimensional table.

A chart, its HTML table alternative and its CSV, XLSX and json-stat2 downloads are all built from
the same `DataTable`, so they show exactly the same rows and values. A table has one row dimension
(months, areas or occupation groups), one column dimension (the statistics, or the areas compared)
and any number of fixed dimensions with a single category (the month of a cross-section, the
statistic of a time series).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from seuraamo.core.formatting import format_value, rounded


@dataclass(frozen=True)
class Dimension:
    key: str  # "period", "area", "statistic", "occupation"
    label: str  # the column header or the json-stat dimension label
    role: str = ""  # json-stat role: "time", "geo", "metric" or ""


@dataclass(frozen=True)
class Category:
    """One category of a dimension: its code and its label in the active language."""

    code: str
    label: str


@dataclass(frozen=True)
class Column:
    """A value column: a category of the column dimension, with the unit of its values."""

    code: str
    label: str
    unit: str = "persons"  # "persons", "vacancies" (open jobs, not people), "percent", "ratio"
    decimals: int = 0


@dataclass(frozen=True)
class Cell:
    value: float | None
    status: str = ""  # Statistics Finland's symbol ("...") or "missing" when value is None


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    cells: tuple[Cell, ...]
    summary: bool = False  # a total or comparison row (region, whole country), shown in bold


@dataclass(frozen=True)
class Fixed:
    """A dimension held at one category for the whole table (e.g. the month of a comparison)."""

    dimension: Dimension
    category: Category
    unit: str = ""
    decimals: int = 0


@dataclass(frozen=True)
class Break:
    """A run of rows with no figures (months missing from the source), shown as one labelled row
    in the table before the row ``before_code`` and as a marked band in the chart."""

    first_code: str  # the first missing period
    last_code: str  # the last missing period
    before_code: str  # the row that follows the gap
    label: str  # "No figures for November 2023 – May 2026"


#: The statuses of a missing value, in the order the legend lists them (see statuses.py).
STATUS_ORDER = ("...", "no-total", "invalid", "missing")


@dataclass(frozen=True)
class DataTable:
    key: str  # a short name used in file names: "timeseries", "municipalities" …
    title: str  # the table caption and chart title
    row_dimension: Dimension
    column_dimension: Dimension
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    fixed: tuple[Fixed, ...] = ()
    source: str = ""
    updated: str = ""  # ISO date or datetime of the data, "" if unknown
    note: str = ""
    file_stem: str = ""  # download file name without suffix
    extension: dict[str, str] = field(default_factory=dict)
    breaks: tuple[Break, ...] = ()

    @property
    def header(self) -> list[str]:
        return [self.row_dimension.label, *(column.label for column in self.columns)]

    def value_rows(self) -> list[list[object]]:
        """Rows as plain values: the row label, then each value (``None`` when missing)."""
        return [[row.label, *(cell.value for cell in row.cells)] for row in self.rows]

    def display_rows(self) -> list[DisplayRow]:
        """Rows with each value formatted for the page in the active language, and a labelled
        row for each break in the data."""
        breaks = {item.before_code: item for item in self.breaks}
        found = []
        for row in self.rows:
            gap = breaks.get(row.code)
            if gap is not None:
                found.append(DisplayRow(gap.label, [], False, gap=True))
            cells = [
                DisplayCell(format_value(cell.value, column.unit, column.decimals), cell.status)
                for cell, column in zip(row.cells, self.columns, strict=True)
            ]
            found.append(DisplayRow(row.label, cells, row.summary))
        return found

    @property
    def statuses(self) -> list[str]:
        """The statuses of the missing values in the table, in legend order."""
        present = {cell.status for row in self.rows for cell in row.cells if cell.value is None}
        return [status for status in STATUS_ORDER if status in present]

    @property
    def is_empty(self) -> bool:
        return not any(cell.value is not None for row in self.rows for cell in row.cells)


@dataclass(frozen=True)
class DisplayRow:
    label: str
    cells: list[DisplayCell]
    summary: bool = False
    gap: bool = False  # a labelled break: no figures for a run of months


@dataclass(frozen=True)
class DisplayCell:
    text: str
    status: str

    @property
    def missing(self) -> bool:
        return self.text == ""


def make_cell(value: float | None, status: str = "", decimals: int = 0) -> Cell:
    """A cell rounded as it is shown (half up), so the chart, the table and every download agree."""
    if value is None:
        return Cell(None, status or "missing")
    return Cell(float(rounded(value, decimals)), "")
