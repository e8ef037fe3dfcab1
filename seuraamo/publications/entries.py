"""Reads of the analysts' own pages: what each publication is missing, the entries recorded lately
and an entry's history from the audit trail."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Max

from seuraamo.core.models import AuditEvent
from seuraamo.periods import Frequency, Period
from seuraamo.publications.models import (
    BarometerAssessment,
    Cadence,
    Publication,
    PublicationFigure,
)


def expected_period(cadence: str, today: datetime.date) -> Period:
    """The latest period a publication of ``cadence`` has normally been released for by ``today``:
    last month, the half-year before this one, last year, or the year before last (every other
    year)."""
    if cadence == Cadence.MONTHLY:
        return Period(today.year, Frequency.MONTH, today.month).shift(-1)
    if cadence == Cadence.TWICE_A_YEAR:
        if today.month > 6:
            return Period(today.year, Frequency.HALF_YEAR, 1)
        return Period(today.year - 1, Frequency.HALF_YEAR, 2)
    if cadence == Cadence.EVERY_OTHER_YEAR:
        return Period(today.year - 2, Frequency.YEAR)
    return Period(today.year - 1, Frequency.YEAR)


def _last_month(period: Period) -> int:
    """The period's last month as a count of months, to compare periods of any frequency."""
    per_year = Frequency(period.frequency).per_year
    return period.year * 12 + period.first_month - 1 + 12 // per_year


@dataclass(frozen=True)
class PublicationStatus:
    publication: Publication
    expected: Period
    latest: Period | None  # the latest period with a figure shown, None without any

    @property
    def missing(self) -> bool:
        return self.latest is None or _last_month(self.latest) < _last_month(self.expected)


def publication_statuses(today: datetime.date) -> list[PublicationStatus]:
    """Every register publication with the period it is expected for and its latest figure's."""
    rows = Publication.objects.annotate(
        latest=Max("figures__period", filter=models.Q(figures__withdrawn_at__isnull=True))
    )
    statuses = []
    for row in rows:
        # Max over text is right within one frequency; a publication keeps to its own.
        latest = Period.parse(row.latest) if row.latest else None
        statuses.append(PublicationStatus(row, expected_period(row.cadence, today), latest))
    return statuses


def figure_by_number(pk: int) -> PublicationFigure | None:
    return PublicationFigure.objects.select_related("publication").filter(pk=pk).first()


def assessment_by_number(pk: int) -> BarometerAssessment | None:
    return BarometerAssessment.objects.filter(pk=pk).first()


def recent_figures(limit: int = 50) -> list[PublicationFigure]:
    rows = PublicationFigure.objects.select_related("publication")
    return list(rows.order_by("-updated_at", "-pk")[:limit])


def recent_assessments(limit: int = 50) -> list[BarometerAssessment]:
    """Assessments recorded or corrected by hand (loaded months are too many to list)."""
    rows = BarometerAssessment.objects.filter(released_on__isnull=False)
    return list(rows.order_by("-month", "area_code", "occupation_code")[:limit])


#: The fields an entry's audit key is made of, in order ("key/…/…").
KEY_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    PublicationFigure: ("publication", "indicator", "area_code", "period"),
    BarometerAssessment: ("occupation_code", "area_code", "month"),
}


@dataclass(frozen=True)
class HistoryLine:
    event: AuditEvent
    changes: list[tuple[str, object, object]]  # (field's name in words, before, after)


def history(entry: PublicationFigure | BarometerAssessment) -> list[HistoryLine]:
    """The entry's history: each audit record with the fields it changed, oldest first."""
    lines = []
    for event in audit_events(entry):
        changes = []
        if event.action == "update":
            before = event.before or {}
            for name, value in (event.after or {}).items():
                try:
                    label = str(getattr(entry._meta.get_field(name), "verbose_name", name))
                except FieldDoesNotExist:
                    label = name
                changes.append((label, before.get(name), value))
        lines.append(HistoryLine(event, changes))
    return lines


def audit_events(entry: PublicationFigure | BarometerAssessment) -> list[AuditEvent]:
    """The entry's audit records, oldest first, under every key it has had (a correction of the
    period or the area changes the key; the record keeps the values before)."""
    fields = KEY_FIELDS[type(entry)]
    events = AuditEvent.objects.filter(object_type=entry._meta.label_lower)
    keys = {str(entry.audit_key)}
    found: dict[int, AuditEvent] = {}
    while True:
        new = [event for event in events.filter(object_key__in=keys) if event.pk not in found]
        if not new:
            break
        for event in new:
            found[event.pk] = event
            before = event.before or {}
            if event.action == "update" and any(name in before for name in fields):
                parts = event.object_key.split("/")
                for index, name in enumerate(fields):
                    if name in before and index < len(parts):
                        parts[index] = str(before[name])
                keys.add("/".join(parts))
    return sorted(found.values(), key=lambda event: (event.occurred_at, event.pk))
