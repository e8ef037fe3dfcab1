"""A table's descriptive data: titles, source, licence, variables and content-code labels.

Labels come from two places: the snapshot's ``tables.json`` (Finnish verbatim from the PxWeb
metadata, Swedish and English written for Seuraamo) and the cubes themselves (a sync fetches the
metadata in fi/sv/en). A label that is empty or only repeats its code never replaces a real one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from seuraamo.official_stats.models import Observation, StatTable, TableVariable, VariableValue
from seuraamo.official_stats.pxweb import Cube, Dimension, Role
from seuraamo.official_stats.registry import LICENCE, TRACKED_TABLES, resolve_table_id
from seuraamo.periods import Frequency, Period, PeriodError

LANGUAGES = ("fi", "sv", "en")
_UPDATED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2})[.:](\d{2})[.:](\d{2})")


def parse_updated(text: str | None) -> datetime | None:
    """StatFin's ``updated`` (``2026-07-21T05.00.00Z`` or ``…T05:00:00Z``) as an aware datetime."""
    if not text:
        return None
    match = _UPDATED.match(text)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(part) for part in match.groups())
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def resolve_table(text: str, *, new: bool = False) -> str:
    """The full id of a tracked or stored table (see
    :func:`~seuraamo.official_stats.registry.resolve_table_id`); ``new`` allows a new id."""
    known = StatTable.objects.values_list("table_id", flat=True)
    return resolve_table_id(text, known=list(known), new=new)


def table_frequency(table_id: str) -> Frequency | None:
    """The frequency of the table's periods: from the tracking configuration, else from a stored
    period, else ``None`` (a new table takes the frequency of its first data)."""
    for tracked in TRACKED_TABLES:
        if tracked.table_id == table_id:
            return tracked.frequency
    periods = Observation.objects.filter(table__table_id=table_id).values_list("period", flat=True)
    for period in periods[:1]:
        try:
            return Period.parse(period).frequency
        except PeriodError:
            return None
    return None


def ensure_table(table_id: str) -> StatTable:
    table, _created = StatTable.objects.get_or_create(
        table_id=table_id, defaults={"licence": LICENCE}
    )
    return table


def _useful(label: str | None, code: str) -> bool:
    return bool(label) and label != code


def _set_labels(obj: Any, labels: Mapping[str, str], code: str, prefix: str = "label") -> bool:
    changed = False
    for lang, label in labels.items():
        field = f"{prefix}_{lang}"
        if _useful(label, code) and getattr(obj, field) != label:
            setattr(obj, field, label)
            changed = True
    return changed


def upsert_variable(
    table: StatTable, *, code: str, role: str, labels: Mapping[str, str]
) -> TableVariable:
    """The table's variable for ``role`` (or ``code`` for other variables), renamed if needed.

    StatFin renamed variable codes on 8.6.2026 (``Kuukausi`` -> ``timeperiod_m``): the time,
    content and area variables are matched by role, so a rename updates the row.
    """
    if role == Role.OTHER:
        variable = TableVariable.objects.filter(table=table, code=code).first()
    else:
        variable = TableVariable.objects.filter(table=table, role=role).first()
    if variable is None:
        variable = TableVariable(table=table, code=code, role=role)
        _set_labels(variable, labels, code)
        variable.save()
        return variable
    changed = _set_labels(variable, labels, code)
    if variable.code != code:
        variable.code = code
        changed = True
    if changed:
        variable.save()
    return variable


def upsert_values(variable: TableVariable, values: Sequence[Mapping[str, Any]]) -> None:
    """Create or update the value rows (code, label_fi/sv/en, unit) of ``variable`` in order."""
    existing = {value.code: value for value in variable.values.all()}
    for order, item in enumerate(values):
        code = item["code"]
        labels = {lang: item.get(f"label_{lang}", "") for lang in LANGUAGES}
        row = existing.get(code)
        if row is None:
            row = VariableValue(variable=variable, code=code, order=order)
            _set_labels(row, labels, code)
            row.unit = item.get("unit", "")
            row.save()
            continue
        changed = _set_labels(row, labels, code)
        if item.get("unit") and not row.unit:
            row.unit = item["unit"]
            changed = True
        if changed:
            row.save()


def apply_table_description(table: StatTable, description: Mapping[str, Any]) -> None:
    """Titles, source, licence, variables and content labels from a ``tables.json`` entry."""
    changed = False
    for field in ("title_fi", "title_sv", "title_en", "source", "licence"):
        value = description.get(field)
        if value and getattr(table, field) != value:
            setattr(table, field, value)
            changed = True
    updated = parse_updated(description.get("updated"))
    if updated and (table.updated_at_source is None or updated > table.updated_at_source):
        table.updated_at_source = updated
        changed = True
    if changed:
        table.save()
    for item in description.get("variables", ()):
        labels = {lang: item.get(f"label_{lang}", "") for lang in LANGUAGES}
        variable = upsert_variable(table, code=item["code"], role=item["role"], labels=labels)
        if item["role"] == Role.CONTENT:
            upsert_values(variable, description.get("contents", ()))


def _dimension_labels(dimension: Dimension) -> dict[str, str]:
    primary = dimension.lang or "fi"
    labels = {primary: dimension.label}
    for lang in LANGUAGES:
        if lang != primary and lang in dimension.translations:
            labels[lang] = dimension.label_in(lang)
    return {lang: label for lang, label in labels.items() if lang in LANGUAGES}


def _category_labels(dimension: Dimension, code: str) -> dict[str, str]:
    primary = dimension.lang or "fi"
    labels = {primary: dimension.labels.get(code, "")}
    for lang in LANGUAGES:
        if lang != primary and lang in dimension.translations:
            labels[lang] = dimension.translations[lang].labels.get(code, "")
    return {lang: label for lang, label in labels.items() if lang in LANGUAGES}


def update_table_from_cube(table: StatTable, cube: Cube) -> None:
    """Take what the data say about themselves: source, update time, variables, content labels."""
    changed = False
    primary = next((d.lang for d in cube.dimensions if d.lang), None) or "fi"
    title = re.sub(r"\s+muuttujina\s.*$", "", cube.label or "") if primary == "fi" else ""
    if title and not table.title_fi:
        table.title_fi = title[:400]
        changed = True
    if cube.source and not table.source:
        table.source = cube.source[:200]
        changed = True
    updated = parse_updated(cube.updated)
    if updated and (table.updated_at_source is None or updated > table.updated_at_source):
        table.updated_at_source = updated
        changed = True
    if changed:
        table.save()
    for dimension in cube.dimensions:
        variable = upsert_variable(
            table, code=dimension.id, role=str(dimension.role), labels=_dimension_labels(dimension)
        )
        if dimension.role is Role.CONTENT:
            values = []
            for code in dimension.codes:
                unit = dimension.units.get(code)
                item: dict[str, Any] = {"code": code, "unit": (unit.label or "") if unit else ""}
                for lang, label in _category_labels(dimension, code).items():
                    item[f"label_{lang}"] = label
                values.append(item)
            upsert_values(variable, values)
