"""The statistics the situation picture offers: content codes of tyonv/12r5 and the figures derived
from them, each with its label, axis wording, unit and published decimals. Values are rounded to these
decimals with one rule (`seuraamo.core.formatting.rounded`, half up as Statistics Finland rounds)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Statistic:
    key: str  # a content code or a derived figure's name understood by selectors.series
    label: Promise
    axis: Promise  # the y-axis title and the value column's unit wording
    unit: str  # "persons", "percent", "ratio"
    decimals: int


STATISTICS: tuple[Statistic, ...] = (
    Statistic(
        "TYOTTOMATLOPUSSA", _("Unemployed jobseekers"), _("Unemployed jobseekers"), "persons", 0
    ),
    Statistic(
        "share", _("Unemployment share"), _("Unemployed, % of the labour force"), "percent", 1
    ),
    Statistic(
        "share_ma12",
        _("Unemployment share, 12-month average"),
        _("Unemployed, % of the labour force"),
        "percent",
        1,
    ),
    Statistic(
        "PITKAAIKAISTYOTTOMAT",
        _("Long-term unemployed"),
        _("Long-term unemployed"),
        "persons",
        0,
    ),
    Statistic(
        "long_term_share",
        _("Long-term unemployed, share"),
        _("Long-term unemployed, % of the unemployed"),
        "percent",
        1,
    ),
    Statistic("TYOTTOMAT25", _("Unemployed under 25"), _("Unemployed under 25"), "persons", 0),
    Statistic(
        "TYOTTOMATULK",
        _("Unemployed foreign nationals"),
        _("Unemployed foreign nationals"),
        "persons",
        0,
    ),
    Statistic(
        "under25_share",
        _("Unemployed under 25, share"),
        _("Under 25, % of the unemployed"),
        "percent",
        1,
    ),
    Statistic(
        "foreign_share",
        _("Unemployed foreign nationals, share"),
        _("Foreign nationals, % of the unemployed"),
        "percent",
        1,
    ),
    Statistic(
        "TYOTTOMATSAIR",
        _("Unemployed with a disability or long-term illness"),
        _("Unemployed with a disability or long-term illness"),
        "persons",
        0,
    ),
    Statistic("LOMAUTETTU", _("Fully laid off"), _("Fully laid off persons"), "persons", 0),
    Statistic(
        "TYOLLISTETTYLOP",
        _("Employed with a pay subsidy or start-up grant"),
        _("Persons employed with a subsidy"),
        "persons",
        0,
    ),
    Statistic(
        "TVKOULUTUSLOP",
        _("In labour market training"),
        _("Persons in labour market training"),
        "persons",
        0,
    ),
    Statistic(
        "KOKEILULOP",
        _("In work or training trials"),
        _("Persons in work or training trials"),
        "persons",
        0,
    ),
    Statistic("VALMENNUSLOP", _("In coaching"), _("Persons in coaching"), "persons", 0),
    Statistic(
        "MTPPALVELUTLOP", _("In other services"), _("Persons in other services"), "persons", 0
    ),
    Statistic("AVPAIKATLOPUSSA", _("Open vacancies"), _("Open vacancies"), "vacancies", 0),
    Statistic(
        "vacancies_per_unemployed",
        _("Open vacancies per unemployed jobseeker"),
        _("Vacancies per unemployed jobseeker"),
        "ratio",
        2,
    ),
)
DEFAULT_STATISTIC = "TYOTTOMATLOPUSSA"
BY_KEY = {statistic.key: statistic for statistic in STATISTICS}


def statistic(key: str) -> Statistic | None:
    return BY_KEY.get(key)


#: The headline figures of an area (`selectors.headline_figures`) by key, in the order pages show
#: them; the situation picture's cards and the compiled report's labour-market summary name them so.
HEADLINE_LABELS = {
    "unemployed": _("Unemployed jobseekers"),
    "share": _("Unemployment share (% of the labour force)"),
    "long_term": _("Long-term unemployed"),
    "under_25": _("Unemployed under 25"),
    "foreign": _("Unemployed foreign nationals"),
    "vacancies": _("Open vacancies"),
}
