"""PTV v11 records as the catalogue's field values: plain Python (no Django), so the rules can be
read and tested without a database, like the PxWeb library.

A service gives its names, summaries and descriptions by language, its languages, the
municipalities it serves (Statistics Finland codes, ``KU285``) or that it is nationwide, and the
organisations responsible for it and producing it (:class:`OrganisationRef`). A channel gives the
fields of the catalogue's channel (:func:`channel_fields`): ServiceLocation → a location (address,
municipality, coordinates converted from ETRS-TM35FIN to WGS84, the regular week's opening hours
with closed days and "by appointment", the first phone and web page), Phone → a phone, EChannel → an e-service, WebPage → a web page;
printable forms are left out. A channel belongs to a service when the service lists it in
``serviceChannels`` or the channel lists the service in ``services`` (:func:`connections`; v11
has no endpoint of its own for these connections). Every problem is a :class:`PtvImportError`
naming the source and the place (``ptv.json:[1].id: 'abc' is not a PTV id (UUID)``)."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from seuraamo.catalogue.hours import WEEKDAYS, clock
from seuraamo.catalogue.tm35fin import to_wgs84

LANGUAGES = ("fi", "sv", "en")
#: PTV's channel types → the catalogue's channel kinds (`catalogue.models.ChannelKind` values).
KINDS = {
    "ServiceLocation": "location",
    "Phone": "phone",
    "EChannel": "e_service",
    "WebPage": "web",
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


class PtvImportError(Exception):
    """Bad input or a failed fetch: the message names the source and the place."""


@dataclass(frozen=True)
class OrganisationRef:
    """An organisation a service names: its PTV id, its name and where the reference stands."""

    id: uuid.UUID
    name: str
    where: str

    @property
    def key(self) -> str:
        return f"ptv-{self.id}"

    @property
    def kind(self) -> str:
        """A guess from the name (an `OrganisationKind` value): municipality or association."""
        return (
            "municipality" if self.name.lower().endswith(("kunta", "kaupunki")) else "association"
        )


@dataclass(frozen=True)
class ServiceData:
    """What PTV says of one service, in the catalogue's terms."""

    names: Mapping[str, str]
    summaries: Mapping[str, str]
    descriptions: Mapping[str, str]
    languages: list[str]
    responsible: OrganisationRef
    producers: list[OrganisationRef]

    def fields(self) -> dict[str, Any]:
        """The text and language fields of the catalogue's service (``name_fi``, …)."""
        found: dict[str, Any] = {"languages": self.languages}
        for language in LANGUAGES:
            found[f"name_{language}"] = self.names.get(language, "")[:200]
            found[f"summary_{language}"] = self.summaries.get(language, "")[:300]
            found[f"description_{language}"] = self.descriptions.get(language, "")
        return found


def items(data: Any, name: str) -> list[tuple[str, Any]]:
    """(where, record) pairs of a file or a page: one record, a list, an object keyed by id, or
    a v11 page with ``itemList``."""
    if isinstance(data, dict) and isinstance(data.get("itemList"), list):
        return [(f"itemList[{index}]", item) for index, item in enumerate(data["itemList"])]
    if isinstance(data, list):
        return [(f"[{index}]", item) for index, item in enumerate(data)]
    if isinstance(data, dict) and ("serviceNames" in data or "serviceChannelNames" in data):
        return [("", data)]
    if isinstance(data, dict):
        return [(f"[{key}]", item) for key, item in data.items() if not key.startswith("_")]
    raise PtvImportError(f"{name}: expected a PTV service, a list or a page of services")


