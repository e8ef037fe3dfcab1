"""The labels of observation rows in the requested language, for the API's JSON answer: the
content (a content code's label, or a derived statistic described in the language), the area's
name and the further dimension's label (an occupation of 12ti) where the store has one."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from seuraamo.api.formats import row_dict
from seuraamo.api.selectors import Row, labels_for
from seuraamo.core.translation import localized
from seuraamo.official_stats.derived import RATIO_STATISTICS, parse_statistic
from seuraamo.official_stats.models import VariableRole, VariableValue

DERIVED = {
    "share": _("Unemployed jobseekers, % of the labour force (recomputed)"),
    "long_term_share": _("Long-term unemployed, % of unemployed jobseekers"),
    "under25_share": _("Unemployed jobseekers under 25, % of unemployed jobseekers"),
    "foreign_share": _("Foreign unemployed jobseekers, % of unemployed jobseekers"),
    "vacancies_per_unemployed": _("Open vacancies per unemployed jobseeker"),
}
TRANSFORMS = {
    "_ma12": _("12-month moving average"),
    "_yoy": _("change from a year earlier"),
    "_yoy_pct": _("change from a year earlier, %"),
}


def _extra_labels(tables: list[str], codes: list[str], language: str) -> dict[str, str]:
    if not any(codes):
        return {}
    values = VariableValue.objects.filter(
        variable__table__table_id__in=tables, variable__role=VariableRole.OTHER, code__in=codes
    )
    return {value.code: localized(value, "label", language).text or value.code for value in values}


def _in_language(code: str, stored: str, language: str) -> str:
    """A derived statistic described in ``language``; a stored content code's own label."""
    spec = parse_statistic(code)
    if spec.base not in RATIO_STATISTICS and not spec.transform:
        return stored
    with translation.override(language):
        base = str(DERIVED[spec.base]) if spec.base in DERIVED else stored.split(", ")[0]
        return f"{base}, {TRANSFORMS[spec.transform]}" if spec.transform else base


def with_labels(rows: list[Row], tables: list[str], language: str) -> list[dict[str, Any]]:
    """Each row as the API gives it, with ``labels`` in ``language`` (Finnish where the store has
    no label in it; the code itself where it has none at all)."""
    contents = list(dict.fromkeys(row.content for row in rows))
    areas = list(dict.fromkeys(row.area for row in rows))
    extras = list(dict.fromkeys(row.extra for row in rows))
    content_labels: dict[str, str] = {}
    area_labels: dict[str, str] = {}
    for table in tables:
        found = labels_for(table, contents, areas, language)
        for code, label in found.contents.items():
            content_labels.setdefault(code, _in_language(code, label, language))
        area_labels.update(found.areas)
    extra_labels = _extra_labels(tables, extras, language)
    return [
        {
            **row_dict(row),
            "labels": {
                "content": content_labels.get(row.content, row.content),
                "area": area_labels.get(row.area, row.area),
                "extra": extra_labels.get(row.extra, row.extra),
            },
        }
        for row in rows
    ]
