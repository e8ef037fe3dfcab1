"""Roles, derived from relations and groups and checked on the server by every view.

- programme admin: a superuser or a member of the "programme admins" group;
- steering-group member: a member of the "steering group" group;
- analyst: a member of the "analysts" group (reads everything, writes nothing);

Besides the roles, `Roles.organisation_ids` says for which organisations the user acts: the user's
organisation and every predecessor whose roles it carries on the day (`carried_roles_of`). Whether
that makes the user the writer of a report is the follow-up's rule (`follow_up/rules.py`), asked of
the organisations stored on the report: a coordinator is a relation to a report, not a role.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone

from seuraamo.accounts.models import User
from seuraamo.organisations.selectors import OrganisationGraph, carried_roles_of, organisation_graph


class Role(StrEnum):
    PROGRAMME_ADMIN = "programme_admin"
    STEERING_GROUP = "steering_group"
    ANALYST = "analyst"


#: Group names that carry a role (created by a migration; an admin adds people in the admin).
ROLE_GROUPS = {
    Role.PROGRAMME_ADMIN: "programme admins",
    Role.STEERING_GROUP: "steering group",
    Role.ANALYST: "analysts",
}

AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class Roles:
    """What one user may do: the roles, and the organisations the user acts for (ids)."""

    roles: frozenset[Role]
    #: The user's organisation and every predecessor whose roles it carries on the day.
    organisation_ids: frozenset[int] = frozenset()

    @property
    def is_admin(self) -> bool:
        return Role.PROGRAMME_ADMIN in self.roles

    @property
    def reads_every_report(self) -> bool:
        """Admins, steering-group members and analysts read every round, and every report once it
        is before the steering group (`follow_up/rules.py`)."""
        return bool(self.roles & {Role.PROGRAMME_ADMIN, Role.STEERING_GROUP, Role.ANALYST})

    def acts_for_any(self, organisation_ids: Iterable[int]) -> bool:
        """Whether the user acts for one of the organisations (its own or one whose roles it carries)."""
        return not self.organisation_ids.isdisjoint(organisation_ids)


NO_ROLES = Roles(frozenset())


def acting_organisation_ids(
    user: AnyUser, on: datetime.date, graph: OrganisationGraph | None = None
) -> frozenset[int]:
    """The user's organisation and every predecessor whose roles it carries on the day."""
    organisation_id = getattr(user, "organisation_id", None)
    if not user.is_authenticated or not user.is_active or organisation_id is None:
        return frozenset()
    graph = graph or organisation_graph()
    organisation = graph.get(organisation_id)
    if organisation is None:
        return frozenset()
    return frozenset(o.pk for o in carried_roles_of(organisation, on, graph))


def users_acting_for(organisation_ids: Iterable[int], on: datetime.date) -> list[User]:
    """The active users with an e-mail address who act for one of the organisations on the day."""
    wanted = frozenset(organisation_ids)
    graph = organisation_graph()
    candidates = User.objects.filter(is_active=True, organisation__isnull=False).exclude(email="")
    return [
        user
        for user in candidates.order_by("email")
        if not acting_organisation_ids(user, on, graph).isdisjoint(wanted)
    ]


def request_roles(request: HttpRequest) -> Roles:
    """The roles of the request's user, worked out once per request (the admin asks many times)."""
    cached = getattr(request, "_seuraamo_roles", None)
    if cached is None:
        cached = roles_of(request.user)
        request._seuraamo_roles = cached  # type: ignore[attr-defined]
    return cached


def roles_of(user: AnyUser, on: datetime.date | None = None) -> Roles:
    """The user's roles today (or on `on`); anonymous and inactive users have none."""
    if not user.is_authenticated or not user.is_active:
        return NO_ROLES
    on = on or timezone.localdate()
    group_names = set(user.groups.values_list("name", flat=True))
    roles = {role for role, name in ROLE_GROUPS.items() if name in group_names}
    if user.is_superuser:
        roles.add(Role.PROGRAMME_ADMIN)
    return Roles(frozenset(roles), acting_organisation_ids(user, on))
