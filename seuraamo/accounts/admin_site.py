"""The admin site: Django's, also open to programme admins (the role of the "programme admins" group,
see roles.py) without the staff flag. What they may see and change there is decided by each
ModelAdmin (`ProgrammeAdminsMay` in programmes/admin.py); everything else stays staff-only."""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.http import HttpRequest

from seuraamo.accounts.roles import request_roles


class SeuraamoAdminSite(AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and (user.is_staff or request_roles(request).is_admin)
