"""The audit trail in the admin: readable by those given the view permission, never editable."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from seuraamo.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "actor_description", "action", "object_type", "object_key"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_key", "actor_description"]
    date_hierarchy = "occurred_at"
    readonly_fields = [field.name for field in AuditEvent._meta.fields]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
