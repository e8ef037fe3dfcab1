"""What one import did, object by object: the counts for the summary line and the audit events.

Entries are merged per object because the writer may touch an object twice (an organisation is
created first and gets its successor once every organisation exists); the audit trail should
still show one `create` with the final values, not a create followed by an update.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models

from seuraamo.core.audit import json_value
from seuraamo.core.data_version import bump_data_version
from seuraamo.core.models import AuditEvent

CREATE, UPDATE, DELETE, UNCHANGED = "create", "update", "delete", "unchanged"
#: A row the file no longer contains, left in place because deleting was not asked for.
KEEP = "keep"
#: A row the file no longer contains that other records (reports) refer to: hidden, never deleted.
ARCHIVE = "archive"

JsonDict = dict[str, object]


@dataclass(frozen=True)
class ImportCounts:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    kept: int = 0
    archived: int = 0

    def __str__(self) -> str:
        text = (
            f"created {self.created}, updated {self.updated}, "
            f"deleted {self.deleted}, unchanged {self.unchanged}"
        )
        if self.archived:
            text += f", archived {self.archived} (missing from the file; reports refer to them)"
        if self.kept:
            text += (
                f", not deleted {self.kept} (missing from the file; --delete-missing deletes them)"
            )
        return text


@dataclass
class _Entry:
    action: str
    before: JsonDict | None
    after: JsonDict | None


@dataclass
class Journal:
    actor_description: str
    entries: dict[tuple[str, str], _Entry] = field(default_factory=dict)
    # (model, primary key) → stable key, so audit records show keys rather than database ids.
    labels: dict[tuple[type[models.Model], object], str] = field(default_factory=dict)

    def label(self, instance: models.Model, key: str) -> None:
        self.labels[(type(instance), instance.pk)] = key

    def record(
        self,
        model: type[models.Model],
        key: str,
        action: str,
        before: dict[str, object] | None = None,
        after: dict[str, object] | None = None,
    ) -> None:
        before_json = self.as_json(model, before) if before is not None else None
        after_json = self.as_json(model, after) if after is not None else None
        entry_key = (model._meta.label_lower, key)
        entry = self.entries.get(entry_key)
        if entry is None:
            self.entries[entry_key] = _Entry(action, before_json, after_json)
            return
        if action == UNCHANGED:
            return
        if entry.action == UNCHANGED:
            entry.action = action
        if entry.action != CREATE and before_json is not None:
            entry.before = {**before_json, **(entry.before or {})}
        if after_json is not None:
            entry.after = {**(entry.after or {}), **after_json}

    def as_json(self, model: type[models.Model], values: dict[str, object]) -> JsonDict:
        """Model field names (not database columns) with relations as stable keys."""
        result: JsonDict = {}
        for name, value in values.items():
            model_field = model._meta.get_field(name)
            if model_field.is_relation:
                related = model_field.related_model
                value = value.pk if isinstance(value, models.Model) else value
                result[model_field.name] = (
                    None if value is None else self.labels.get((related, value), str(value))
                )
            else:
                result[name] = json_value(value)
        return result

    def counts(self) -> ImportCounts:
        actions = [entry.action for entry in self.entries.values()]
        return ImportCounts(
            created=actions.count(CREATE),
            updated=actions.count(UPDATE),
            deleted=actions.count(DELETE),
            unchanged=actions.count(UNCHANGED),
            kept=actions.count(KEEP),
            archived=actions.count(ARCHIVE),
        )

    def plan(self) -> list[str]:
        """One line per change, by key: what the import does (or, for kept rows, would do)."""
        lines = []
        for (object_type, key), entry in self.entries.items():
            if entry.action == UNCHANGED:
                continue
            if entry.action == KEEP:
                lines.append(f"would delete {object_type} {key} (kept: not asked to delete)")
            elif entry.action == UPDATE:
                fields = ", ".join(sorted(entry.after or {}))
                lines.append(f"update {object_type} {key}: {fields}")
            else:
                lines.append(f"{entry.action} {object_type} {key}")
        return lines

    def save(self) -> None:
        if any(entry.action not in (UNCHANGED, KEEP) for entry in self.entries.values()):
            bump_data_version()
        AuditEvent.objects.bulk_create(
            AuditEvent(
                actor=None,
                actor_description=self.actor_description[:200],
                action=entry.action,
                object_type=object_type,
                object_key=key[:200],
                before=entry.before,
                after=entry.after,
            )
            for (object_type, key), entry in self.entries.items()
            if entry.action not in (UNCHANGED, KEEP)
        )
