"""Who may see and undo the statistics' runs: small predicates over `Roles` (accounts/roles.py),
asked by the data-status views on the server."""

from __future__ import annotations

from seuraamo.accounts.roles import Role, Roles


def may_read_data_status(roles: Roles) -> bool:
    return bool(roles.roles & {Role.PROGRAMME_ADMIN, Role.ANALYST})


def may_revert_runs(roles: Roles) -> bool:
    return roles.is_admin


def may_start_sync(roles: Roles) -> bool:
    """Analysts and programme admins may ask for a sync now (the daily timer runs it anyway)."""
    return may_read_data_status(roles)
