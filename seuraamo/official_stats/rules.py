"""Who may see and undo the statistics' runs: small predicates over `Roles` (accounts/roles.py),
asked by the data-status views on the server."""

from __future__ import annotations

from seuraamo.accounts.roles import Role, Roles


def may_read_data_status(roles: Roles) -> bool:
    return bool(roles.roles & {Role.PROGRAMME_ADMIN, Role.ANALYST})


def may_revert_runs(roles: Roles) -> bool:
    return roles.is_admin
