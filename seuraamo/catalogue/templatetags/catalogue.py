"""Template helpers for the catalogue, and the lists of services on the goal and organisation pages
(the programmes templates load this tag library; programmes' Python code does not import the
catalogue)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from seuraamo.catalogue import eligibility, hours, selectors
from seuraamo.catalogue.guide import municipality_name
from seuraamo.catalogue.models import Channel, Service, ServiceStatus, TargetGroup
from seuraamo.core.translation import active_content_language
from seuraamo.organisations.models import Organisation
from seuraamo.programmes.models import Goal

register = template.Library()


@register.filter
def municipality(code: str) -> str:
    return municipality_name(code)


@register.filter
def target_group(value: str) -> str:
    return str(TargetGroup(value).label) if value in TargetGroup.values else value


@register.filter
def opening_hours(channel: Channel) -> str:
    """The channel's week in the page's language: "ma–pe 8.00–16.00", "Mon–Fri 8:00–16:00"."""
    return hours.format_hours(channel.weekly_hours, active_content_language())


@register.filter
def closed_ahead(channel: Channel) -> str:
    """The channel's closed dates from today on, as the pages write dates."""
    today = timezone.localdate().isoformat()
    return hours.format_dates(day for day in channel.closed_dates if day >= today)


@register.filter
def published_reached_through(service: Service) -> list[Service]:
    """The published services the service is reached through (a draft has no page to link to)."""
    return list(service.reached_through.filter(status=ServiceStatus.PUBLISHED).order_by("name_fi"))


@register.filter
def who_can_use(service: Service) -> list[str]:
    """The service's eligibility in plain sentences, in the page's language."""
    return eligibility.who_can_use(service)


@register.filter
def only_in_finnish(service: Service) -> bool:
    """Whether the page shows some of the service's texts in Finnish for want of a translation."""
    return eligibility.only_in_finnish(service)


@register.inclusion_tag("catalogue/partials/goal_services.html")
def goal_services(goal: Goal) -> dict[str, object]:
    return {"services": selectors.services_for_goal(goal)}


@register.inclusion_tag("catalogue/partials/organisation_services.html")
def organisation_services(organisation: Organisation) -> dict[str, object]:
    return {"services": selectors.services_of_organisation(organisation)}
