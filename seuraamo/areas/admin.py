"""Statistical areas in the admin: names can be corrected; codes and the hierarchy come from the snapshot."""

from __future__ import annotations

from django.contrib import admin

from seuraamo.areas.models import Area


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fi", "name_sv", "name_en", "level")
    list_filter = ("level",)
    search_fields = ("code", "name_fi", "name_sv", "name_en")
    raw_id_fields = ("subregion", "region")
