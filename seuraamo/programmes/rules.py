"""Who may change programme content in the app: small predicates over `Roles` (accounts/roles.py).
Views ask them before showing a form; services again before every write."""

from __future__ import annotations

from seuraamo.accounts.roles import Roles


def can_edit_measures(roles: Roles) -> bool:
    """A measure's responsible organisation, contact, schedule, milestones and indicators are the
    programme admin's to keep up to date (the secretary of the steering group)."""
    return roles.is_admin


def can_edit_service_system(roles: Roles) -> bool:
    """The service system's description (chapter 3) is the programme admin's to keep up to date."""
    return roles.is_admin
