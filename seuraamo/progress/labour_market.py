"""The labour-market summary of the compiled report: Kymenlaakso's key figures in the last month of
the round's period and a year earlier, from the stored Statistics Finland series (tyonv/12r5),
as the situation picture's headline figures (`official_stats.selectors.Figure`: one rounding
rule, one notion of a missing value)."""

from __future__ import annotations

from dataclasses import dataclass

from seuraamo.areas.region import REGION
from seuraamo.official_stats.pxweb.periods import Period
from seuraamo.official_stats.selectors import Figure, headline_figures
from seuraamo.situation.headline import LABELS

#: The headline figures the summary shows, by their key in the headline.
KEYS = ("unemployed", "share", "long_term", "vacancies")


@dataclass(frozen=True)
class SummaryRow:
    label: str
    figure: Figure


def summary(period: Period) -> list[SummaryRow]:
    """The figures in the period's last month; a figure not stored shows as missing."""
    last_month = period.first_month + 12 // period.frequency.per_year - 1
    month = f"{period.year}M{last_month:02d}"
    headline = headline_figures(REGION, month)
    if headline is None:
        return []
    return [SummaryRow(str(LABELS[key]), headline.area.figures[key]) for key in KEYS]
