"""Reading the publications register and Työvoimabarometri's assessments for the situation page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet

from seuraamo.areas.region import REGION
from seuraamo.core.memo import once_per_build
from seuraamo.publications.models import (
    BarometerAssessment,
    BarometerLoad,
    BarometerState,
    Publication,
    PublicationFigure,
)


@dataclass(frozen=True)
class RegisterEntry:
    publication: Publication
    figures: int
    latest_period: str  # of the stored figures, "" without any


def register() -> list[RegisterEntry]:
    shown = Q(figures__withdrawn_at__isnull=True)
    rows = Publication.objects.annotate(
        count=Count("figures", filter=shown), latest=Max("figures__period", filter=shown)
    )
    return [RegisterEntry(row, row.count, row.latest or "") for row in rows]


@dataclass(frozen=True)
class BarometerRow:
    occupation_code: str
    occupation_name: str
    state: int
    state_label: str
    severity: int | None
    unemployed: int | None  # None: suppressed by the source
    vacancies: int | None
    regions_in_shortage: int  # of the regions assessed the same month


@dataclass(frozen=True)
class BarometerView:
    """Työvoimabarometri's latest month for an area: how many occupations are in each state,
    and the occupations in shortage or with a matching problem (most severe first)."""

    area_code: str
    month: str
    load: BarometerLoad
    states: list[tuple[str, int]]  # (state label, occupations), every state
    rows: list[BarometerRow]
    regions: int

    @property
    def constructed(self) -> bool:
        return self.load.constructed


#: The states the view lists occupation by occupation.
LISTED_STATES = (BarometerState.SHORTAGE, BarometerState.MATCHING_PROBLEM)


def shown_assessments() -> QuerySet[BarometerAssessment]:
    return BarometerAssessment.objects.filter(withdrawn_at__isnull=True)


@once_per_build
def latest_barometer_month() -> str | None:
    """The latest month a fetch or file loaded; the latest recorded one when nothing is loaded
    (one assessment recorded by hand for a newer month never stands for the whole month)."""
    found = shown_assessments().aggregate(
        loaded=Max("month", filter=Q(load__recorded_in_app=False)), recorded=Max("month")
    )
    latest: str | None = found["loaded"] or found["recorded"]
    return latest


def barometer_view(area_code: str = REGION) -> BarometerView | None:
    """The latest stored month for ``area_code``, or None when no barometer data are loaded."""
    month = latest_barometer_month()
    if month is None:
        return None
    rows = list(shown_assessments().filter(month=month).select_related("load").order_by("id"))
    here = [row for row in rows if row.area_code == area_code]
    if not here:
        return None
    shortage: dict[str, int] = {}
    for row in rows:
        if row.state == BarometerState.SHORTAGE:
            shortage[row.occupation_code] = shortage.get(row.occupation_code, 0) + 1
    counts = {state: 0 for state in BarometerState}
    for row in here:
        counts[BarometerState(row.state)] += 1
    listed = sorted(
        (row for row in here if row.state in LISTED_STATES),
        key=lambda row: (-row.state, -(row.severity or 0), -(row.unemployed or 0)),
    )
    return BarometerView(
        area_code=area_code,
        month=month,
        load=next((r.load for r in reversed(here) if not r.load.recorded_in_app), here[-1].load),
        states=[(str(state.label), counts[state]) for state in BarometerState],
        rows=[
            BarometerRow(
                occupation_code=row.occupation_code,
                occupation_name=row.occupation_name_fi,
                state=row.state,
                state_label=str(BarometerState(row.state).label),
                severity=row.severity,
                unemployed=row.unemployed,
                vacancies=row.vacancies,
                regions_in_shortage=shortage.get(row.occupation_code, 0),
            )
            for row in listed
        ],
        regions=len({row.area_code for row in rows}),
    )


def barometer_states(area_code: str = REGION) -> dict[str, BarometerAssessment]:
    """The latest month's assessment of each occupation in ``area_code``, by occupation code."""
    month = latest_barometer_month()
    if month is None:
        return {}
    found = shown_assessments().filter(month=month, area_code=area_code)
    return {row.occupation_code: row for row in found.select_related("load")}


def latest_figures(area_code: str) -> list[tuple[Publication, list[PublicationFigure]]]:
    """For each publication with figures for ``area_code``, the figures of its latest period."""
    latest: dict[str, list[PublicationFigure]] = {}
    rows = PublicationFigure.objects.filter(area_code=area_code, withdrawn_at__isnull=True)
    rows = rows.select_related("publication")
    for row in rows.order_by("publication__key", "-period", "indicator"):
        found = latest.setdefault(row.publication.key, [])
        if not found or found[0].period == row.period:
            found.append(row)
    return [(figures[0].publication, figures) for figures in latest.values()]


def recorded_figures(limit: int = 20) -> list[PublicationFigure]:
    """The figures analysts recorded from releases (with a source and a release date), each
    publication's latest period first; withdrawn ones are not shown."""
    rows = PublicationFigure.objects.filter(withdrawn_at__isnull=True, released_on__isnull=False)
    rows = rows.select_related("publication").order_by(
        "-period", "-released_on", "publication__name_fi"
    )
    return list(rows[:limit])


def recorded_assessments(limit: int = 20) -> list[BarometerAssessment]:
    """Työvoimabarometri's assessments recorded or corrected by analysts, newest month first."""
    rows = shown_assessments().filter(released_on__isnull=False)
    return list(rows.order_by("-month", "area_code", "occupation_code")[:limit])
