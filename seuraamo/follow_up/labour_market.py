"""The labour-market summary of the compiled report: Kymenlaakso's key figures in the last month of
the round's period and a year earlier, from the stored Statistics Finland series (tyonv/12r5),
as the situation picture's headline figures (`official_stats.selectors.Figure`: one rounding
rule, one notion of a missing value).

An open round reads them live. Closing a round stores them (`frozen_summary`, kept in
`ReportingRound.labour_market`), so a later sync or revision of the statistics does not change a
closed round's report; the label is stored as its key and shown in the reader's language."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from seuraamo.areas.region import REGION
from seuraamo.official_stats.selectors import Earlier, Figure, headline_figures
from seuraamo.official_stats.statistics import HEADLINE_LABELS
from seuraamo.periods import Period

#: The headline figures the summary shows, by their key in the headline.
KEYS = ("unemployed", "share", "long_term", "vacancies")


@dataclass(frozen=True)
class SummaryRow:
    key: str  # a key of the situation picture's headline labels
    figure: Figure

    @property
    def label(self) -> str:
        return str(HEADLINE_LABELS[self.key])


def summary(period: Period) -> list[SummaryRow]:
    """The figures in the period's last month; a figure not stored shows as missing."""
    last_month = period.first_month + 12 // period.frequency.per_year - 1
    month = f"{period.year}M{last_month:02d}"
    headline = headline_figures(REGION, month)
    if headline is None:
        return []
    return [SummaryRow(key, headline.area.figures[key]) for key in KEYS]


def frozen_summary(period: Period) -> list[dict[str, object]]:
    """The summary as JSON, to be stored when the round closes."""
    return [{"key": row.key, "figure": asdict(row.figure)} for row in summary(period)]


def stored_summary(stored: list[dict[str, object]]) -> list[SummaryRow]:
    """The summary stored at closing, as rows again."""
    rows = []
    for row in stored:
        figure = dict(row["figure"])
        compared = figure.pop("compared", None)
        earlier = Earlier(**compared) if compared else None
        rows.append(SummaryRow(row["key"], Figure(**figure, compared=earlier)))
    return rows
