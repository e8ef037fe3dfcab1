"""A service's PTV channels written to the catalogue (the fields come from :mod:`.mapping`).

Channels imported from PTV carry their PTV id, so a re-import updates them in place, adds new ones
and removes those PTV no longer connects; channels an editor added by hand have no PTV id and are
never touched. Each change is audited (no actor: the import)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from seuraamo.catalogue.models import Channel, Service
from seuraamo.catalogue.ptv.mapping import PtvImportError, channel_fields, is_published, ptv_id
from seuraamo.core.audit import record_change, snapshot


@dataclass
class ChannelCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: int = 0


def sync_channels(
    service: Service, connected: list[tuple[str, dict]], counts: ChannelCounts
) -> None:
    """Make the service's PTV channels match `connected`; hand-made channels stay as they are."""
    existing = {channel.ptv_id: channel for channel in service.channels.exclude(ptv_id=None)}
    kept: set[uuid.UUID] = set()
    for where, item in connected:
        if not isinstance(item, dict):
            raise PtvImportError(f"{where}: expected a channel object")
        channel_id = ptv_id(item.get("id"), f"{where}.id")
        if not is_published(item):
            continue
        fields = channel_fields(item, where)
        if fields is None:
            counts.skipped += 1
            continue
        channel = existing.get(channel_id) or Channel(service=service, ptv_id=channel_id)
        is_new = channel.pk is None
        kept.add(channel_id)
        if not is_new and all(getattr(channel, name) == value for name, value in fields.items()):
            counts.unchanged += 1
            continue
        before = None if is_new else snapshot(channel)
        for name, value in fields.items():
            setattr(channel, name, value)
        try:
            channel.full_clean()
        except ValidationError as error:
            field_name, messages = next(iter(error.message_dict.items()))
            raise PtvImportError(f"{where}.{field_name}: {' '.join(messages)}") from None
        channel.save()
        record_change(actor=None, instance=channel, before=before, after=snapshot(channel))
        if is_new:
            counts.created += 1
        else:
            counts.updated += 1
    for stored_id, channel in existing.items():
        if stored_id not in kept:
            record_change(actor=None, instance=channel, before=snapshot(channel), after=None)
            channel.delete()
            counts.removed += 1
