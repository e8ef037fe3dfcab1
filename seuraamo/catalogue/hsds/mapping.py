"""The catalogue as Open Referral HSDS 3.0 records (services, organizations, service_at_locations,
taxonomies and taxonomy_terms), for the API at /api/hsds/ and `seuraamo export_hsds FILE`. Plain
Python (no Django): it reads the plain values of the dataclasses below, which
:mod:`.selectors` fills from the catalogue in one language.

Profile "Seuraamo HSDS-FI" (docs/architecture.md): one record set per language (fi, sv, en); text
fields are in the requested language with the Finnish text where a translation is missing. Ids are
UUID 5 names of the catalogue's keys, so they stay the same across exports. Only published and
outdated services are exported (outdated as "inactive"); drafts are not. Not-verified services
carry no `assured_date`. Target groups and service levels are the profile's two taxonomies; a
service links to its terms through `attributes` (link_type "target_group" and "service_level")."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from seuraamo.catalogue.hours import WEEKDAYS

NAMESPACE = uuid.UUID("6f1c1d0e-5b1a-4a57-9f3e-2d4f7c0b9a11")
LANGUAGES = ("fi", "sv", "en")
LANGUAGE_NAMES = {"fi": "Finnish", "sv": "Swedish", "en": "English"}
PROFILE = "seuraamo-hsds-fi/1 (described in docs/architecture.md, section HSDS export)"
#: The exported statuses (`catalogue.models.ServiceStatus` values) → HSDS status.
STATUS = {"published": "active", "outdated": "inactive"}
#: The profile's taxonomies: key → (name, description); their terms are the catalogue's choices.
TAXONOMIES = {
    "target_group": (
        "Seuraamo target groups",
        "Whom a service is for, as the Kymenlaakso service catalogue groups its clients.",
    ),
    "service_level": (
        "Seuraamo service levels",
        "The level of a service, from 0 self-service to 4 specialised service: clients are guided "
        "first to the right level.",
    ),
}
Record = dict[str, Any]


def hsds_id(kind: str, key: object) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


@dataclass(frozen=True)
class Term:
    """A term of one of the profile's taxonomies: the catalogue's value and its label."""

    taxonomy: str  # a key of TAXONOMIES
    code: str  # the stored value as text: "2", "young_people"
    label: str  # in the record's language

    @property
    def id(self) -> str:
        return hsds_id("taxonomy_term", f"{self.taxonomy}:{self.code}")


@dataclass(frozen=True)
class Area:
    key: str  # a municipality code or "nationwide"
    name: str
    description: str = ""


@dataclass(frozen=True)
class Phone:
    channel_id: int
    number: str


@dataclass(frozen=True)
class LocationFacts:
    """A location channel of an exported service, in one language."""

    channel_id: int
    service_key: str
    name: str
    latitude: float | None
    longitude: float | None
    accessibility: str
    street_address: str
    postal_code: str
    post_office: str
    weekly_hours: Mapping[str, Sequence[str]]  # weekday code (MO … SU) → ["08:00", "16:00"]
    hours_text: str  # the week in the record's language: "ma–pe 8.00–16.00"
    hours_notes: str  # closed dates and a note ("by appointment") in the record's language


@dataclass(frozen=True)
class ServiceFacts:
    """An exported service in one language (texts already in it, or the Finnish fallback)."""

    key: str
    responsible_key: str
    name: str
    description: str
    summary: str
    status: str  # a key of STATUS
    url: str  # its first web page or e-service, or ""
    eligibility_note: str
    min_age: int | None
    max_age: int | None
    assured_date: date | None  # the last verification of a verified service
    cost: str
    languages: Sequence[str]
    areas: Sequence[Area]
    phones: Sequence[Phone]
    locations: Sequence[LocationFacts]
    terms: Sequence[Term]  # its level, then its target groups


@dataclass(frozen=True)
class OrganisationFacts:
    key: str
    name: str
    kind: str  # the kind's label in the record's language
    website: str
    business_id: str


def taxonomy_record(key: str) -> Record:
    name, description = TAXONOMIES[key]
    return {
        "id": hsds_id("taxonomy", key),
        "name": name,
        "description": description,
        "version": "1",
    }


def taxonomy_term_record(term: Term, language: str) -> Record:
    name = f"{term.code} – {term.label}" if term.taxonomy == "service_level" else term.label
    name = name[:1].upper() + name[1:]
    return {
        "id": term.id,
        "code": term.code,
        "name": name,
        "description": name,
        "taxonomy": TAXONOMIES[term.taxonomy][0],
        "taxonomy_id": hsds_id("taxonomy", term.taxonomy),
        "language": language,
    }


def profile_terms(codes: Mapping[str, Iterable[object]]) -> dict[str, tuple[str, str]]:
    """Every term id of the profile's taxonomies → (taxonomy key, code), for the import;
    ``codes`` gives each taxonomy's values."""
    return {
        hsds_id("taxonomy_term", f"{key}:{code}"): (key, str(code))
        for key, values in codes.items()
        for code in values
    }


def _attributes(service: ServiceFacts, service_id: str, language: str) -> list[Record]:
    return [
        {
            "id": hsds_id("attribute", f"{service.key}:{term.taxonomy}:{term.code}"),
            "link_id": service_id,
            "link_type": term.taxonomy,
            "link_entity": "service",
            "taxonomy_term_id": term.id,
            "taxonomy_term": taxonomy_term_record(term, language),
        }
        for term in service.terms
    ]


