"""The monthly employment review ("työllisyyskatsaus"), written from the stored figures.

`review_facts` gathers every figure the text uses from the statistics selectors and formats it for
one language; the wording lives in one template per language (templates/situation/review/fi.html,
sv.html, en.html), because Finnish, Swedish and English sentences differ in more than their words
(Finnish inflects the month and the place: "kesäkuussa 2026", "Kotkassa"). Every number in the text
is a selector figure, rounded as shown elsewhere on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from seuraamo.areas.region import COUNTRY, MUNICIPALITIES, REGION
from seuraamo.core.formatting import (
    current_language,
    format_number,
    format_percent,
    month_genitive_fi,
    month_inessive_fi,
    month_name,
    rounded,
)
from seuraamo.official_stats import registry, selectors
from seuraamo.official_stats.selectors import AreaFigures, Comparison, Figure, Headline
from seuraamo.periods import Period
from seuraamo.situation.sections.outlook import Outlook, outlook

#: Finnish "in <place>" of the Kymenlaakso areas (locative case: -ssa/-ssä or -lla/-llä).
FINNISH_IN = {
    "MK08": "Kymenlaaksossa",
    "SSS": "koko maassa",
    "KU075": "Haminassa",
    "KU285": "Kotkassa",
    "KU286": "Kouvolassa",
    "KU489": "Miehikkälässä",
    "KU624": "Pyhtäällä",
    "KU935": "Virolahdella",
}


@dataclass(frozen=True)
class Number:
    """A figure as the text shows it, with its direction when it is a change."""

    text: str  # formatted, unsigned for changes ("812")
    value: float | None  # rounded as shown (signed for changes)
    direction: str = ""  # "up", "down", "same" for changes; "" otherwise

    def __str__(self) -> str:
        return self.text

    @property
    def known(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    name_in_fi: str  # Finnish locative, for the Finnish template


@dataclass(frozen=True)
class Ranked:
    places: list[Place]
    share: Number


@dataclass
class ReviewFacts:
    language: str
    period: Period
    month: str  # "kesäkuu 2026" / "juni 2026" / "June 2026"
    month_in_fi: str  # "kesäkuussa 2026"
    month_end_fi: str  # "kesäkuun 2026"
    earlier_month: str
    region: Place
    country: Place
    figures: dict[str, Number] = field(default_factory=dict)
    country_figures: dict[str, Number] = field(default_factory=dict)
    highest: Ranked | None = None
    lowest: Ranked | None = None
    occupation_month: str = ""
    outlook: Outlook | None = None

    def numbers(self) -> list[Number]:
        """Every number the text can show (for tests)."""
        found = [*self.figures.values(), *self.country_figures.values()]
        for ranked in (self.highest, self.lowest):
            if ranked:
                found.append(ranked.share)
        return [number for number in found if number.known]


def _number(value: float | None, unit: str, language: str) -> Number:
    if value is None:
        return Number("", None)
    decimals = 1 if unit == "percent" else 2 if unit == "ratio" else 0
    shown = float(rounded(value, decimals))
    if unit == "percent":
        return Number(format_percent(shown, decimals, language), shown)
    return Number(format_number(shown, decimals, language), shown)


def _change(value: float | None, unit: str, language: str) -> Number:
    """An unsigned change with its direction; percentage-point changes of shares keep 1 decimal."""
    if value is None:
        return Number("", None)
    decimals = 1 if unit in ("percent", "pct") else 2 if unit == "ratio" else 0
    shown = float(rounded(value, decimals))
    direction = "up" if shown > 0 else "down" if shown < 0 else "same"
    if unit == "pct":
        text = format_percent(abs(shown), decimals, language)
    else:
        text = format_number(abs(shown), decimals, language)
    return Number(text, shown, direction)


def _figures(area: AreaFigures, language: str) -> dict[str, Number]:
    found: dict[str, Number] = {}
    for key, figure in area.figures.items():
        found[key] = _number(figure.value, figure.unit, language)
        found[f"{key}_earlier"] = _number(figure.year_earlier_value, figure.unit, language)
        found[f"{key}_change"] = _change(figure.change, figure.unit, language)
        if figure.unit in ("persons", "vacancies"):
            found[f"{key}_change_pct"] = _change(figure.change_pct, "pct", language)
    return found


def _place(area: AreaFigures, language: str) -> Place:
    return Place(
        area.area_code, area.name(language), FINNISH_IN.get(area.area_code, area.name("fi"))
    )


def _ranked(rows: list[AreaFigures], language: str, *, highest: bool) -> Ranked | None:
    shares = [
        (float(rounded(row.figures["share"].value, 1)), row)
        for row in rows
        if row.figures.get("share") and row.figures["share"].value is not None
    ]
    if not shares:
        return None
    best = max(value for value, _row in shares) if highest else min(v for v, _r in shares)
    places = [_place(row, language) for value, row in shares if value == best]
    return Ranked(places, _number(best, "percent", language))


def review_facts(headline: Headline, comparison: Comparison | None) -> ReviewFacts:
    language = current_language()
    facts = ReviewFacts(
        language=language,
        period=headline.period,
        month=month_name(headline.period, language),
        month_in_fi=month_inessive_fi(headline.period),
        month_end_fi=month_genitive_fi(headline.period),
        earlier_month=month_name(headline.year_earlier_period, language),
        region=_place(headline.area, language),
        country=_place(headline.country, language),
        figures=_figures(headline.area, language),
        country_figures=_figures(headline.country, language),
    )
    if comparison is not None:
        region = next((r for r in comparison.rows if r.area_code == headline.area.area_code), None)
        country = next((r for r in comparison.rows if r.area_code == COUNTRY), None)
        for source, target in ((region, facts.figures), (country, facts.country_figures)):
            if source is None:
                continue
            for key in (
                "long_term_share",
                "under25_share",
                "foreign_share",
                "vacancies_per_unemployed",
            ):
                figure: Figure | None = source.figures.get(key)
                if figure is not None:
                    target[key] = _number(figure.value, figure.unit, language)
        municipalities = [r for r in comparison.rows if r.area_code in MUNICIPALITIES]
        facts.highest = _ranked(municipalities, language, highest=True)
        facts.lowest = _ranked(municipalities, language, highest=False)
    return facts


def review_periods() -> list[Period]:
    """The months a review can be written for: those with unemployed jobseekers stored for
    Kymenlaakso, latest first."""
    points = selectors.series(registry.UNEMPLOYMENT_TABLE, "TYOTTOMATLOPUSSA", REGION)
    return [point.period for point in reversed(points) if point.value is not None]


def build_review(period: Period | None = None) -> ReviewFacts | None:
    headline = selectors.headline_figures(REGION, period)
    if headline is None:
        return None
    comparison = selectors.municipality_comparison(headline.period)
    facts = review_facts(headline, comparison)
    periods = review_periods()
    facts.outlook = outlook(headline.period, latest=bool(periods) and periods[0] == headline.period)
    return facts


_SPACES = re.compile(r"[ \t\r\n]+")  # not \s: the no-break spaces inside numbers must stay


def render_review(facts: ReviewFacts, *, warnings_link: str = "") -> SafeString:
    """The review's paragraphs as HTML in the facts' language, one paragraph per line.

    ``warnings_link``: the page shows the early warning in a section of its own at this
    fragment, and the review links there instead of saying it a second time."""
    html: str = render_to_string(f"situation/review/{facts.language}.html", {"f": facts})
    if facts.outlook is not None:
        html += render_to_string(
            "situation/review/_outlook.html", {"f": facts, "warnings_link": warnings_link}
        )
    html = _SPACES.sub(" ", html).strip()
    html = html.replace("<p> ", "<p>").replace(" </p>", "</p>").replace("</p> <p>", "</p>\n<p>")
    return mark_safe(html)  # noqa: S308  (a template of ours with escaped figures)
