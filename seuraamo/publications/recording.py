"""What analysts and programme admins record by hand: a publication's figure (with its unit, source
address and release date) and a Työvoimabarometri assessment; correcting and withdrawing them.

Every function takes the acting user, checks the rule on the server, checks the values (a wrong
one raises :class:`EntryError` naming the field), runs in one transaction and audits each change
(the audit records are the entry's history, shown on its page). A withdrawn entry stays stored,
marked withdrawn, and is shown nowhere. Each write moves the data version on (through
``record_change``), so the cached situation page is rendered anew."""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from seuraamo.accounts.models import User
from seuraamo.accounts.roles import roles_of
from seuraamo.areas.region import (
    COUNTRY,
    ELY_AREA,
    EMPLOYMENT_AREAS,
    MUNICIPALITIES,
    REGION,
    SUBREGIONS,
)
from seuraamo.core.audit import record_change, snapshot
from seuraamo.periods import Frequency, Period
from seuraamo.publications.models import (
    BarometerAssessment,
    BarometerLoad,
    BarometerState,
    Publication,
    PublicationFigure,
)
from seuraamo.publications.rules import may_record_figures
from seuraamo.publications.services import keep_previous_value

#: The areas a publication's figure may be recorded for: the programme's own.
FIGURE_AREAS: tuple[str, ...] = (
    REGION,
    COUNTRY,
    ELY_AREA,
    *SUBREGIONS,
    *EMPLOYMENT_AREAS,
    *MUNICIPALITIES,
)
#: Työvoimabarometri assesses the 19 regions (Statistics Finland's codes; Åland has none).
BAROMETER_REGIONS: tuple[str, ...] = tuple(
    f"MK{number:02d}"
    for number in (1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21)
)
OCCUPATION_CODE = re.compile(r"\d{4}")
#: A percentage or a balance figure (saldoluku) lies within ±100; any other figure within ±10⁹.
PERCENT_UNITS = {"%", "prosenttia", "percent", "procent", "saldoluku", "%-yksikköä"}
LARGEST_VALUE = 1e9
FIRST_YEAR = 1990


class EntryError(ValueError):
    """A value the entry cannot take; ``field`` is the form field to mark (None: the whole form)."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class FigureEntry:
    publication: Publication
    area_code: str
    indicator_name: str
    period: str
    value: float
    unit: str
    source_url: str
    released_on: datetime.date


@dataclass(frozen=True)
class AssessmentEntry:
    occupation_code: str
    occupation_name: str
    area_code: str
    month: str
    state: int
    severity: int | None
    source_url: str
    released_on: datetime.date


def _require_recorder(actor: User) -> None:
    if not may_record_figures(roles_of(actor)):
        raise PermissionDenied


def _check_release(released_on: datetime.date, source_url: str) -> None:
    if released_on > timezone.localdate():
        raise EntryError("released_on", _("Release date: the date cannot be in the future."))
    if released_on.year < FIRST_YEAR:
        raise EntryError(
            "released_on",
            _("Release date: give a date in %(year)s or later.") % {"year": FIRST_YEAR},
        )
    if not source_url.startswith(("https://", "http://")):
        raise EntryError("source_url", _("Source address: give the release's web address."))


def _check_period(field: str, code: str, released_on: datetime.date) -> Period:
    code = code.strip().upper()
    if not Period.is_valid(code):
        if field == "month":
            message = _("Month: write the month like 2026M06, not %(code)s.")
        else:
            message = _(
                "Period: write the period like 2026M06, 2026Q2, 2026H1 or 2026, not %(code)s."
            )
        raise EntryError(field, message % {"code": code[:20] or "…"})
    period = Period.parse(code)
    if not FIRST_YEAR <= period.year <= released_on.year + 1:
        if field == "month":
            message = _("Month: %(code)s is not between %(first)s and the year after the release.")
        else:
            message = _("Period: %(code)s is not between %(first)s and the year after the release.")
        raise EntryError(field, message % {"code": code, "first": FIRST_YEAR})
    return period


def check_figure(entry: FigureEntry) -> tuple[str, Period]:
    """The entry's indicator key and period, or EntryError naming the first wrong field."""
    if entry.area_code not in FIGURE_AREAS:
        raise EntryError("area_code", _("Area: choose one of the programme's areas."))
    indicator = slugify(entry.indicator_name)[:60].strip("-")
    if not indicator:
        raise EntryError(
            "indicator_name", _("Indicator: write what the figure measures, in words.")
        )
    _check_release(entry.released_on, entry.source_url)
    period = _check_period("period", entry.period, entry.released_on)
    if not math.isfinite(entry.value):
        raise EntryError("value", _("Value: give a number."))
    if entry.unit.strip().lower() in PERCENT_UNITS and abs(entry.value) > 100:
        raise EntryError(
            "value", _("Value: a percentage or a balance figure lies between -100 and 100.")
        )
    if abs(entry.value) > LARGEST_VALUE:
        raise EntryError("value", _("Value: the number is too large to be a figure of a release."))
    return indicator, period


