"""The labour-market summary of the compiled report: Kymenlaakso's key figures in the last month of
the round's period and a year earlier, from the stored Statistics Finland series (tyonv/12r5).

An open round reads them live. Closing a round stores them (`frozen_summary`, kept in
`ReportingRound.labour_market`), so a later sync or revision of the statistics does not change a
closed round's report; the label is stored as its key and shown in the reader's language."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from seuraamo.official_stats.pxweb.periods import Period
from seuraamo.official_stats.selectors import series
from seuraamo.situation.headline import LABELS

TABLE = "tyonv/12r5"
AREA = "MK08"  # Kymenlaakso
#: (label key in the situation picture's headline labels, content code or derived measure, unit)
FIGURES = (
    ("unemployed", "TYOTTOMATLOPUSSA", "persons"),
    ("share", "share", "percent"),
    ("long_term", "PITKAAIKAISTYOTTOMAT", "persons"),
    ("vacancies", "AVPAIKATLOPUSSA", "persons"),
)


@dataclass(frozen=True)
class Figure:
    key: str  # a key of the situation picture's headline labels
    unit: str
    month: str
    value: float | None
    year_earlier: float | None

    @property
    def label(self) -> str:
        return str(LABELS[self.key])

    @property
    def change(self) -> float | None:
        if self.value is None or self.year_earlier is None:
            return None
        return self.value - self.year_earlier


def summary(period: Period) -> list[Figure]:
    """The figures in the period's last month; a figure not stored shows as missing."""
    last_month = period.first_month + 12 // period.frequency.per_year - 1
    month = f"{period.year}M{last_month:02d}"
    earlier = f"{period.year - 1}M{last_month:02d}"
    figures = []
    for key, measure, unit in FIGURES:
        points = {p.period: p.value for p in series(TABLE, measure, AREA, earlier, month)}
        figures.append(Figure(key, unit, month, points.get(month), points.get(earlier)))
    return figures


def frozen_summary(period: Period) -> list[dict[str, object]]:
    """The summary as JSON, to be stored when the round closes."""
    return [asdict(figure) for figure in summary(period)]


def stored_summary(stored: list[dict[str, object]]) -> list[Figure]:
    """The summary stored at closing, as figures again."""
    return [Figure(**row) for row in stored]
