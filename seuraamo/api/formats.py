"""The data API's output formats: a page of observation rows as JSON (with labels in the requested
language), CSV and JSON-stat 2.0 (through the PxWeb library's writer), and the tables and areas
lists as JSON. Everything here is read already; nothing is queried or computed."""

from __future__ import annotations

import io
from typing import Any

from seuraamo.core.spreadsheets import csv_writer
from seuraamo.official_stats.pxweb.writer import OutCell, OutDimension, OutUnit, write_jsonstat
from seuraamo.official_stats.selectors import (
    AreaSummary,
    DatasetLabels,
    ObservationPage,
    ObservationRow,
    RowLabels,
    TableSummary,
)

CSV_FIELDS = ("table", "content", "area", "extra", "period", "value", "status", "derived")


def row_dict(row: ObservationRow) -> dict[str, Any]:
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


def to_json_rows(page: ObservationPage, labels: RowLabels) -> list[dict[str, Any]]:
    """Each row as the API gives it, with ``labels`` (content, area, further dimension)."""
    return [
        {
            **row_dict(row),
            "labels": {
                "content": labels.contents.get(row.content, row.content),
                "area": labels.areas.get(row.area, row.area),
                "extra": labels.extras.get(row.extra, row.extra),
            },
        }
        for row in page.rows
    ]


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def to_csv(page: ObservationPage) -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for row in page.rows:
        writer.writerow(
            [
                row.table,
                row.content,
                row.area,
                row.extra,
                row.period,
                _number(row.value),
                row.status,
                "true" if row.derived else "false",
            ]
        )
    return buffer.getvalue()


def to_jsonstat2(
    page: ObservationPage, table_id: str, labels: DatasetLabels, next_url: str | None
) -> dict[str, Any]:
    """One dataset with dimensions content (metric), area (geo), extra (when used) and period
    (time); cells not in the page are null. Sparse (an object of index: value) when mostly empty."""
    rows = page.rows
    contents = list(dict.fromkeys(row.content for row in rows))
    areas = list(dict.fromkeys(row.area for row in rows))
    extras = list(dict.fromkeys(row.extra for row in rows))
    periods = page.periods
    use_extra = extras != [""]
    units = {code: OutUnit(unit.name, unit.decimals) for code, unit in labels.units.items()}
    dimensions = [
        OutDimension(
            "content",
            "Content",
            [(code, labels.contents[code]) for code in contents],
            role="metric",
            units=units,
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


def truncation_notice(page: ObservationPage) -> str:
    last = page.offset + len(page.rows)
    return (
        f"Rows {page.offset + 1}–{last} of {page.total}. The rest: offset={last} "
        f"(limit at most 10000)."
    )


def table_json(table: TableSummary) -> dict[str, Any]:
    return {
        "id": table.table_id,
        "title": table.title,
        "source": table.source,
        "licence": table.licence,
        "updated_at_source": table.updated_at_source,
        "last_synced_at": table.last_synced_at,
        "first_period": table.first_period,
        "last_period": table.last_period,
        "contents": [
            {"code": content.code, "label": content.label, "unit": content.unit}
            for content in table.contents
        ],
        "derived_statistics": list(table.derived_statistics),
        # The earlier name of the same list, kept for clients written against it until
        # openapi.REMOVAL_DATE (deprecated; docs/api.md).
        "derived_measures": list(table.derived_statistics),
    }


def area_json(area: AreaSummary) -> dict[str, Any]:
    return {
        "code": area.code,
        "level": area.level,
        "name": area.names,
        "subregion": area.subregion,
        "region": area.region,
        "member_codes": list(area.member_codes),
        "memberships": [
            {
                "member": membership.member,
                "valid_from": membership.valid_from.isoformat() if membership.valid_from else None,
                "valid_to": membership.valid_to.isoformat() if membership.valid_to else None,
            }
            for membership in area.memberships
        ],
    }
