"""Admin for the catalogue: services with their channels, and the guide's rules. Every change is
audited; saving a service refreshes its search columns through the catalogue's services module and
raises its version, so an editor's form opened before the admin's save cannot overwrite it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from seuraamo.catalogue import selectors
from seuraamo.catalogue.models import Channel, GuideRule, Service
from seuraamo.catalogue.services import refresh_search_text
from seuraamo.core.audit import AuditedAdmin, language_fieldsets


class ReviewFilter(admin.SimpleListFilter):
    """The editors' review queue: services never verified or last verified more than 12 months ago."""

    title = _("review")
    parameter_name = "review"

    def lookups(self, request: Any, model_admin: Any) -> list[tuple[str, Any]]:
        return [("due", _("not verified in the last 12 months"))]

    def queryset(self, request: Any, queryset: Any) -> Any:
        if self.value() == "due":
            return queryset.filter(selectors.review_due_filter(timezone.localdate()))
        return queryset


class ChannelInline(admin.StackedInline):
    model = Channel
    extra = 0
    fields = [
        "kind",
        ("name_fi", "name_sv", "name_en"),
        "url",
        ("phone", "email"),
        ("street_address", "postal_code", "post_office", "municipality"),
        ("latitude", "longitude"),
        "weekly_hours",
        "closed_dates",
        ("hours_note_fi", "hours_note_sv", "hours_note_en"),
        "accessibility",
        ("verified", "internal_note"),
    ]


@admin.register(Service)
class ServiceAdmin(AuditedAdmin):
    list_display = ["name_fi", "level", "responsible", "status", "verified", "last_verified"]
    list_filter = [ReviewFilter, "status", "verified", "level", "client_kind"]
    search_fields = ["key", "name_fi", "name_sv", "name_en"]
    filter_horizontal = ["producers", "reached_through", "goals", "measures"]
    inlines = [ChannelInline]
    fieldsets = [
        (None, {"fields": ["key", "status", "level", "responsible", "producers"]}),
        *language_fieldsets("name", "summary", "description"),
        (
            _("For whom"),
            {
                "fields": [
                    "target_groups",
                    "client_kind",
                    ("min_age", "max_age"),
                    "immigrant_status",
                    "registered_jobseeker",
                    "min_unemployment_months",
                    "work_ability_limited",
                    "company_stages",
                    "eligibility_note",
                ]
            },
        ),
        (_("Where and how"), {"fields": ["nationwide", "municipalities", "languages", "cost"]}),
        (
            _("Reached through"),
            {
                "fields": [
                    "referral_needed",
                    "reached_through",
                    "reached_through_reason_fi",
                    "reached_through_reason_sv",
                    "reached_through_reason_en",
                ]
            },
        ),
        (_("In the programme"), {"fields": ["goals", "measures"]}),
        (
            _("Source and verification"),
            {
                "fields": [
                    "source_url",
                    ("verified", "last_verified", "verified_by"),
                    "internal_note",
                    "notes",
                    "ptv_id",
                ]
            },
        ),
    ]

    def save_model(self, request: Any, obj: Service, form: Any, change: bool) -> None:
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        refresh_search_text(form.instance)


@admin.register(GuideRule)
class GuideRuleAdmin(AuditedAdmin):
    list_display = ["service", "audience", "priority"]
    list_filter = ["audience"]
    list_editable = ["priority"]
    autocomplete_fields = ["service"]
    fields = [
        "service",
        "audience",
        "priority",
        ("min_age", "max_age"),
        "jobseeker",
        "min_unemployment_months",
        "moved_to_finland",
        "work_ability_limited",
        "needs",
    ]
