"""Organisations and their successions in the admin; every change is audited."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from seuraamo.core.audit import AuditedAdmin, language_fieldsets
from seuraamo.organisations.models import Organisation, Succession


class SuccessionInline(admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    fields = ["successor", "date", "municipalities"]
    autocomplete_fields = ["successor"]
    extra = 0
    verbose_name = _("successor")
    verbose_name_plural = _("successors (tasks passed to)")


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name_fi", "short_name", "kind", "valid_from", "valid_until"]
    list_filter = ["kind"]
    search_fields = ["key", "name_fi", "name_sv", "name_en", "short_name", "business_id"]
    prepopulated_fields = {"key": ["name_fi"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (
            None,
            {"fields": ["key", "kind", "short_name", "business_id", "website", "municipalities"]},
        ),
        *language_fieldsets("name"),
        (_("Validity"), {"fields": ["valid_from", "valid_until"]}),
        (_("Notes"), {"fields": ["notes"]}),
    ]
    inlines = [SuccessionInline]
