"""Reads of projects and pilots: the public list and page, the projects of a goal's measures (the
goal page lists them under each measure), and the catalogue's services a project may offer.

The catalogue's services are read through `settings.PROJECT_SERVICE_NAMES` (wired in `config`, the
top of the one direction), so the follow-up imports no catalogue module."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils.module_loading import import_string

from seuraamo.accounts.roles import AnyUser, roles_of
from seuraamo.follow_up import rules
from seuraamo.follow_up.project_models import Project
from seuraamo.organisations.models import Organisation
from seuraamo.programmes.models import Goal


def catalogue_service_names() -> dict[str, str]:
    """Key → name (in the active language) of the catalogue's published services."""
    names: dict[str, str] = import_string(settings.PROJECT_SERVICE_NAMES)()
    return names


def _projects() -> QuerySet[Project]:
    return Project.objects.select_related("owner").prefetch_related(
        "partners", "measures__goal__theme"
    )


@dataclass(frozen=True)
class ProjectView:
    project: Project
    can_edit: bool
    #: The catalogue service the project offers: its key and name, None when it names none or
    #: the service is no longer published.
    service: tuple[str, str] | None = None

    @property
    def organisations(self) -> list[Organisation]:
        """The owner first, then the partners."""
        owner = [self.project.owner] if self.project.owner else []
        return owner + [p for p in self.project.partners.all() if p.pk != self.project.owner_id]


@dataclass(frozen=True)
class ProjectList:
    projects: list[ProjectView]
    can_add: bool


def project_list(user: AnyUser) -> ProjectList:
    """Every project (projects are public), with whether the user may edit each."""
    roles = roles_of(user)
    return ProjectList(
        projects=[ProjectView(p, rules.can_edit_project(roles, p.owner_id)) for p in _projects()],
        can_add=rules.can_add_project(roles),
    )


def project_page(user: AnyUser, pk: int) -> ProjectView | None:
    project = _projects().filter(pk=pk).first()
    if project is None:
        return None
    service = None
    if project.service_key:
        name = catalogue_service_names().get(project.service_key)
        service = (project.service_key, name) if name else None
    return ProjectView(project, rules.can_edit_project(roles_of(user), project.owner_id), service)


def editable_project(user: AnyUser, pk: int) -> Project | None:
    """The project to edit when it exists; PermissionDenied is the view's when the user may not."""
    return _projects().filter(pk=pk).first()


def projects_by_measure(goal: Goal) -> dict[int, list[Project]]:
    """Measure id → the projects implementing it, for the goal's measures (two queries)."""
    found: dict[int, list[Project]] = defaultdict(list)
    projects = Project.objects.filter(measures__goal=goal).distinct().prefetch_related("measures")
    for project in projects.order_by("name"):
        for measure in project.measures.all():
            if measure.goal_id == goal.pk:
                found[measure.pk].append(project)
    return dict(found)


def owner_choices(user: AnyUser) -> QuerySet[Organisation]:
    """The organisations the user may name as a project's owner: all for the programme admin,
    otherwise its own organisation and those whose roles it carries."""
    roles = roles_of(user)
    organisations = Organisation.objects.order_by("name_fi")
    return organisations if roles.is_admin else organisations.filter(pk__in=roles.organisation_ids)
