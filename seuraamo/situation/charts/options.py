"""What the time-series chart can show: the statistics stored for an area and the areas of
Kymenlaakso, with the labels of the selectors."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from seuraamo.areas import selectors as area_selectors
from seuraamo.areas.models import AreaLevel
from seuraamo.areas.region import COUNTRY, MUNICIPALITIES, REGION, SUBREGIONS
from seuraamo.core.translation import localized
from seuraamo.official_stats import selectors
from seuraamo.official_stats.derived import parse_statistic
from seuraamo.official_stats.registry import UNEMPLOYMENT_TABLE
from seuraamo.official_stats.statistics import STATISTICS, Statistic

TABLE = UNEMPLOYMENT_TABLE


def _months_by_code(area: str) -> dict[str, int]:
    """Months with a value per content code; for a union of municipalities (an employment area
    without figures of its own) the fewest months of any member."""
    codes = [area]
    found = area_selectors.members_of(area)
    if found and not selectors.has_rows(TABLE, area):
        codes = list(found)
    counts = selectors.months_with_values(TABLE, codes)
    return {
        content: min(by_area.get(code, 0) for code in codes) for content, by_area in counts.items()
    }


def available_statistics(area: str = REGION) -> list[Statistic]:
    """The statistics with at least two months of data for the area (a chart needs a line)."""
    months = _months_by_code(area)
    found = []
    for candidate in STATISTICS:
        codes = parse_statistic(candidate.key).content_codes
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
    areas = area_selectors.areas_by_code()
    members = area_selectors.members_by_area()

    def named(codes: list[str]) -> list[tuple[str, str]]:
        return [(code, localized(areas[code], "name").text) for code in codes if code in areas]

    employment = sorted(
        (
            area.code
            for area in areas.values()
            if area.level == AreaLevel.EMPLOYMENT_AREA
            and area.code in members
            and set(members[area.code]) <= set(MUNICIPALITIES)
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
