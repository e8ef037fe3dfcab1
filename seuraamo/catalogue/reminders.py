"""The yearly check of the catalogue: each organisation whose people edit services is e-mailed the
list of its services due for checking (never verified, or last verified more than 12 months ago),
the same list its editors see on "Services I edit". One message to each of its active people with
an e-mail address; an organisation with nothing due gets none. Run monthly
(`seuraamo send_service_check_reminders`): each run sends the list as it is that day."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from seuraamo.accounts.models import User
from seuraamo.catalogue.models import Service
from seuraamo.catalogue.selectors import review_due_filter
from seuraamo.organisations.models import Organisation
from seuraamo.organisations.selectors import carried_roles_of, organisation_graph


@dataclass(frozen=True)
class DueList:
    organisation: Organisation
    services: list[Service]
    recipients: list[User]


def due_lists(today: datetime.date) -> list[DueList]:
    """Each organisation with people to tell and services due: those it is responsible for or
    produces, and those of the predecessors whose roles it carries today (as `rules` lets its
    people edit them)."""
    people: dict[int, list[User]] = {}
    for user in User.objects.filter(is_active=True, organisation__isnull=False).exclude(email=""):
        people.setdefault(user.organisation_id, []).append(user)  # type: ignore[arg-type]
    graph = organisation_graph()
    found = []
    for organisation_id, recipients in sorted(people.items()):
        organisation = graph.get(organisation_id)
        if organisation is None:
            continue
        ids = [o.pk for o in carried_roles_of(organisation, today, graph)]
        services = list(
            Service.objects.filter(Q(responsible_id__in=ids) | Q(producers__in=ids))
            .filter(review_due_filter(today))
            .distinct()
            .order_by("name_fi")
        )
        if services:
            found.append(DueList(organisation, services, sorted(recipients, key=lambda u: u.pk)))
    return found


def send_check_reminders(today: datetime.date) -> list[DueList]:
    """E-mail every due list (in the site's language, like the follow-up's reminders)."""
    lists = due_lists(today)
    for due in lists:
        subject, body = _message(due)
        for recipient in due.recipients:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    return lists


def _message(due: DueList) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _(
            "Seuraamo: %(count)s services of %(organisation)s are due for the yearly check"
        ) % {
            "count": len(due.services),
            "organisation": due.organisation.name_fi,
        }
        lines = []
        for service in due.services:
            if service.verified and service.last_verified:
                checked = _("last checked %(date)s") % {
                    "date": f"{service.last_verified.day}.{service.last_verified.month}."
                    f"{service.last_verified.year}"
                }
            else:
                checked = _("never checked")
            link = settings.SITE_URL + reverse("catalogue:service_edit", args=[service.key])
            lines.append(f"- {service.name_fi} ({checked}): {link}")
        body = "\n\n".join(
            [
                _(
                    "These services in the service catalogue have not been checked in the last 12 "
                    "months. Check their details with the provider, correct them and confirm the "
                    "check on the service's edit page."
                ),
                "\n".join(lines),
                _("All your services: %(link)s")
                % {"link": settings.SITE_URL + reverse("catalogue:editor_services")},
            ]
        )
    return subject, body
