"""PTV v11 service channels (`ServiceChannel/list/area/…`) as the catalogue's channels.

A channel belongs to an imported service when the service lists it in `serviceChannels` or the
channel lists the service in `services` (v11 has no endpoint of its own for these connections).
ServiceLocation becomes a location (address, municipality, coordinates converted from ETRS-TM35FIN,
opening hours, the first phone and web page), Phone a phone, EChannel an e-service and WebPage a web
page; printable forms are left out. Channels imported from PTV carry their PTV id, so a re-import
updates them in place, adds new ones and removes those PTV no longer connects; channels an editor
added by hand have no PTV id and are never touched. Each change is audited (no actor: the import)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from seuraamo.catalogue.models import Channel, ChannelKind, Service
from seuraamo.catalogue.tm35fin import to_wgs84
from seuraamo.core.audit import record_change, snapshot

KINDS = {
    "ServiceLocation": ChannelKind.LOCATION,
    "Phone": ChannelKind.PHONE,
    "EChannel": ChannelKind.E_SERVICE,
    "WebPage": ChannelKind.WEB,
}
DAYS = {
    "Monday": "ma",
    "Tuesday": "ti",
    "Wednesday": "ke",
    "Thursday": "to",
    "Friday": "pe",
    "Saturday": "la",
    "Sunday": "su",
}
LANGUAGES = ("fi", "sv", "en")


class PtvChannelError(Exception):
    """A channel that cannot be read: the message names the source and the place."""


@dataclass
class ChannelCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: int = 0


def _uuid(value: object, where: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise PtvChannelError(f"{where}: {str(value)[:40]!r} is not a PTV id (UUID)") from None


def _by_language(items: Iterable[dict] | None, kind: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    for item in items or []:
        if kind and item.get("type") != kind:
            continue
        language, value = item.get("language"), item.get("value")
        if isinstance(language, str) and value and language not in found:
            found[language] = str(value)
    return found


def _first(texts: dict[str, str]) -> str:
    return texts.get("fi") or next(iter(texts.values()), "")


def _opening_hours(channel: dict) -> str:
    """Regular weekly hours in short Finnish ("ke 8.00–16.00, pe 8.00–14.00")."""
    parts: list[str] = []
    for hours in channel.get("serviceHours") or []:
        if hours.get("serviceHourType") != "DaysOfTheWeek" or hours.get("validForNow") is False:
            continue
        if hours.get("isAlwaysOpen"):
            parts.append("aina auki")
        for opening in hours.get("openingHour") or []:
            days = DAYS.get(opening.get("dayFrom"), "")
            if opening.get("dayTo") in DAYS:
                days = f"{days}–{DAYS[opening['dayTo']]}"
            start, end = _clock(opening.get("from")), _clock(opening.get("to"))
            if days and start and end:
                parts.append(f"{days} {start}–{end}")
    return ", ".join(parts)[:300]


def _clock(value: object) -> str:
    text = str(value or "")
    if len(text) < 5 or text[2] != ":":
        return ""
    return f"{int(text[:2])}.{text[3:5]}"


def _phone(channel: dict) -> str:
    for number in channel.get("phoneNumbers") or []:
        if number.get("number"):
            prefix = str(number.get("prefixNumber") or "")
            return f"{prefix} {number['number']}".strip()[:40]
    return ""


def _url(channel: dict) -> str:
    candidates = [
        *(channel.get("webPages") or []),
        *(channel.get("urls") or []),
        *(channel.get("webPage") or []),
    ]
    for language in LANGUAGES:
        for item in candidates:
            url = item.get("url") or item.get("value")
            if item.get("language") == language and str(url or "").startswith("http"):
                return str(url)[:500]
    return ""


def _address(channel: dict, where: str) -> dict[str, Any]:
    for index, address in enumerate(channel.get("addresses") or []):
        street = address.get("streetAddress")
        if address.get("type") != "Location" or not isinstance(street, dict):
            continue
        here = f"{where}.addresses[{index}].streetAddress"
        name = _first(_by_language(street.get("street")))
        number = str(street.get("streetNumber") or "")
        code = str((street.get("municipality") or {}).get("code") or "")
        fields: dict[str, Any] = {
            "street_address": f"{name} {number}".strip()[:200],
            "postal_code": str(street.get("postalCode") or "")[:12],
            "post_office": _first(_by_language(street.get("postOffice"))).title()[:80],
            "municipality": f"KU{int(code):03d}" if code.isdigit() else "",
        }
        if street.get("coordinateState") == "Ok":
            try:
                northing, easting = float(street["latitude"]), float(street["longitude"])
            except (KeyError, TypeError, ValueError):
                raise PtvChannelError(f"{here}: coordinates are not numbers") from None
            latitude, longitude = to_wgs84(easting, northing)
            fields["latitude"] = Decimal(f"{latitude:.5f}")
            fields["longitude"] = Decimal(f"{longitude:.5f}")
        return fields
    return {}


def channel_fields(channel: dict, where: str) -> dict[str, Any] | None:
    """The catalogue fields of one PTV channel, or None for a kind the catalogue does not hold."""
    kind = KINDS.get(str(channel.get("serviceChannelType")))
    if kind is None:
        return None
    names = _by_language(channel.get("serviceChannelNames"), "Name")
    fields: dict[str, Any] = {
        "kind": kind,
        **{f"name_{language}": names.get(language, "")[:200] for language in LANGUAGES},
        "url": _url(channel),
        "phone": _phone(channel),
        "opening_hours": _opening_hours(channel),
        "note": "Imported from PTV.",
    }
    if kind == ChannelKind.LOCATION:
        fields.update(_address(channel, where))
    return fields


def connections(service_item: dict, channels: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """The channels of `channels` connected to one PTV service, each once."""
    service_id = str(service_item.get("id"))
    listed = {
        str((link.get("serviceChannel") or {}).get("id"))
        for link in service_item.get("serviceChannels") or []
    }
    found = []
    for where, channel in channels:
        serves = {
            str((link.get("service") or {}).get("id")) for link in channel.get("services") or []
        }
        if str(channel.get("id")) in listed or service_id in serves:
            found.append((where, channel))
    return found


def sync_channels(
    service: Service, connected: list[tuple[str, dict]], counts: ChannelCounts
) -> None:
    """Make the service's PTV channels match `connected`; hand-made channels stay as they are."""
    existing = {channel.ptv_id: channel for channel in service.channels.exclude(ptv_id=None)}
    kept: set[uuid.UUID] = set()
    for where, item in connected:
        if not isinstance(item, dict):
            raise PtvChannelError(f"{where}: expected a channel object")
        ptv_id = _uuid(item.get("id"), f"{where}.id")
        if item.get("publishingStatus", "Published") != "Published":
            continue
        fields = channel_fields(item, where)
        if fields is None:
            counts.skipped += 1
            continue
        channel = existing.get(ptv_id) or Channel(service=service, ptv_id=ptv_id)
        is_new = channel.pk is None
        kept.add(ptv_id)
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
            raise PtvChannelError(f"{where}.{field_name}: {' '.join(messages)}") from None
        channel.save()
        record_change(actor=None, instance=channel, before=before, after=snapshot(channel))
        if is_new:
            counts.created += 1
        else:
            counts.updated += 1
    for ptv_id, channel in existing.items():
        if ptv_id not in kept:
            record_change(actor=None, instance=channel, before=snapshot(channel), after=None)
            channel.delete()
            counts.removed += 1
