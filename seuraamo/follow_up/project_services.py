"""Writes about projects and pilots. A coordinator registers and edits its own organisation's
projects, the programme admin every project; every function takes the acting user, checks the rule
on the server (`rules.can_add_project`, `rules.can_edit_project`), runs in one transaction and
audits the change."""

from __future__ import annotations

import datetime
import decimal
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from seuraamo.accounts.models import User
from seuraamo.accounts.roles import roles_of
from seuraamo.core.audit import record_change, snapshot
from seuraamo.follow_up import rules
from seuraamo.follow_up.project_models import Project, ProjectStatus
from seuraamo.follow_up.projects import catalogue_service_names
from seuraamo.organisations.models import Organisation
from seuraamo.programmes.models import Measure


class ProjectError(Exception):
    """A project the rules do not allow; the message is one line for the user."""


@dataclass
class ProjectContent:
    name: str
    owner: Organisation
    partners: list[Organisation] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    funding_source: str = ""
    funding_amount: decimal.Decimal | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    target_groups: str = ""
    status: str = ProjectStatus.PLANNED
    results: str = ""
    contact_name: str = ""
    contact_email: str = ""
    service_key: str = ""
    url: str = ""
    is_example: bool = False


FIELDS = (
    "name",
    "owner",
    "funding_source",
    "funding_amount",
    "start_date",
    "end_date",
    "target_groups",
    "status",
    "results",
    "contact_name",
    "contact_email",
    "service_key",
    "url",
    "is_example",
)


@transaction.atomic
def save_project(
    *, actor: User | None, content: ProjectContent, project_id: int | None = None
) -> Project:
    """Create a project (no `project_id`) or edit one. A coordinator may only name its own
    organisation as the owner; the catalogue service must exist in the catalogue."""
    roles = roles_of(actor) if actor is not None else None
    if project_id is None:
        project, before = Project(), None
        if roles is not None and not rules.can_add_project(roles):
            raise PermissionDenied
    else:
        project = Project.objects.select_for_update().get(pk=project_id)
        if roles is not None and not rules.can_edit_project(roles, project.owner_id):
            raise PermissionDenied
        before = snapshot(project)
    if roles is not None and not rules.can_edit_project(roles, content.owner.pk):
        raise ProjectError(_("You can register projects of your own organisation only."))
    if content.service_key and content.service_key not in catalogue_service_names():
        raise ProjectError(_("The catalogue has no published service with this key."))
    for name in FIELDS:
        setattr(project, name, getattr(content, name))
    project.full_clean()
    project.save()
    project.partners.set(content.partners)
    project.measures.set(content.measures)
    record_change(actor=actor, instance=project, before=before, after=snapshot(project))
    return project
