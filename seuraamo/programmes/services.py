"""Writes to programme content made in the app (the programme file's import is
`programmes/importer`). Every function takes the acting user, checks the rule on the server, runs in
one transaction and audits each change.

A measure's plan — who is responsible, whom to contact, its schedule, milestones and the indicators
it is meant to move — is written here only: the programme file does not carry it, so neither
`import_programme` nor `load_initial_data` ever overwrites it. Nor are the service system's sections
(chapter 3), loaded once from their data file (`service_system.py`) and written here afterwards."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from seuraamo.accounts.models import User
from seuraamo.accounts.roles import roles_of
from seuraamo.core.audit import record_change, snapshot
from seuraamo.core.conflicts import ConflictError
from seuraamo.organisations.models import Organisation
from seuraamo.programmes import rules
from seuraamo.programmes.models import Indicator, Measure, MeasureMilestone, ProgrammeSection


@dataclass
class Milestone:
    """One milestone as the form gives it; `milestone_id` is set for one already stored."""

    due: datetime.date
    text_fi: str
    text_sv: str = ""
    text_en: str = ""
    done: bool = False
    milestone_id: int | None = None


@dataclass
class MeasurePlan:
    responsible_organisation: Organisation | None = None
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    schedule_fi: str = ""
    schedule_sv: str = ""
    schedule_en: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)


def measure_indicator_choices(measure: Measure) -> list[Indicator]:
    """The indicators a measure may be said to move: its goal's and its theme's current ones."""
    goal = measure.goal
    return list(
        Indicator.objects.filter(archived_on__isnull=True)
        .filter(Q(goal=goal) | Q(theme=goal.theme_id))
        .order_by("theme", "order", "id")
    )


@transaction.atomic
def save_measure_plan(*, actor: User, measure_id: int, plan: MeasurePlan) -> Measure:
    """Replace the measure's plan: its facts, the indicators it moves and its milestones (those
    not given are deleted). Only the programme admin writes; each change is audited."""
    if not rules.can_edit_measures(roles_of(actor)):
        raise PermissionDenied
    measure = Measure.objects.select_for_update().select_related("goal").get(pk=measure_id)
    allowed = {indicator.pk for indicator in measure_indicator_choices(measure)}
    if any(indicator.pk not in allowed for indicator in plan.indicators):
        raise ValidationError("An indicator of another goal cannot be linked to this measure.")
    before = snapshot(measure)
    measure.responsible_organisation = plan.responsible_organisation
    measure.contact_name = plan.contact_name.strip()
    measure.contact_email = plan.contact_email.strip()
    measure.contact_phone = plan.contact_phone.strip()
    measure.starts_on = plan.starts_on
    measure.ends_on = plan.ends_on
    measure.schedule_fi = plan.schedule_fi.strip()
    measure.schedule_sv = plan.schedule_sv.strip()
    measure.schedule_en = plan.schedule_en.strip()
    measure.full_clean()
    measure.save()
    measure.indicators.set(plan.indicators)
    record_change(actor=actor, instance=measure, before=before, after=snapshot(measure))
    _save_milestones(actor, measure, plan.milestones)
    return measure


def _save_milestones(actor: User, measure: Measure, milestones: list[Milestone]) -> None:
    stored = {row.pk: row for row in measure.milestones.all()}
    kept: set[int] = set()
    for given in milestones:
        row = stored.get(given.milestone_id) if given.milestone_id is not None else None
        before = snapshot(row) if row is not None else None
        if row is None:
            row = MeasureMilestone(measure=measure)
        else:
            kept.add(row.pk)
        row.due = given.due
        row.text_fi = given.text_fi.strip()
        row.text_sv = given.text_sv.strip()
        row.text_en = given.text_en.strip()
        row.done = given.done
        row.full_clean()
        row.save()
        record_change(actor=actor, instance=row, before=before, after=snapshot(row))
    for pk, row in stored.items():
        if pk not in kept:
            before = snapshot(row)
            row.delete()
            record_change(actor=actor, instance=row, before=before, after=None)


@dataclass(frozen=True)
class SectionText:
    """A service system section's title and text in each language, as the edit form gives them."""

    title_fi: str
    body_fi: str
    title_sv: str = ""
    body_sv: str = ""
    title_en: str = ""
    body_en: str = ""


@transaction.atomic
def save_programme_section(
    *, actor: User, key: str, expected_version: int, text: SectionText
) -> ProgrammeSection:
    """Save a service system section's texts. Only the programme admin writes; an edit based on an
    older version than the stored one raises `ConflictError` and changes nothing."""
    if not rules.can_edit_service_system(roles_of(actor)):
        raise PermissionDenied
    section = ProgrammeSection.objects.select_for_update().get(key=key)
    if section.version != expected_version:
        raise ConflictError(section)
    before = snapshot(section)
    for name in ("title_fi", "body_fi", "title_sv", "body_sv", "title_en", "body_en"):
        setattr(section, name, getattr(text, name).replace("\r\n", "\n").strip())
    if snapshot(section) == before:
        return section
    section.edited_at = timezone.now()
    section.full_clean()
    section.version = F("version") + 1
    section.save()
    section.refresh_from_db()
    record_change(actor=actor, instance=section, before=before, after=snapshot(section))
    return section
