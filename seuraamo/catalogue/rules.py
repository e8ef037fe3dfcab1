"""Who may edit a service in the app, checked on the server by the views and again by the write.

The role model is the follow-up's (accounts/roles.py): a programme admin edits every service; any
other user edits the services their organisation is responsible for or produces, and those of every
predecessor whose roles their organisation carries on the day (`carried_roles_of`), so the editors of
a successor take over its predecessor's services without anyone re-assigning them."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from seuraamo.accounts.roles import AnyUser, Role, roles_of
from seuraamo.catalogue.models import Service
from seuraamo.organisations.selectors import carried_roles_of, organisation_graph

TEXT_FIELDS = [f"{name}_{code}" for name in ("name", "summary", "description") for code in ("fi", "sv", "en")]  # fmt: skip
WHO_FIELDS = [
    "target_groups",
    "client_kind",
    "min_age",
    "max_age",
    "immigrant_status",
    "registered_jobseeker",
    "min_unemployment_months",
    "work_ability_limited",
    "company_stages",
    "eligibility_note",
]
WHERE_FIELDS = ["nationwide", "municipalities", "languages", "cost"]
REACHED_FIELDS = [
    "referral_needed",
    "reached_through",
    "reached_through_reason_fi",
    "reached_through_reason_sv",
    "reached_through_reason_en",
]
SOURCE_FIELDS = ["source_url", "internal_note"]
#: What an editor may change; the key, the organisations, the programme links and the PTV id stay
#: with the programme's admins.
EDITABLE_FIELDS = ["status", "level", *TEXT_FIELDS, *WHO_FIELDS, *WHERE_FIELDS, *REACHED_FIELDS, *SOURCE_FIELDS]  # fmt: skip


def editing_organisation_ids(user: AnyUser, on: datetime.date | None = None) -> frozenset[int]:
    """The organisations whose services the user edits: their own and the predecessors it carries."""
    organisation_id = getattr(user, "organisation_id", None)
    if not user.is_authenticated or not user.is_active or organisation_id is None:
        return frozenset()
    graph = organisation_graph()
    organisation = graph.get(organisation_id)
    if organisation is None:
        return frozenset()
    on = on or timezone.localdate()
    return frozenset(o.pk for o in carried_roles_of(organisation, on, graph))


def editable_services(user: AnyUser, on: datetime.date | None = None) -> QuerySet[Service]:
    """Every service the user may edit, drafts included."""
    if not user.is_authenticated or not user.is_active:
        return Service.objects.none()
    if roles_of(user, on).is_admin:
        return Service.objects.all()
    ids = editing_organisation_ids(user, on)
    if not ids:
        return Service.objects.none()
    return Service.objects.filter(Q(responsible_id__in=ids) | Q(producers__in=ids)).distinct()


def can_edit_service(user: AnyUser, service: Service, on: datetime.date | None = None) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return editable_services(user, on).filter(pk=service.pk).exists()


def may_read_guide_demand(user: AnyUser) -> bool:
    """The guide's anonymous counts: for the steering group, programme admins and analysts."""
    wanted = {Role.STEERING_GROUP, Role.PROGRAMME_ADMIN, Role.ANALYST}
    return not roles_of(user).roles.isdisjoint(wanted)
