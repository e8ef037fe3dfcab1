"""Audit trail for changes made through the admin: who, when, what before, what after.

The importer keeps its own journal (seuraamo/programmes/importer/journal.py); this module covers staff
edits, object by object, in the same transaction as the change (Django's admin views are atomic)."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.contrib import admin
from django.db import models
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from seuraamo.core.models import AuditEvent

JsonDict = dict[str, object]


def _json_value(value: object) -> object:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_json_value(item) for item in value]
    return value


def snapshot(instance: models.Model) -> JsonDict:
    """The instance's editable field values as JSON-ready data."""
    return {name: _json_value(value) for name, value in model_to_dict(instance).items()}


def stored_snapshot(instance: models.Model) -> JsonDict | None:
    """The values as they are in the database now, before a pending save."""
    if instance.pk is None:
        return None
    stored = type(instance)._default_manager.filter(pk=instance.pk).first()
    return snapshot(stored) if stored is not None else None


def changed_fields(before: JsonDict, after: JsonDict) -> tuple[JsonDict, JsonDict]:
    names = [name for name in after if before.get(name) != after.get(name)]
    return {name: before.get(name) for name in names}, {name: after[name] for name in names}


def record_change(
    *,
    actor: Any,
    instance: models.Model,
    before: JsonDict | None,
    after: JsonDict | None,
) -> AuditEvent | None:
    """Write one audit event; an update that changed nothing writes none."""
    if before is None:
        action = "create"
    elif after is None:
        action = "delete"
    else:
        action = "update"
        before, after = changed_fields(before, after)
        if not after:
            return None
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_description=getattr(actor, "get_username", lambda: "")(),
        action=action,
        object_type=instance._meta.label_lower,
        object_key=str(getattr(instance, "key", "") or instance.pk),
        before=before,
        after=after,
    )


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes, including those of its inlines, are audited."""

    def save_model(self, request: Any, obj: models.Model, form: Any, change: bool) -> None:
        before = stored_snapshot(obj) if change else None
        super().save_model(request, obj, form, change)
        record_change(actor=request.user, instance=obj, before=before, after=snapshot(obj))

    def delete_model(self, request: Any, obj: models.Model) -> None:
        before = snapshot(obj)
        super().delete_model(request, obj)
        record_change(actor=request.user, instance=obj, before=before, after=None)

    def delete_queryset(self, request: Any, queryset: models.QuerySet) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        befores = {
            inline_form.instance.pk: stored_snapshot(inline_form.instance)
            for inline_form in formset.initial_forms
        }
        deleted = [
            (inline_form.instance, snapshot(inline_form.instance))
            for inline_form in formset.initial_forms
            if formset.can_delete and formset._should_delete_form(inline_form)
        ]
        super().save_formset(request, form, formset, change)
        for instance, before in deleted:
            record_change(actor=request.user, instance=instance, before=before, after=None)
        for instance in formset.new_objects:
            record_change(
                actor=request.user, instance=instance, before=None, after=snapshot(instance)
            )
        for instance, _changed in formset.changed_objects:
            record_change(
                actor=request.user,
                instance=instance,
                before=befores.get(instance.pk),
                after=snapshot(instance),
            )


LANGUAGES = (("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English")))


def language_fieldsets(*fields: str) -> list[tuple[object, dict[str, object]]]:
    """One admin fieldset per language holding that language's column of each translated field."""
    return [(label, {"fields": [f"{name}_{code}" for name in fields]}) for code, label in LANGUAGES]
