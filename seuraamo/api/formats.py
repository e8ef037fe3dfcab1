"""The data API's output formats for a page of observation rows: JSON, CSV and JSON-stat 2.0."""

from __future__ import annotations

import csv
import io
from typing import Any

from seuraamo.api.queries import Page, Row
from seuraamo.areas.models import Area
from seuraamo.core.spreadsheets import csv_text
from seuraamo.core.translation import localized
from seuraamo.official_stats.derived import RATIO_STATISTICS, parse_statistic, sortable_period
from seuraamo.official_stats.models import StatTable, VariableRole, VariableValue
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


def _units(codes: list[str], tables: list[str]) -> dict[str, dict[str, Any]]:
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
        units[code] = {"label": unit or "number", "decimals": decimals}
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
    ids = ["content", "area", *(["extra"] if use_extra else []), "period"]
    categories = {"content": contents, "area": areas, "extra": extras, "period": periods}
    sizes = [len(categories[key]) for key in ids]
    positions = {key: {code: i for i, code in enumerate(categories[key])} for key in ids}
    table = StatTable.objects.filter(table_id=table_id).first()
    labels = {
        "content": _content_labels([table_id], contents, language),
        "area": _area_labels(areas, language),
        "extra": {code: code for code in extras},
        "period": {code: code for code in periods},
    }
    dimension_labels = {
        "content": "Content",
        "area": "Area",
        "extra": "Further dimension",
        "period": "Period",
    }
    dimensions: dict[str, Any] = {}
    for key in ids:
        category: dict[str, Any] = {"index": categories[key], "label": labels[key]}
        if key == "content":
            category["unit"] = _units(contents, [table_id])
        dimensions[key] = {"label": dimension_labels[key], "category": category}
    cells: dict[int, Row] = {}
    for row in rows:
        index = 0
        for key, size in zip(ids, sizes, strict=True):
            code = getattr(row, key)
            index = index * size + positions[key][code]
        cells[index] = row
    total = 1
    for size in sizes:
        total *= size
    status = {str(i): row.status for i, row in cells.items() if row.status}
    if total <= 3 * max(1, len(rows)):
        value: Any = [cells[i].value if i in cells else None for i in range(total)]
    else:
        value = {str(i): row.value for i, row in sorted(cells.items())}
    dataset: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "label": localized(table, "title", language).text if table else table_id,
        "source": table.source if table else "",
        "id": ids,
        "size": sizes,
        "role": {"metric": ["content"], "geo": ["area"], "time": ["period"]},
        "dimension": dimensions,
        "value": value,
        "extension": {
            "table": table_id,
            "licence": table.licence if table and table.licence else LICENCE,
            "count": page.total,
            "offset": page.offset,
            "limit": page.limit,
            "next": next_url,
        },
    }
    if table and table.updated_at_source:
        dataset["updated"] = table.updated_at_source.isoformat()
    if status:
        dataset["status"] = status
    if page.truncated:
        dataset["note"] = [truncation_notice(page)]
    return dataset


def truncation_notice(page: Page) -> str:
    last = page.offset + len(page.rows)
    return (
        f"Rows {page.offset + 1}–{last} of {page.total}. The rest: offset={last} "
        f"(limit at most 10000)."
    )
