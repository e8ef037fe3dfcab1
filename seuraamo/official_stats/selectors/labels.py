"""What rows of observations are called: the labels of content codes, derived statistics, areas
and a further dimension's codes in a language, and the units they are published in.

A stored content code's label is the table's own (Finnish where a translation is missing, the code
where there is none); a derived statistic is described from the interface catalogue (``share``:
"Unemployed jobseekers, % of the labour force (recomputed)"; ``TYOTTOMATLOPUSSA_yoy``: the content
code's label, "change from a year earlier").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from seuraamo.areas.selectors import areas_by_code
from seuraamo.core.translation import localized
from seuraamo.official_stats.derived import RATIO_STATISTICS, StatisticSpec, parse_statistic
from seuraamo.official_stats.models import StatTable, VariableRole, VariableValue
from seuraamo.official_stats.registry import LICENCE

#: The derived ratio statistics described (``derived.RATIO_STATISTICS``).
RATIO_LABELS: dict[str, Promise] = {
    "share": _("Unemployed jobseekers, % of the labour force (recomputed)"),
    "long_term_share": _("Long-term unemployed, % of unemployed jobseekers"),
    "under25_share": _("Unemployed jobseekers under 25, % of unemployed jobseekers"),
    "foreign_share": _("Foreign unemployed jobseekers, % of unemployed jobseekers"),
    "vacancies_per_unemployed": _("Open vacancies per unemployed jobseeker"),
}
#: The transforms a statistic's name may end with (``derived.TRANSFORMS``).
TRANSFORM_LABELS: dict[str, Promise] = {
    "_ma12": _("12-month moving average"),
    "_yoy": _("change from a year earlier"),
    "_yoy_pct": _("change from a year earlier, %"),
}


@dataclass(frozen=True)
class Unit:
    """What a content code or derived statistic is counted in, and its published decimals."""

    name: str  # "persons", "percent", "ratio", "number" …
    decimals: int


@dataclass(frozen=True)
class DatasetLabels:
    """What a dataset of one table names: the table, and the labels and units of the content
    codes and the names of the areas in it."""

    table_title: str
    source: str
    licence: str
    updated: str
    contents: dict[str, str]
    units: dict[str, Unit]
    areas: dict[str, str]


@dataclass(frozen=True)
class RowLabels:
    """The labels of the codes in rows of observations, in one language."""

    contents: dict[str, str]
    areas: dict[str, str]
    extras: dict[str, str]


def _content_values(table_ids: Sequence[str], codes: Sequence[str]) -> list[VariableValue]:
    wanted = {parse_statistic(code).base for code in codes} | set(codes)
    return list(
        VariableValue.objects.filter(
            variable__table__table_id__in=list(table_ids),
            variable__role=VariableRole.CONTENT,
            code__in=sorted(wanted),
        ).select_related("variable__table")
    )


def _derived_label(spec: StatisticSpec, base_label: str) -> str:
    """A derived statistic described in the active language: the ratio's description or the
    content code's label, then the transform."""
    base = str(RATIO_LABELS[spec.base]) if spec.base in RATIO_LABELS else base_label
    return f"{base}, {TRANSFORM_LABELS[spec.transform]}" if spec.transform else base


def _area_names(codes: Sequence[str], language: str) -> dict[str, str]:
    found = areas_by_code(codes)
    return {
        code: (localized(found[code], "name", language).text if code in found else "") or code
        for code in codes
    }


def dataset_labels(
    table_id: str, contents: Sequence[str], areas: Sequence[str], language: str
) -> DatasetLabels:
    """The table's title, source, licence and update time, and the labels, units and names of
    ``contents`` and ``areas`` in ``language``; derived statistics are described in English.
    Three queries."""
    table = StatTable.objects.filter(table_id=table_id).first()
    values = _content_values([table_id], contents)
    stored_labels = {
        value.code: localized(value, "label", language).text or value.code for value in values
    }
    stored_units = {value.code: value.unit for value in values}
    labels: dict[str, str] = {}
    units: dict[str, Unit] = {}
    for code in contents:
        spec = parse_statistic(code)
        if code in stored_labels:
            labels[code] = stored_labels[code]
        else:
            with translation.override("en"):
                labels[code] = _derived_label(spec, stored_labels.get(spec.base) or spec.base)
        ratio = RATIO_STATISTICS.get(spec.base)
        unit = ratio.unit if ratio else stored_units.get(spec.base, "")
        if spec.transform == "_yoy_pct":
            unit = "percent"
        decimals = ratio.decimals if ratio else (1 if unit in ("percent", "ratio") else 0)
        if spec.transform in ("_ma12", "_yoy_pct"):
            decimals = max(decimals, 1)
        units[code] = Unit(unit or "number", decimals)
    return DatasetLabels(
        table_title=localized(table, "title", language).text if table else table_id,
        source=table.source if table else "",
        licence=table.licence if table and table.licence else LICENCE,
        updated=table.updated_at_source.isoformat() if table and table.updated_at_source else "",
        contents=labels,
        units=units,
        areas=_area_names(areas, language),
    )


def row_labels(
    table_ids: Sequence[str],
    contents: Sequence[str],
    areas: Sequence[str],
    extras: Sequence[str],
    language: str,
) -> RowLabels:
    """The labels of ``contents`` (stored content codes and derived statistics), ``areas`` and
    ``extras`` (a further dimension's codes) in ``language``: a code's label from the first of the
    tables that stores one, the code itself where none does. Three queries at most."""
    order = {table_id: n for n, table_id in enumerate(table_ids)}
    stored: dict[str, str] = {}
    for value in sorted(
        _content_values(table_ids, contents), key=lambda v: order[v.variable.table.table_id]
    ):
        stored.setdefault(value.code, localized(value, "label", language).text or value.code)
    labels = {}
    with translation.override(language):
        for code in contents:
            spec = parse_statistic(code)
            if code in stored or (spec.base not in RATIO_LABELS and not spec.transform):
                labels[code] = stored.get(code, code)
            else:
                labels[code] = _derived_label(spec, stored.get(spec.base) or spec.base)
    extra_labels = {}
    if any(extras):
        extra_labels = {
            value.code: localized(value, "label", language).text or value.code
            for value in VariableValue.objects.filter(
                variable__table__table_id__in=list(table_ids),
                variable__role=VariableRole.OTHER,
                code__in=list(extras),
            )
        }
    return RowLabels(
        contents=labels,
        areas=_area_names(areas, language),
        extras={code: extra_labels.get(code, code) for code in extras},
    )