def ptv_id(value: object, where: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise PtvImportError(f"{where}: {str(value)[:40]!r} is not a PTV id (UUID)") from None


def is_published(item: Mapping[str, Any]) -> bool:
    return bool(item.get("publishingStatus", "Published") == "Published")


def is_nationwide(item: Mapping[str, Any]) -> bool:
    return str(item.get("areaType", "")).startswith("Nationwide")


def municipality_codes(service: Mapping[str, Any]) -> list[str]:
    """The municipalities of a service's areas as Statistics Finland codes, each once."""
    codes: list[str] = []
    for area in service.get("areas") or []:
        for municipality in area.get("municipalities") or []:
            code = str(municipality.get("code") or "")
            if code.isdigit():
                code = f"KU{int(code):03d}"
                if code not in codes:
                    codes.append(code)
    return codes


def _texts(entries: Iterable[Mapping[str, Any]] | None, kind: str) -> dict[str, str]:
    return {
        str(entry.get("language")): str(entry.get("value") or "")
        for entry in entries or []
        if entry.get("type") == kind and entry.get("language") in LANGUAGES
    }


def _organisation(reference: Mapping[str, Any], where: str) -> OrganisationRef:
    organisation = reference.get("organization") or {}
    return OrganisationRef(
        id=ptv_id(organisation.get("id"), f"{where}.organization.id"),
        name=str(organisation.get("name") or ""),
        where=where,
    )


def service_data(item: Mapping[str, Any], where: str) -> ServiceData:
    """The catalogue's view of one PTV service; it needs a Finnish name and a responsible
    organisation."""
    names = _texts(item.get("serviceNames"), "Name")
    if not names.get("fi"):
        raise PtvImportError(f"{where}.serviceNames: no Finnish name")
    references = list(enumerate(item.get("organizations") or []))
    responsible = [ref for _index, ref in references if ref.get("roleType") == "Responsible"]
    if not responsible:
        raise PtvImportError(f"{where}.organizations: no Responsible organisation")
    return ServiceData(
        names=names,
        summaries=_texts(item.get("serviceDescriptions"), "Summary"),
        descriptions=_texts(item.get("serviceDescriptions"), "Description"),
        languages=[code for code in item.get("languages") or [] if len(str(code)) == 2],
        responsible=_organisation(responsible[0], f"{where}.organizations"),
        producers=[
            _organisation(ref, f"{where}.organizations[{index}]")
            for index, ref in references
            if ref.get("roleType") == "Producer"
        ],
    )


# --- channels ----------------------------------------------------------------------------------


def _by_language(entries: Iterable[Mapping[str, Any]] | None, kind: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    for entry in entries or []:
        if kind and entry.get("type") != kind:
            continue
        language, value = entry.get("language"), entry.get("value")
        if isinstance(language, str) and value and language not in found:
            found[language] = str(value)
    return found


def _first(texts: Mapping[str, str]) -> str:
    return texts.get("fi") or next(iter(texts.values()), "")


#: PTV's weekday names → the catalogue's weekday codes (seuraamo.catalogue.hours.WEEKDAYS).
WEEKDAY_CODES = dict(zip(DAYS, WEEKDAYS, strict=True))
#: What a "by appointment" (isReservation) service hour says, in fi/sv/en.
BY_APPOINTMENT = {"fi": "ajanvarauksella", "sv": "enligt tidsbokning", "en": "by appointment"}


def _hours(channel: Mapping[str, Any]) -> dict[str, Any]:
    """The channel's service hours as the catalogue holds them: the regular week (DaysOfTheWeek
    hours valid now: one period a weekday, the first given), the closed days among the exceptional
    hours, and "by appointment" as the note when PTV says the hours are by reservation."""
    weekly: dict[str, list[str]] = {}
    closed: set[str] = set()
    by_appointment = False
    for hours in channel.get("serviceHours") or []:
        kind = hours.get("serviceHourType")
        if kind == "Exceptional" and hours.get("isClosed"):
            closed.update(_dates(hours.get("validFrom"), hours.get("validTo")))
            continue
        if kind != "DaysOfTheWeek" or hours.get("validForNow") is False:
            continue
        by_appointment = by_appointment or bool(hours.get("isReservation"))
        if hours.get("isAlwaysOpen"):
            for day in WEEKDAYS:
                weekly.setdefault(day, ["00:00", "24:00"])
        for opening in hours.get("openingHour") or []:
            first = WEEKDAY_CODES.get(str(opening.get("dayFrom")))
            last = WEEKDAY_CODES.get(str(opening.get("dayTo") or opening.get("dayFrom")))
            start, end = _clock(opening.get("from")), _clock(opening.get("to"))
            if first is None or last is None or not start or not end or end <= start:
                continue
            for day in WEEKDAYS[WEEKDAYS.index(first) : WEEKDAYS.index(last) + 1]:
                weekly.setdefault(day, [start, end])
    fields: dict[str, Any] = {
        "weekly_hours": {day: weekly[day] for day in WEEKDAYS if day in weekly},
        "closed_dates": sorted(closed),
    }
    for language in LANGUAGES:
        fields[f"hours_note_{language}"] = BY_APPOINTMENT[language] if by_appointment else ""
    return fields


def _dates(valid_from: object, valid_to: object) -> list[str]:
    """The days from `valid_from` to `valid_to` (ISO date-times), at most 31 of them."""
    try:
        first = datetime.date.fromisoformat(str(valid_from)[:10])
        last = datetime.date.fromisoformat(str(valid_to or valid_from)[:10])
    except ValueError:
        return []
    days: list[str] = []
    while first <= last and len(days) < 31:
        days.append(first.isoformat())
        first += datetime.timedelta(days=1)
    return days


def _clock(value: object) -> str:
    """ "08:00:00" → "08:00"; "" for anything else."""
    text = str(value or "")
    return (clock(text[:5]) or "") if len(text) >= 5 and text[2] == ":" else ""


def _phone(channel: Mapping[str, Any]) -> str:
    for number in channel.get("phoneNumbers") or []:
        if number.get("number"):
            prefix = str(number.get("prefixNumber") or "")
            return f"{prefix} {number['number']}".strip()[:40]
    return ""


def _url(channel: Mapping[str, Any]) -> str:
    candidates = [
        *(channel.get("webPages") or []),
        *(channel.get("urls") or []),
        *(channel.get("webPage") or []),
    ]
    for language in LANGUAGES:
        for candidate in candidates:
            url = candidate.get("url") or candidate.get("value")
            if candidate.get("language") == language and str(url or "").startswith("http"):
                return str(url)[:500]
    return ""


def _address(channel: Mapping[str, Any], where: str) -> dict[str, Any]:
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
                raise PtvImportError(f"{here}: coordinates are not numbers") from None
            latitude, longitude = to_wgs84(easting, northing)
            fields["latitude"] = Decimal(f"{latitude:.5f}")
            fields["longitude"] = Decimal(f"{longitude:.5f}")
        return fields
    return {}


def channel_fields(channel: Mapping[str, Any], where: str) -> dict[str, Any] | None:
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
        **_hours(channel),
        "internal_note": "Imported from PTV.",
    }
    if kind == KINDS["ServiceLocation"]:
        fields.update(_address(channel, where))
    return fields


def connections(
    service_item: Mapping[str, Any], channels: list[tuple[str, dict[str, Any]]]
) -> list[tuple[str, dict[str, Any]]]:
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
