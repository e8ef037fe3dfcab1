"""Users in the admin (Django's user admin with the organisation added) and the organisations'
OpenID Connect sign-in providers."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from seuraamo.accounts.models import ExternalIdentity, SignInProvider, User
from seuraamo.core.audit import AuditedAdmin


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = [*DjangoUserAdmin.list_display, "organisation"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    fieldsets = [*DjangoUserAdmin.fieldsets, (_("Organisation"), {"fields": ["organisation"]})]


@admin.register(SignInProvider)
class SignInProviderAdmin(AuditedAdmin):
    """Per-organisation OpenID Connect sign-in (accounts/oidc.py). Staff with permissions only."""

    list_display = ["name", "key", "organisation", "is_active", "creates_users"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    fields = [
        "organisation",
        "key",
        "name",
        "discovery_url",
        "client_id",
        "client_secret_variable",
        "creates_users",
        "is_active",
    ]


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(AuditedAdmin):
    """Which provider account is linked to which user; delete a row to unlink."""

    list_display = ["user", "provider", "subject", "created_at"]
    list_select_related = ["user", "provider"]
    search_fields = ["user__email", "subject"]
    readonly_fields = ["provider", "subject", "user", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