def check_assessment(entry: AssessmentEntry) -> Period:
    if not OCCUPATION_CODE.fullmatch(entry.occupation_code):
        raise EntryError(
            "occupation_code",
            _("Occupation code: four digits of the classification of occupations."),
        )
    if not entry.occupation_name.strip():
        raise EntryError("occupation_name", _("Occupation: write its name."))
    if entry.area_code not in BAROMETER_REGIONS:
        raise EntryError("area_code", _("Region: choose one of the 19 regions."))
    if entry.state not in BarometerState.values:
        raise EntryError("state", _("Assessment: choose one of the barometer's states."))
    if entry.severity is not None and not 1 <= entry.severity <= 5:
        raise EntryError("severity", _("Severity: a whole number from 1 to 5."))
    _check_release(entry.released_on, entry.source_url)
    month = _check_period("month", entry.month, entry.released_on)
    if month.frequency is not Frequency.MONTH:
        raise EntryError("month", _("Month: write the month like 2026M06."))
    return month


def _note_release(actor: User, publication: Publication, released_on: datetime.date) -> None:
    """A figure from a release newer than the register's latest moves the latest release on."""
    if publication.latest_release is not None and publication.latest_release >= released_on:
        return
    before = snapshot(publication)
    publication.latest_release = released_on
    publication.save(update_fields=["latest_release", "updated_at"])
    record_change(actor=actor, instance=publication, before=before, after=snapshot(publication))


def _fill_figure(
    figure: PublicationFigure, entry: FigureEntry, indicator: str, period: Period
) -> None:
    figure.publication = entry.publication
    figure.area_code = entry.area_code
    figure.indicator = indicator
    figure.indicator_name = entry.indicator_name.strip()[:200]
    figure.period = period
    figure.value = entry.value
    figure.unit = entry.unit.strip()[:40]
    figure.source_url = entry.source_url[:500]
    figure.released_on = entry.released_on
    figure.withdrawn_at = None
    figure.withdrawal_reason = ""


def _same_figure(entry: FigureEntry, indicator: str, period: Period) -> PublicationFigure | None:
    return (
        PublicationFigure.objects.select_for_update()
        .filter(
            publication=entry.publication,
            area_code=entry.area_code,
            indicator=indicator,
            period=period,
        )
        .first()
    )


@transaction.atomic
def record_figure(*, actor: User, entry: FigureEntry) -> PublicationFigure:
    """Record a figure from a release. A withdrawn figure of the same publication, area,
    indicator and period is recorded anew; a figure that is shown must be corrected instead."""
    _require_recorder(actor)
    indicator, period = check_figure(entry)
    figure = _same_figure(entry, indicator, period)
    if figure is not None and figure.withdrawn_at is None:
        raise EntryError(
            "period",
            _(
                "Period: this publication already has this figure for this area and period; correct it instead."
            ),
        )
    before = snapshot(figure) if figure is not None else None
    if figure is not None:
        keep_previous_value(figure=figure, value=entry.value, source=f"recorded anew: {actor}")
    else:
        figure = PublicationFigure()
    _fill_figure(figure, entry, indicator, period)
    figure.save()
    record_change(actor=actor, instance=figure, before=before, after=snapshot(figure))
    _note_release(actor, entry.publication, entry.released_on)
    return figure


@transaction.atomic
def correct_figure(*, actor: User, figure_id: int, entry: FigureEntry) -> PublicationFigure:
    """Correct a recorded figure; the value it had is kept as a revision and in the audit trail."""
    _require_recorder(actor)
    figure = PublicationFigure.objects.select_for_update().get(pk=figure_id)
    if figure.withdrawn_at is not None:
        raise EntryError(None, _("This figure is withdrawn; record it anew instead."))
    indicator, period = check_figure(entry)
    other = _same_figure(entry, indicator, period)
    if other is not None and other.pk != figure.pk:
        raise EntryError(
            "period",
            _(
                "Period: this publication already has this figure for this area and period; correct it instead."
            ),
        )
    before = snapshot(figure)
    keep_previous_value(figure=figure, value=entry.value, source=f"corrected: {actor}")
    _fill_figure(figure, entry, indicator, period)
    figure.save()
    record_change(actor=actor, instance=figure, before=before, after=snapshot(figure))
    _note_release(actor, entry.publication, entry.released_on)
    return figure


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise EntryError("reason", _("Reason: say why the entry is withdrawn."))
    return reason[:300]


