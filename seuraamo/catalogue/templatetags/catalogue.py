"""Template helpers for the catalogue, and the goal page's list of services (the programmes app loads
this tag library; its Python code does not import the catalogue)."""

from __future__ import annotations

from django import template

from seuraamo.catalogue import selectors
from seuraamo.catalogue.guide import municipality_name
from seuraamo.catalogue.models import TargetGroup
from seuraamo.programmes.models import Goal

register = template.Library()


@register.filter
def municipality(code: str) -> str:
    return municipality_name(code)


@register.filter
def target_group(value: str) -> str:
    return str(TargetGroup(value).label) if value in TargetGroup.values else value


@register.inclusion_tag("catalogue/partials/goal_services.html")
def goal_services(goal: Goal) -> dict[str, object]:
    return {"services": selectors.services_for_goal(goal)}
