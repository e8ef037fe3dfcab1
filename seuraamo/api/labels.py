"""The labels of observation rows in the requested language, for the API's JSON answer: the
content (a content code's label, or a derived measure's description), the area's name and the
further dimension's label (an occupation of 12ti) where the store has one."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from seuraamo.api.formats import _area_labels, _content_labels, row_dict
from seuraamo.api.queries import Row
from seuraamo.core.translation import localized
from seuraamo.official_stats.derived import RATIO_MEASURES, parse_measure
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


def _content_labels_in(tables: list[str], codes: list[str], language: str) -> dict[str, str]:
    """Stored labels of content codes; derived measures described in ``language``."""
    stored = _content_labels(tables, codes, language)
    found = {}
    with translation.override(language):
        for code in codes:
            spec = parse_measure(code)
            if spec.base not in RATIO_MEASURES and not spec.transform:
                found[code] = stored[code]
                continue
            base = str(DERIVED[spec.base]) if spec.base in DERIVED else None
            if base is None:
                base = _content_labels(tables, [spec.base], language)[spec.base]
            found[code] = f"{base}, {TRANSFORMS[spec.transform]}" if spec.transform else base
    return found


def _extra_labels(tables: list[str], codes: list[str], language: str) -> dict[str, str]:
    if not any(codes):
        return {}
    values = VariableValue.objects.filter(
        variable__table__table_id__in=tables, variable__role=VariableRole.OTHER, code__in=codes
    )
    return {value.code: localized(value, "label", language).text or value.code for value in values}


def with_labels(rows: list[Row], tables: list[str], language: str) -> list[dict[str, Any]]:
    """Each row as the API gives it, with ``labels`` in ``language`` (Finnish where the store has
    no label in it; the code itself where it has none at all)."""
    contents = list(dict.fromkeys(row.content for row in rows))
    areas = list(dict.fromkeys(row.area for row in rows))
    extras = list(dict.fromkeys(row.extra for row in rows))
    content_labels = _content_labels_in(tables, contents, language)
    area_labels = _area_labels(areas, language)
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
