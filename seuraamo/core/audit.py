"""The audit trail: who, when, what before, what after.

One serializer for every writer: `stable_key` names an object by its stable key (never a database
id; a model may define an `audit_key` property when its key is composite, e.g. "programme/4.1"),
and `json_value` turns field values into JSON the same way for admin edits, imports and services.
Staff edits through `AuditedAdmin` are recorded object by object in the same transaction as the
change (Django's admin views are atomic), including every row a delete cascades to."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db import models, router
from django.db.models.deletion import Collector
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from seuraamo.core.data_version import bump_data_version
from seuraamo.core.models import AuditEvent

if TYPE_CHECKING:
    # The stubs' types of a fieldset's title and options (django-stubs has no public names).
    from django.contrib.admin.options import _FieldOpts
    from django.utils.functional import _StrOrPromise

JsonDict = dict[str, object]


def stable_key(instance: models.Model) -> str:
    """The key an object is known by in files and in the audit trail."""
    audit_key = getattr(instance, "audit_key", None)
    if audit_key:
        return str(audit_key)
    key = getattr(instance, "key", None)
    return str(key) if key else str(instance.pk)


def json_value(value: object) -> object:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return stable_key(value)
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    return value


def snapshot(instance: models.Model) -> JsonDict:
    """The instance's editable field values as JSON-ready data, relations as stable keys."""
    values: JsonDict = {}
    for name, value in model_to_dict(instance).items():
        field = instance._meta.get_field(name)
        if field.many_to_one or field.one_to_one:
            value = getattr(instance, field.name)
        values[name] = json_value(value)
    return values


def cascade_of(instance: models.Model) -> list[models.Model]:
    """The instance and every row deleting it would delete with it."""
    collector = Collector(using=router.db_for_write(type(instance)))
    collector.collect([instance])
    found = [row for rows in collector.data.values() for row in rows]
    for queryset in collector.fast_deletes:
        found += list(queryset)
    return found


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
    bump_data_version()
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_description=getattr(actor, "get_username", lambda: "")(),
        action=action,
        object_type=instance._meta.label_lower,
        object_key=stable_key(instance)[:200],
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
        doomed = [(row, snapshot(row)) for row in cascade_of(obj)]
        super().delete_model(request, obj)
        for row, before in doomed:
            record_change(actor=request.user, instance=row, before=before, after=None)

    def delete_queryset(self, request: Any, queryset: models.QuerySet) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        befores = {
            inline_form.instance.pk: stored_snapshot(inline_form.instance)
            for inline_form in formset.initial_forms
        }
        deleted = [
            (row, snapshot(row))
            for inline_form in formset.initial_forms
            if formset.can_delete and formset._should_delete_form(inline_form)
            for row in cascade_of(inline_form.instance)
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


def language_fieldsets(*fields: str) -> list[tuple[_StrOrPromise, _FieldOpts]]:
    """One admin fieldset per language holding that language's column of each translated field."""
    return [(label, {"fields": [f"{name}_{code}" for name in fields]}) for code, label in LANGUAGES]
