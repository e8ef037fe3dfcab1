"""The labour-market summary of the compiled report: the key figures of Kymenlaakso and of its two
employment areas (Etelä-Kymenlaakso TA04, Kouvola TA16, since 1.1.2025) in the last month of the
round's period and a year earlier, from the stored Statistics Finland series (tyonv/12r5), as the
situation picture's headline figures (`official_stats.selectors.Figure`: one rounding rule, one
notion of a missing value; an employment area's figures are its members' sums).

An open round reads them live. Closing a round stores them (`frozen_summary`, kept in
`ReportingRound.labour_market`), so a later sync or revision of the statistics does not change a
closed round's report; labels are stored as keys and shown in the reader's language. A round closed
before the employment areas were added stored a list of Kymenlaakso's rows only, read as such."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.utils.translation import gettext_lazy as _

from seuraamo.areas.region import REGION
from seuraamo.official_stats.selectors import Earlier, Figure, headline_figures
from seuraamo.official_stats.statistics import HEADLINE_LABELS
from seuraamo.periods import Period

#: The headline figures the summary shows, by their key in the headline.
KEYS = ("unemployed", "share", "long_term", "vacancies")
#: The areas of the summary, in order, with their names.
AREAS = {
    REGION: _("Kymenlaakso"),
    "TA04": _("Etelä-Kymenlaakso employment area"),
    "TA16": _("Kouvola employment area"),
}


@dataclass(frozen=True)
class SummaryRow:
    key: str  # a key of the situation picture's headline labels
    figure: Figure

    @property
    def label(self) -> str:
        return str(HEADLINE_LABELS[self.key])


@dataclass(frozen=True)
class AreaSummary:
    code: str
    rows: list[SummaryRow]

    @property
    def name(self) -> str:
        return str(AREAS.get(self.code, self.code))


def _last_month(period: Period) -> str:
    last_month = period.first_month + 12 // period.frequency.per_year - 1
    return f"{period.year}M{last_month:02d}"


def summary(period: Period) -> list[AreaSummary]:
    """Each area's figures in the period's last month; a figure not stored shows as missing, an
    area without any figures is left out."""
    month = _last_month(period)
    areas = []
    for code in AREAS:
        headline = headline_figures(code, month)  # type: ignore[arg-type]
        if headline is not None:
            areas.append(AreaSummary(code, [SummaryRow(k, headline.area.figures[k]) for k in KEYS]))
    return areas


def frozen_summary(period: Period) -> dict[str, object]:
    """The summary as JSON, to be stored when the round closes."""
    return {
        "areas": [
            {
                "code": area.code,
                "rows": [{"key": row.key, "figure": asdict(row.figure)} for row in area.rows],
            }
            for area in summary(period)
        ]
    }


def _rows(stored: list[dict[str, object]]) -> list[SummaryRow]:
    rows = []
    for row in stored:
        figure = dict(row["figure"])  # type: ignore[call-overload]
        compared = figure.pop("compared", None)
        earlier = Earlier(**compared) if compared else None
        rows.append(SummaryRow(str(row["key"]), Figure(**figure, compared=earlier)))
    return rows


def stored_summary(stored: dict[str, object] | list[dict[str, object]]) -> list[AreaSummary]:
    """The summary stored at closing, as areas and rows again."""
    if isinstance(stored, list):  # stored before the employment areas: Kymenlaakso only
        return [AreaSummary(REGION, _rows(stored))] if stored else []
    return [
        AreaSummary(str(area["code"]), _rows(area["rows"]))
        for area in stored.get("areas", [])  # type: ignore[union-attr]
    ]