@transaction.atomic
def withdraw_figure(*, actor: User, figure_id: int, reason: str) -> PublicationFigure:
    """Mark a figure withdrawn (kept stored, shown nowhere), with the reason."""
    _require_recorder(actor)
    figure = PublicationFigure.objects.select_for_update().get(pk=figure_id)
    if figure.withdrawn_at is not None:
        raise EntryError(None, _("This figure is already withdrawn."))
    before = snapshot(figure)
    figure.withdrawn_at = timezone.now()
    figure.withdrawal_reason = _reason(reason)
    figure.save(update_fields=["withdrawn_at", "withdrawal_reason", "updated_at"])
    record_change(actor=actor, instance=figure, before=before, after=snapshot(figure))
    return figure


def _fill_assessment(row: BarometerAssessment, entry: AssessmentEntry, month: Period) -> None:
    row.occupation_code = entry.occupation_code
    row.occupation_name_fi = entry.occupation_name.strip()[:200]
    row.area_code = entry.area_code
    row.month = month
    row.state = entry.state
    row.severity = entry.severity
    row.source_url = entry.source_url[:500]
    row.released_on = entry.released_on
    row.withdrawn_at = None
    row.withdrawal_reason = ""


def _same_assessment(entry: AssessmentEntry, month: Period) -> BarometerAssessment | None:
    return (
        BarometerAssessment.objects.select_for_update()
        .filter(occupation_code=entry.occupation_code, area_code=entry.area_code, month=month)
        .first()
    )


@transaction.atomic
def record_assessment(*, actor: User, entry: AssessmentEntry) -> BarometerAssessment:
    """Record one occupation's assessment in one region and month. A withdrawn one is recorded
    anew; one that is shown (loaded or recorded) must be corrected instead."""
    _require_recorder(actor)
    month = check_assessment(entry)
    row = _same_assessment(entry, month)
    if row is not None and row.withdrawn_at is None:
        raise EntryError(
            "month",
            _(
                "Month: this occupation already has an assessment for this region and month; correct it instead."
            ),
        )
    before = snapshot(row) if row is not None else None
    if row is None:
        load = BarometerLoad.objects.create(
            source=entry.source_url[:300],
            months=month.code,
            rows=1,
            recorded_in_app=True,
            note=f"recorded by {actor.get_username()}"[:500],
        )
        row = BarometerAssessment(load=load)
    _fill_assessment(row, entry, month)
    row.save()
    record_change(actor=actor, instance=row, before=before, after=snapshot(row))
    return row


@transaction.atomic
def correct_assessment(
    *, actor: User, assessment_id: int, entry: AssessmentEntry
) -> BarometerAssessment:
    """Correct an assessment, loaded or recorded: the correction names its source and date."""
    _require_recorder(actor)
    row = BarometerAssessment.objects.select_for_update().get(pk=assessment_id)
    if row.withdrawn_at is not None:
        raise EntryError(None, _("This assessment is withdrawn; record it anew instead."))
    month = check_assessment(entry)
    other = _same_assessment(entry, month)
    if other is not None and other.pk != row.pk:
        raise EntryError(
            "month",
            _(
                "Month: this occupation already has an assessment for this region and month; correct it instead."
            ),
        )
    before = snapshot(row)
    _fill_assessment(row, entry, month)
    row.save()
    record_change(actor=actor, instance=row, before=before, after=snapshot(row))
    return row


@transaction.atomic
def withdraw_assessment(*, actor: User, assessment_id: int, reason: str) -> BarometerAssessment:
    _require_recorder(actor)
    row = BarometerAssessment.objects.select_for_update().get(pk=assessment_id)
    if row.withdrawn_at is not None:
        raise EntryError(None, _("This assessment is already withdrawn."))
    before = snapshot(row)
    row.withdrawn_at = timezone.now()
    row.withdrawal_reason = _reason(reason)
    row.save(update_fields=["withdrawn_at", "withdrawal_reason"])
    record_change(actor=actor, instance=row, before=before, after=snapshot(row))
    return row
