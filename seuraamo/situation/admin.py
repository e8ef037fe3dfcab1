"""The peer group of the situation picture, editable by staff with the model permission."""

from __future__ import annotations

from django.contrib import admin

from seuraamo.core.audit import AuditedAdmin
from seuraamo.situation.models import PeerGroup


@admin.register(PeerGroup)
class PeerGroupAdmin(AuditedAdmin):
    list_display = ("key", "regions", "updated_at")
