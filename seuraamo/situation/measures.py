"""What the time-series chart can show: the measures (content codes of tyonv/12r5 and the ratios
derived from them) and the areas of Kymenlaakso, with the labels of the selectors."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Count
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from seuraamo.areas.models import Area, AreaLevel
from seuraamo.core.translation import localized
from seuraamo.official_stats.derived import parse_measure
from seuraamo.official_stats.models import Observation

TABLE = "tyonv/12r5"
OCCUPATION_TABLE = "tyonv/12ti"
REGION = "MK08"
COUNTRY = "SSS"
MONTH = re.compile(r"\d{4}M(?:0[1-9]|1[0-2])")
SUBREGIONS = ("SK081", "SK082")
MUNICIPALITIES = ("KU075", "KU285", "KU286", "KU489", "KU624", "KU935")


@dataclass(frozen=True)
class Measure:
    key: str  # content code or derived measure name understood by selectors.series
    label: Promise
    axis: Promise  # the y-axis title and the value column's unit wording
    unit: str  # "persons", "percent", "ratio"
    decimals: int


MEASURES: tuple[Measure, ...] = (
    Measure(
        "TYOTTOMATLOPUSSA", _("Unemployed jobseekers"), _("Unemployed jobseekers"), "persons", 0
    ),
    Measure("share", _("Unemployment share"), _("Unemployed, % of the labour force"), "percent", 1),
    Measure(
        "share_ma12",
        _("Unemployment share, 12-month average"),
        _("Unemployed, % of the labour force"),
        "percent",
        1,
    ),
    Measure(
        "PITKAAIKAISTYOTTOMAT",
        _("Long-term unemployed"),
        _("Long-term unemployed"),
        "persons",
        0,
    ),
    Measure(
        "long_term_share",
        _("Long-term unemployed, share"),
        _("Long-term unemployed, % of the unemployed"),
        "percent",
        1,
    ),
    Measure("TYOTTOMAT25", _("Unemployed under 25"), _("Unemployed under 25"), "persons", 0),
    Measure(
        "TYOTTOMATULK",
        _("Unemployed foreign nationals"),
        _("Unemployed foreign nationals"),
        "persons",
        0,
    ),
    Measure(
        "under25_share",
        _("Unemployed under 25, share"),
        _("Under 25, % of the unemployed"),
        "percent",
        1,
    ),
    Measure(
        "foreign_share",
        _("Unemployed foreign nationals, share"),
        _("Foreign nationals, % of the unemployed"),
        "percent",
        1,
    ),
    Measure(
        "TYOTTOMATSAIR",
        _("Unemployed with a disability or long-term illness"),
        _("Unemployed with a disability or long-term illness"),
        "persons",
        0,
    ),
    Measure("LOMAUTETTU", _("Fully laid off"), _("Fully laid off persons"), "persons", 0),
    Measure(
        "TYOLLISTETTYLOP",
        _("Employed with a pay subsidy or start-up grant"),
        _("Persons employed with a subsidy"),
        "persons",
        0,
    ),
    Measure(
        "TVKOULUTUSLOP",
        _("In labour market training"),
        _("Persons in labour market training"),
        "persons",
        0,
    ),
    Measure(
        "KOKEILULOP",
        _("In work or training trials"),
        _("Persons in work or training trials"),
        "persons",
        0,
    ),
    Measure("VALMENNUSLOP", _("In coaching"), _("Persons in coaching"), "persons", 0),
    Measure("MTPPALVELUTLOP", _("In other services"), _("Persons in other services"), "persons", 0),
    Measure("AVPAIKATLOPUSSA", _("Open vacancies"), _("Open vacancies"), "vacancies", 0),
    Measure(
        "vacancies_per_unemployed",
        _("Open vacancies per unemployed jobseeker"),
        _("Vacancies per unemployed jobseeker"),
        "ratio",
        2,
    ),
)
DEFAULT_MEASURE = "TYOTTOMATLOPUSSA"
BY_KEY = {measure.key: measure for measure in MEASURES}


def measure(key: str) -> Measure | None:
    return BY_KEY.get(key)


def is_stored_month(table_id: str, period: str) -> bool:
    """Whether ``period`` is a month (``2026M06``) with figures stored in the table."""
    return bool(MONTH.fullmatch(period)) and (
        Observation.objects.filter(
            table__table_id=table_id, period=period, value__isnull=False
        ).exists()
    )


def _months_by_code(area: str) -> dict[str, int]:
    """Months with a value per content code; for a union of municipalities (an employment area
    without figures of its own) the fewest months of any member."""
    codes = [area]
    found = Area.objects.filter(code=area).values_list("member_codes", flat=True).first()
    if found and not Observation.objects.filter(table__table_id=TABLE, area_code=area).exists():
        codes = list(found)
    rows = (
        Observation.objects.filter(table__table_id=TABLE, area_code__in=codes, value__isnull=False)
        .values("area_code", "content_code")
        .annotate(months=Count("id"))
    )
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["content_code"], {})[row["area_code"]] = row["months"]
    return {
        content: min(by_area.get(code, 0) for code in codes) for content, by_area in counts.items()
    }


def available_measures(area: str = REGION) -> list[Measure]:
    """The measures with at least two months of data for the area (a chart needs a line)."""
    months = _months_by_code(area)
    found = []
    for candidate in MEASURES:
        codes = parse_measure(candidate.key).content_codes
        if all(months.get(code, 0) >= 2 for code in codes):
            found.append(candidate)
    return found


@dataclass(frozen=True)
class AreaGroup:
    label: Promise
    areas: list[tuple[str, str]]  # (code, name)


def area_groups() -> list[AreaGroup]:
    """The areas of the selector: the region, its employment areas (from 2025), sub-regions and
    municipalities, and the whole country. Areas not in the database are left out."""
    areas = {area.code: area for area in Area.objects.all()}

    def named(codes: list[str]) -> list[tuple[str, str]]:
        return [(code, localized(areas[code], "name").text) for code in codes if code in areas]

    employment = sorted(
        (
            area.code
            for area in areas.values()
            if area.level == AreaLevel.EMPLOYMENT_AREA
            and set(area.member_codes) <= set(MUNICIPALITIES)
        ),
    )
    groups = [
        AreaGroup(_("Region"), named([REGION])),
        AreaGroup(_("Employment areas (from 2025)"), named(employment)),
        AreaGroup(_("Sub-regions"), named(list(SUBREGIONS))),
        AreaGroup(_("Municipalities"), named(list(MUNICIPALITIES))),
        AreaGroup(_("Comparison"), named([COUNTRY])),
    ]
    return [group for group in groups if group.areas]


def area_codes() -> set[str]:
    return {code for group in area_groups() for code, _name in group.areas}


def area_name(code: str) -> str:
    area = Area.objects.filter(code=code).first()
    return localized(area, "name").text if area else code
