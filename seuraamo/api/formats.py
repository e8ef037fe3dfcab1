"""The data API's output formats for a page of observation rows: JSON, CSV and JSON-stat 2.0."""

from __future__ import annotations

import csv
import io
from typing import Any

from seuraamo.api.selectors import Page, Row
from seuraamo.areas.models import Area
from seuraamo.core.spreadsheets import csv_text
from seuraamo.core.translation import localized
from seuraamo.official_stats.derived import RATIO_STATISTICS, parse_statistic, sortable_period
from seuraamo.official_stats.models import StatTable, VariableRole, VariableValue
from seuraamo.official_stats.pxweb.writer import OutCell, OutDimension, OutUnit, write_jsonstat
from seuraamo.official_stats.vocabulary import LICENCE

CSV_FIELDS = ("table", "content", "area", "extra", "period", "value", "status", "derived")
DERIVED_LABELS = {
    "share": "Unemployed jobseekers, % of the labour force (recomputed)",
    "long_term_share": "Long-term unemployed, % of unemployed jobseekers",
    "under25_share": "Unemployed jobseekers under 25, % of unemployed jobseekers",
    "foreign_share": "Foreign unemployed jobseekers, % of unemployed jobseekers",
    "vacancies_per_unemployed": "Open vacancies per unemployed jobseeker",
}
TRANSFORM_LABELS = {
    "_ma12": "12-month moving average",
    "_yoy": "change from a year earlier",
    "_yoy_pct": "change from a year earlier, %",
}


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


def _content_labels(tables: list[str], codes: list[str], language: str) -> dict[str, str]:
    labels: dict[str, str] = {}
    values = VariableValue.objects.filter(
        variable__table__table_id__in=tables,
        variable__role=VariableRole.CONTENT,
        code__in=codes,
    )
    for value in values:
        labels[value.code] = localized(value, "label", language).text or value.code
    for code in codes:
        if code in labels:
            continue
        spec = parse_statistic(code)
        base = DERIVED_LABELS.get(spec.base) or labels.get(spec.base) or spec.base
        labels[code] = f"{base}, {TRANSFORM_LABELS[spec.transform]}" if spec.transform else base
    return labels


def _area_labels(codes: list[str], language: str) -> dict[str, str]:
    labels = {
        area.code: localized(area, "name", language).text or area.code
        for area in Area.objects.filter(code__in=codes)
    }
    return {code: labels.get(code, code) for code in codes}


def _units(codes: list[str], tables: list[str]) -> dict[str, OutUnit]:
    stored = dict(
        VariableValue.objects.filter(
            variable__table__table_id__in=tables,
            variable__role=VariableRole.CONTENT,
            code__in=codes,
        ).values_list("code", "unit")
    )
    units = {}
    for code in codes:
        spec = parse_statistic(code)
        ratio = RATIO_STATISTICS.get(spec.base)
        unit = ratio.unit if ratio else stored.get(spec.base, "")
        if spec.transform == "_yoy_pct":
            unit = "percent"
        decimals = ratio.decimals if ratio else (1 if unit in ("percent", "ratio") else 0)
        if spec.transform in ("_ma12", "_yoy_pct"):
            decimals = max(decimals, 1)
        units[code] = OutUnit(unit or "number", decimals)
    return units


def to_jsonstat2(page: Page, table_id: str, language: str, next_url: str | None) -> dict[str, Any]:
    """One dataset with dimensions content (metric), area (geo), extra (when used) and period
    (time); cells not in the page are null. Sparse (an object of index: value) when mostly empty."""
    rows = page.rows
    contents = list(dict.fromkeys(row.content for row in rows))
    areas = list(dict.fromkeys(row.area for row in rows))
    extras = list(dict.fromkeys(row.extra for row in rows))
    periods = sorted({row.period for row in rows}, key=lambda p: (len(p), sortable_period(p)))
    use_extra = extras != [""]
    content_labels = _content_labels([table_id], contents, language)
    area_labels = _area_labels(areas, language)
    dimensions = [
        OutDimension(
            "content",
            "Content",
            [(code, content_labels[code]) for code in contents],
            role="metric",
            units=_units(contents, [table_id]),
        ),
        OutDimension("area", "Area", [(code, area_labels[code]) for code in areas], role="geo"),
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
    table = StatTable.objects.filter(table_id=table_id).first()
    return write_jsonstat(
        dimensions,
        cells,
        label=localized(table, "title", language).text if table else table_id,
        source=table.source if table else "",
        updated=table.updated_at_source.isoformat() if table and table.updated_at_source else "",
        extension={
            "table": table_id,
            "licence": table.licence if table and table.licence else LICENCE,
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
