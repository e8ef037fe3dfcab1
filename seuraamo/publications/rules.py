"""Who records barometer and publication figures: analysts and programme admins (asked by the views
and again by the services, on the server)."""

from __future__ import annotations

from seuraamo.accounts.roles import Role, Roles


def may_record_figures(roles: Roles) -> bool:
    return bool(roles.roles & {Role.ANALYST, Role.PROGRAMME_ADMIN})
