"""The early warning in plain words: which municipality's youth or long-term unemployment left
its trend band in the latest month (the rule is in official_stats/selectors/warnings.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from seuraamo.core.formatting import format_number, month_name
from seuraamo.official_stats import registry, selectors, statistics
from seuraamo.official_stats.selectors.warnings import ABOVE, UNKNOWN
from seuraamo.situation.selectors import area_name


@dataclass(frozen=True)
class Warnings:
    alerts: list[str]  # one sentence per statistic and area outside its band
    calm: str  # "no municipality …" when every band could be formed and none was left
    unknown: str  # which checks could not be formed, and why


def _sentence(found: selectors.TrendCheck, named: bool) -> str:
    values = {
        "place": area_name(found.area_code),
        "statistic": statistics.BY_KEY[found.statistic].label,
        "month": month_name(found.period),
        "value": format_number(found.value),
        "low": format_number(found.low),
        "high": format_number(found.high),
    }
    if found.position == ABOVE:
        text = _(
            "%(statistic)s, %(month)s: %(value)s, above the trend band %(low)s–%(high)s: a larger "
            "rise than the history makes likely."
        )
    else:
        text = _(
            "%(statistic)s, %(month)s: %(value)s, below the trend band %(low)s–%(high)s: a larger "
            "fall than the history makes likely."
        )
    return (f"{values['place']}: " if named else "") + text % values


def section(area_codes: tuple[str, ...], *, named: bool = True) -> Warnings | None:
    """The warnings for ``area_codes`` (named: the sentences start with the area's name)."""
    checks = selectors.trend_checks(registry.UNEMPLOYMENT_TABLE, area_codes)
    if not any(found.period for found in checks):
        return None
    alerts = [_sentence(found, named) for found in checks if found.warns]
    unknown = [found for found in checks if found.position == UNKNOWN]
    month = month_name(max(found.period for found in checks if found.period))
    calm = ""
    if not alerts and not unknown:
        calm = _(
            "In %(month)s, youth and long-term unemployment stayed within their trend bands."
        ) % {"month": month}
    missing = ""
    if unknown:
        missing = _(
            "No trend band can be formed for %(what)s: it needs the latest month and the 36 "
            "unbroken months before it, and the stored figures are shorter or have a gap."
        ) % {
            "what": ", ".join(
                sorted(
                    {
                        f"{statistics.BY_KEY[found.statistic].label} ({area_name(found.area_code)})"
                        if named
                        else str(statistics.BY_KEY[found.statistic].label)
                        for found in unknown
                    }
                )
            )
        }
    return Warnings(alerts, calm, missing)
