"""The projects register in the admin (audited). Rounds and reports are written through the
follow-up pages and their services, so the admin shows them read-only."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from seuraamo.core.audit import AuditedAdmin
from seuraamo.follow_up.models import (
    Decision,
    GoalReport,
    Meeting,
    Project,
    ReportingRound,
    SentReminder,
)


@admin.register(Project)
class ProjectAdmin(AuditedAdmin):
    list_display = ["name", "owner", "status", "funding_source", "start_date", "end_date"]
    search_fields = ["name", "funding_source"]
    filter_horizontal = ["partners", "measures"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ReportingRound)
class ReportingRoundAdmin(ReadOnlyAdmin):
    list_display = ["period", "status", "deadline", "is_example"]


@admin.register(GoalReport)
class GoalReportAdmin(ReadOnlyAdmin):
    list_display = ["reporting_round", "goal", "status", "assessment", "version", "updated_at"]
    list_filter = ["reporting_round", "status"]


@admin.register(SentReminder)
class SentReminderAdmin(ReadOnlyAdmin):
    list_display = ["report", "recipient", "kind", "sent_at"]


class DecisionInline(admin.StackedInline):
    model = Decision
    extra = 1
    filter_horizontal = ["goals", "measures"]


@admin.register(Meeting)
class MeetingAdmin(AuditedAdmin):
    list_display = ["date", "reporting_round", "minutes_url"]
    filter_horizontal = ["participants"]
    inlines = [DecisionInline]
