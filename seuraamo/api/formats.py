"""The data API's output formats for a page of observation rows: JSON, CSV and JSON-stat 2.0."""

from __future__ import annotations

import csv
import io
from typing import Any

from seuraamo.api import selectors
from seuraamo.api.selectors import Page, Row
from seuraamo.core.spreadsheets import csv_text
from seuraamo.official_stats.derived import sortable_period
from seuraamo.official_stats.pxweb.writer import OutCell, OutDimension, write_jsonstat

CSV_FIELDS = ("table", "content", "area", "extra", "period", "value", "status", "derived")


def row_dict(row: Row) -> dict[str, Any]:
    return {
        "table": row.table,
        "content": row.content,
        "area": row.area,
        "extra": row.extra,
        "period": row.period,
        "value": row.value,
        "status": row.status,
        "derived": row.derived,
    }


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def to_csv(page: Page) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for row in page.rows:
        writer.writerow(
            [
                *map(csv_text, (row.table, row.content, row.area, row.extra, row.period)),
                _number(row.value),
                csv_text(row.status),
                "true" if row.derived else "false",
            ]
        )
    return buffer.getvalue()


def to_jsonstat2(page: Page, table_id: str, language: str, next_url: str | None) -> dict[str, Any]:
    """One dataset with dimensions content (metric), area (geo), extra (when used) and period
    (time); cells not in the page are null. Sparse (an object of index: value) when mostly empty."""
    rows = page.rows
    contents = list(dict.fromkeys(row.content for row in rows))
    areas = list(dict.fromkeys(row.area for row in rows))
    extras = list(dict.fromkeys(row.extra for row in rows))
    periods = sorted({row.period for row in rows}, key=lambda p: (len(p), sortable_period(p)))
    use_extra = extras != [""]
    labels = selectors.labels_for(table_id, contents, areas, language)
    dimensions = [
        OutDimension(
            "content",
            "Content",
            [(code, labels.contents[code]) for code in contents],
            role="metric",
            units=labels.units,
        ),
        OutDimension("area", "Area", [(code, labels.areas[code]) for code in areas], role="geo"),
        *(
            [OutDimension("extra", "Further dimension", [(code, code) for code in extras])]
            if use_extra
            else []
        ),
        OutDimension("period", "Period", [(code, code) for code in periods], role="time"),
    ]
    cells = {
        (
            row.content,
            row.area,
            *([row.extra] if use_extra else []),
            row.period,
        ): OutCell(row.value, row.status)
        for row in rows
    }
    return write_jsonstat(
        dimensions,
        cells,
        label=labels.table_title,
        source=labels.source,
        updated=labels.updated,
        extension={
            "table": table_id,
            "licence": labels.licence,
            "count": page.total,
            "offset": page.offset,
            "limit": page.limit,
            "next": next_url,
        },
        note=[truncation_notice(page)] if page.truncated else (),
    )


def truncation_notice(page: Page) -> str:
    last = page.offset + len(page.rows)
    return (
        f"Rows {page.offset + 1}–{last} of {page.total}. The rest: offset={last} "
        f"(limit at most 10000)."
    )
