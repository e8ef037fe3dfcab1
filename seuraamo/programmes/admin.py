"""Django admin for staff: the whole programme structure, with the fi/sv/en texts of each object grouped
in one fieldset per language so translations are edited side by side."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from seuraamo.accounts.roles import request_roles
from seuraamo.core.audit import AuditedAdmin, language_fieldsets
from seuraamo.programmes.models import (
    Goal,
    GoalCoordinator,
    Indicator,
    IndicatorTarget,
    Measure,
    Programme,
    SteeringGroupMembership,
    Theme,
)


class ProgrammeAdminsMay:
    """Lets programme admins (the role, see accounts/roles.py) do `programme_admins_may` here without
    model permissions: the steering group's targets are theirs to set. Staff keep their permissions."""

    programme_admins_may: frozenset[str] = frozenset()

    def _role_allows(self, request: HttpRequest, action: str) -> bool:
        return action in self.programme_admins_may and request_roles(request).is_admin

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or self._role_allows(request, "view")  # type: ignore[misc]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) or self._role_allows(request, "view")  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) or self._role_allows(request, "change")  # type: ignore[misc]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return super().has_add_permission(request, *args) or self._role_allows(request, "add")  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) or self._role_allows(request, "delete")  # type: ignore[misc]


EVERYTHING = frozenset({"view", "add", "change", "delete"})

# --- inlines ------------------------------------------------------------------------------------


class ThemeInline(admin.TabularInline):
    model = Theme
    fields = ["number", "title_fi", "title_sv", "title_en", "order"]
    extra = 0
    show_change_link = True


class SteeringGroupMembershipInline(admin.TabularInline):
    model = SteeringGroupMembership
    fields = ["organisation", "role", "valid_from", "valid_until", "order"]
    autocomplete_fields = ["organisation"]
    extra = 0


class GoalInline(admin.TabularInline):
    model = Goal
    fields = ["key", "title_fi", "title_sv", "title_en", "order"]
    extra = 0
    show_change_link = True


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fields = ["key", "name_fi", "name_sv", "name_en", "unit", "desired_direction", "kind", "order"]
    extra = 0
    show_change_link = True


class ThemeIndicatorInline(IndicatorInline):
    fk_name = "theme"
    verbose_name = _("theme indicator")
    verbose_name_plural = _("theme indicators")


class GoalIndicatorInline(IndicatorInline):
    fk_name = "goal"


class GoalCoordinatorInline(admin.TabularInline):
    model = GoalCoordinator
    fields = ["organisation", "role", "order"]
    autocomplete_fields = ["organisation"]
    extra = 0


class MeasureInline(admin.TabularInline):
    model = Measure
    fields = ["key", "title_fi", "title_sv", "title_en", "order"]
    extra = 0
    show_change_link = True


class IndicatorTargetInline(ProgrammeAdminsMay, admin.TabularInline):
    """The yearly targets the steering group sets (one row per year)."""

    model = IndicatorTarget
    fields = ["year", "area", "value", "is_example"]
    extra = 1
    programme_admins_may = EVERYTHING


# --- model admins -------------------------------------------------------------------------------


@admin.register(Programme)
class ProgrammeAdmin(AuditedAdmin):
    list_display = ["name_fi", "key", "start_year", "end_year"]
    search_fields = ["key", "name_fi", "name_sv", "name_en"]
    fieldsets = [
        (None, {"fields": ["key", "start_year", "end_year", "start_date"]}),
        *language_fieldsets("name", "description"),
        (_("Source"), {"fields": ["source_note"]}),
    ]
    inlines = [ThemeInline, SteeringGroupMembershipInline]


@admin.register(Theme)
class ThemeAdmin(AuditedAdmin):
    list_display = ["number", "title_fi", "programme", "order"]
    list_display_links = ["number", "title_fi"]
    list_filter = ["programme"]
    list_select_related = ["programme"]
    search_fields = ["number", "title_fi", "title_sv", "title_en"]
    fieldsets = [
        (None, {"fields": ["programme", "number", "order"]}),
        *language_fieldsets("title", "targeted_impacts"),
    ]
    inlines = [GoalInline, ThemeIndicatorInline]


@admin.register(Goal)
class GoalAdmin(AuditedAdmin):
    list_display = ["title_fi", "key", "theme", "order"]
    list_filter = ["theme__programme", "theme"]
    list_select_related = ["theme"]
    search_fields = ["key", "title_fi", "title_sv", "title_en"]
    prepopulated_fields = {"key": ["title_fi"]}
    fieldsets = [
        (None, {"fields": ["theme", "key", "order"]}),
        *language_fieldsets("title", "description"),
    ]
    inlines = [GoalCoordinatorInline, MeasureInline, GoalIndicatorInline]


@admin.register(Measure)
class MeasureAdmin(AuditedAdmin):
    list_display = ["title_fi", "key", "goal", "order"]
    list_filter = ["goal__theme"]
    list_select_related = ["goal"]
    search_fields = ["key", "title_fi", "title_sv", "title_en"]
    prepopulated_fields = {"key": ["title_fi"]}
    fieldsets = [
        (None, {"fields": ["goal", "key", "order"]}),
        *language_fieldsets("title", "description"),
    ]


@admin.register(Indicator)
class IndicatorAdmin(ProgrammeAdminsMay, AuditedAdmin):
    programme_admins_may = frozenset({"view", "change"})
    list_display = ["name_fi", "key", "goal", "theme", "unit", "kind"]
    list_filter = ["kind", "unit", "desired_direction"]
    list_select_related = ["goal", "theme"]
    search_fields = ["key", "name_fi", "name_sv", "name_en", "stat_content_code"]
    prepopulated_fields = {"key": ["name_fi"]}
    fieldsets = [
        (None, {"fields": ["key", "goal", "theme", "order"]}),
        *language_fieldsets("name", "source_description"),
        (
            _("Definition"),
            {"fields": ["unit", "desired_direction", "kind", "baseline_value", "baseline_date"]},
        ),
        (
            _("Official statistic"),
            {
                "fields": ["stat_table", "stat_content_code", "stat_area"],
                "description": _("Required for official indicators."),
            },
        ),
    ]
    inlines = [IndicatorTargetInline]


@admin.register(GoalCoordinator)
class GoalCoordinatorAdmin(AuditedAdmin):
    list_display = ["goal", "organisation", "role", "order"]
    list_filter = ["role"]
    list_select_related = ["goal", "organisation"]
    search_fields = ["goal__title_fi", "organisation__name_fi"]
    autocomplete_fields = ["organisation"]


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(ProgrammeAdminsMay, AuditedAdmin):
    list_display = ["indicator", "year", "area", "value", "is_example"]
    list_filter = ["year", "area"]
    list_select_related = ["indicator"]
    search_fields = ["indicator__name_fi", "indicator__key"]
    programme_admins_may = EVERYTHING


@admin.register(SteeringGroupMembership)
class SteeringGroupMembershipAdmin(AuditedAdmin):
    list_display = ["organisation", "programme", "role", "valid_from", "valid_until", "order"]
    list_filter = ["programme", "role"]
    list_select_related = ["organisation", "programme"]
    search_fields = ["organisation__name_fi"]
    autocomplete_fields = ["organisation"]
