"""Statistical areas in the admin: names can be corrected and memberships dated (a municipality
moving to another employment area); codes and the hierarchy come from the snapshot."""

from __future__ import annotations

from django.contrib import admin

from seuraamo.areas.models import Area, AreaMembership


class MembershipInline(admin.TabularInline):
    model = AreaMembership
    fk_name = "parent"
    extra = 0
    raw_id_fields = ("member",)


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fi", "name_sv", "name_en", "level")
    list_filter = ("level",)
    search_fields = ("code", "name_fi", "name_sv", "name_en")
    raw_id_fields = ("subregion", "region")
    inlines = [MembershipInline]
