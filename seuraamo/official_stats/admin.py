"""Django admin for the statistics store: tables and labels are editable (translations), areas too;
observations, revisions and sync runs are read-only records of what the data sources said."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from seuraamo.accounts.signed_in import AuthenticatedHttpRequest
from seuraamo.official_stats.models import (
    Observation,
    ObservationRevision,
    StatTable,
    SyncRun,
    TableVariable,
    VariableValue,
)
from seuraamo.official_stats.services import RevertError
from seuraamo.official_stats.tasks import start_revert_in_background


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by imports and syncs: viewable, never edited by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class TableVariableInline(admin.TabularInline):
    model = TableVariable
    extra = 0
    fields = ("code", "role", "label_fi", "label_sv", "label_en")
    readonly_fields = ("code", "role")
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(StatTable)
class StatTableAdmin(admin.ModelAdmin):
    list_display = ("table_id", "title_fi", "updated_at_source", "last_synced_at")
    search_fields = ("table_id", "title_fi", "title_sv", "title_en")
    readonly_fields = ("table_id", "updated_at_source", "last_synced_at")
    inlines = [TableVariableInline]


class VariableValueInline(admin.TabularInline):
    model = VariableValue
    extra = 0
    fields = ("code", "label_fi", "label_sv", "label_en", "unit", "order")
    readonly_fields = ("code",)


@admin.register(TableVariable)
class TableVariableAdmin(admin.ModelAdmin):
    list_display = ("table", "code", "role", "label_fi")
    list_filter = ("table", "role")
    readonly_fields = ("table", "code", "role")
    inlines = [VariableValueInline]


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    list_display = ("table", "content_code", "area_code", "extra_code", "period", "value", "status")
    list_filter = ("table",)
    search_fields = ("=area_code", "=content_code", "=period")
    list_select_related = ("table",)
    show_full_result_count = False


@admin.register(ObservationRevision)
class ObservationRevisionAdmin(ReadOnlyAdmin):
    list_display = ("observation", "old_value", "old_status", "changed_at")
    list_select_related = ("observation__table",)
    show_full_result_count = False


@admin.register(SyncRun)
class SyncRunAdmin(ReadOnlyAdmin):
    """The data status for staff: every import and sync with what it changed, and the action that
    reverts a run (the same service as `seuraamo revert_statistics_run`)."""

    list_display = (
        "id", "table", "source", "started_at", "inserted", "changed", "unchanged", "error", "reverted_at",
    )  # fmt: skip
    list_filter = ("table",)
    list_select_related = ("table",)
    actions = ["revert_runs"]

    def has_revert_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("official_stats.change_syncrun")

    @admin.action(description=_("Revert the selected runs (newest first)"), permissions=["revert"])
    def revert_runs(self, request: AuthenticatedHttpRequest, queryset: QuerySet[SyncRun]) -> None:
        for run in queryset.order_by("-pk"):
            try:
                start_revert_in_background(actor=request.user, run_id=run.pk)
            except RevertError as error:
                self.message_user(
                    request,
                    _("Run %(run)s was not reverted: %(reason)s")
                    % {"run": run.pk, "reason": error},
                    messages.ERROR,
                )
                continue
            self.message_user(
                request,
                _(
                    "Reverting run %(run)s: its figures are no longer shown, and the earlier ones "
                    "come back as the background job restores them (progress below)."
                )
                % {"run": run.pk},
                messages.SUCCESS,
            )