def service_record(service: ServiceFacts, language: str) -> Record:
    service_id = hsds_id("service", service.key)
    record: Record = {
        "id": service_id,
        "organization_id": hsds_id("organization", service.responsible_key),
        "name": service.name,
        "status": STATUS[service.status],
    }
    description = service.description or service.summary
    if description:
        record["description"] = description
    if service.url:
        record["url"] = service.url
    if service.eligibility_note:
        record["eligibility_description"] = service.eligibility_note
    if service.min_age is not None:
        record["minimum_age"] = service.min_age
    if service.max_age is not None:
        record["maximum_age"] = service.max_age
    if service.assured_date:
        record["assured_date"] = service.assured_date.isoformat()
    if service.cost:
        record["fees_description"] = service.cost
    record["languages"] = [
        {
            "id": hsds_id("language", f"{service.key}:{code}"),
            "service_id": service_id,
            "name": LANGUAGE_NAMES.get(code, code),
            "code": code,
        }
        for code in service.languages
    ]
    record["service_areas"] = [
        {
            "id": hsds_id("area", f"{service.key}:{area.key}"),
            "service_id": service_id,
            "name": area.name,
            **({"description": area.description} if area.description else {}),
        }
        for area in service.areas
    ]
    record["phones"] = [
        {"id": hsds_id("phone", phone.channel_id), "service_id": service_id, "number": phone.number}
        for phone in service.phones
    ]
    record["service_at_locations"] = [
        service_at_location_record(location) for location in service.locations
    ]
    record["attributes"] = _attributes(service, service_id, language)
    return record


def service_at_location_record(channel: LocationFacts) -> Record:
    location_id = hsds_id("location", channel.channel_id)
    location: Record = {"id": location_id, "location_type": "physical"}
    if channel.name:
        location["name"] = channel.name
    if channel.latitude is not None and channel.longitude is not None:
        location["latitude"] = channel.latitude
        location["longitude"] = channel.longitude
    if channel.accessibility:
        location["accessibility"] = [
            {
                "id": hsds_id("accessibility", channel.channel_id),
                "location_id": location_id,
                "description": channel.accessibility,
            }
        ]
    if channel.street_address and channel.postal_code and channel.post_office:
        location["addresses"] = [
            {
                "id": hsds_id("address", channel.channel_id),
                "location_id": location_id,
                "address_1": channel.street_address,
                "city": channel.post_office,
                "state_province": "Kymenlaakso",
                "postal_code": channel.postal_code,
                "country": "FI",
                "address_type": "physical",
            }
        ]
    record: Record = {
        "id": hsds_id("service_at_location", channel.channel_id),
        "service_id": hsds_id("service", channel.service_key),
        "location_id": location_id,
        "location": location,
    }
    schedules = schedule_records(channel, record["id"])
    if schedules:
        record["schedules"] = schedules
    return record


def schedule_records(channel: LocationFacts, service_at_location_id: str) -> list[Record]:
    """The location's week as RFC 5545 weekly rules, one for each set of days with the same hours
    ("MO,TU,TH" 08:00–15:30), each with the whole week in words and the exceptions as notes. The
    times are local (Europe/Helsinki), as in the official HSDS example."""
    by_hours: dict[tuple[str, str], list[str]] = {}
    for day in WEEKDAYS:  # week order: PostgreSQL's jsonb keeps no key order
        if day in channel.weekly_hours:
            opens, closes = channel.weekly_hours[day]
            by_hours.setdefault((opens, closes), []).append(day)
    schedules: list[Record] = []
    for (opens, closes), days in by_hours.items():
        schedule: Record = {
            "id": hsds_id("schedule", f"{channel.channel_id}:{opens}-{closes}"),
            "service_at_location_id": service_at_location_id,
            "location_id": hsds_id("location", channel.channel_id),
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": ",".join(days),
            "opens_at": opens,
            "closes_at": closes,
            "description": channel.hours_text,
        }
        if channel.hours_notes:
            schedule["notes"] = channel.hours_notes
        schedules.append(schedule)
    if not schedules and channel.hours_notes:
        schedules.append(
            {
                "id": hsds_id("schedule", channel.channel_id),
                "service_at_location_id": service_at_location_id,
                "location_id": hsds_id("location", channel.channel_id),
                "description": channel.hours_notes,
            }
        )
    return schedules


def organisation_record(organisation: OrganisationFacts) -> Record:
    record: Record = {
        "id": hsds_id("organization", organisation.key),
        "name": organisation.name,
        "description": organisation.kind[:1].upper() + organisation.kind[1:],
    }
    if organisation.website:
        record["website"] = organisation.website
    if organisation.business_id:
        record["tax_id"] = organisation.business_id
    return record


def export_document(
    organisations: Mapping[str, Sequence[OrganisationFacts]],
    services: Mapping[str, Sequence[ServiceFacts]],
    terms: Mapping[str, Sequence[Term]],
) -> Record:
    """The whole catalogue in every language (each argument by language), as `seuraamo
    export_hsds` writes it."""
    return {
        "profile": PROFILE,
        "hsds_version": "3.0",
        "languages": {
            language: {
                "organizations": [organisation_record(o) for o in organisations[language]],
                "services": [service_record(s, language) for s in services[language]],
                "taxonomies": [taxonomy_record(key) for key in TAXONOMIES],
                "taxonomy_terms": [taxonomy_term_record(t, language) for t in terms[language]],
            }
            for language in LANGUAGES
        },
    }
