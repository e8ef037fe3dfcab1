"""Users in the admin: Django's user admin with the organisation added."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from seuraamo.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = [*DjangoUserAdmin.list_display, "organisation"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    fieldsets = [*DjangoUserAdmin.fieldsets, (_("Organisation"), {"fields": ["organisation"]})]
