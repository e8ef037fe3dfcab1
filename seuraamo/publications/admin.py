"""The publications register and its figures, edited by analysts (audited)."""

from __future__ import annotations

from django.contrib import admin

from seuraamo.core.audit import AuditedAdmin
from seuraamo.publications.models import Publication, PublicationFigure
from seuraamo.publications.services import keep_previous_value


@admin.register(Publication)
class PublicationAdmin(AuditedAdmin):
    list_display = ("name_fi", "publisher", "cadence", "latest_release", "next_expected_release")


@admin.register(PublicationFigure)
class PublicationFigureAdmin(AuditedAdmin):
    list_display = ("publication", "indicator", "area_code", "period", "value", "updated_at")
    list_filter = ("publication",)

    def save_model(self, request, obj, form, change) -> None:
        # The admin's save is one transaction: the revision and the new value land together.
        if change and "value" in form.changed_data:
            keep_previous_value(figure=obj, value=obj.value, source=f"admin: {request.user}")
        super().save_model(request, obj, form, change)
