"""The catalogue as Open Referral HSDS 3.0 records (services, organizations, service_at_locations,
taxonomies and taxonomy_terms), for the API at /api/hsds/ and `seuraamo export_hsds FILE`.

Profile "Seuraamo HSDS-FI" (docs/architecture.md): one record set per language (fi, sv, en); text fields
are in the requested language with the Finnish text where a translation is missing. Ids are UUID 5 names
of the catalogue's keys, so they stay the same across exports. Only published and outdated services are
exported (outdated as "inactive"); drafts are not. Not-verified services carry no `assured_date`.
Target groups and service levels are the profile's two taxonomies; a service links to its terms
through `attributes` (link_type "target_group" and "service_level")."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils import translation

from seuraamo.catalogue.guide import municipality_names
from seuraamo.catalogue.models import (
    Channel,
    ChannelKind,
    Service,
    ServiceLevel,
    ServiceStatus,
    TargetGroup,
)
from seuraamo.core.translation import localized
from seuraamo.organisations.models import Organisation

NAMESPACE = uuid.UUID("6f1c1d0e-5b1a-4a57-9f3e-2d4f7c0b9a11")
LANGUAGES = ("fi", "sv", "en")
LANGUAGE_NAMES = {"fi": "Finnish", "sv": "Swedish", "en": "English"}
PROFILE = "seuraamo-hsds-fi/1 (described in docs/architecture.md, section HSDS export)"
STATUS = {ServiceStatus.PUBLISHED: "active", ServiceStatus.OUTDATED: "inactive"}
Record = dict[str, Any]


def hsds_id(kind: str, key: object) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


# The profile's taxonomies: key → (name, description, the catalogue's choices).
TAXONOMIES = {
    "target_group": (
        "Seuraamo target groups",
        "Whom a service is for, as the Kymenlaakso service catalogue groups its clients.",
        TargetGroup,
    ),
    "service_level": (
        "Seuraamo service levels",
        "The level of a service, from 0 self-service to 4 specialised service: clients are guided "
        "first to the right level.",
        ServiceLevel,
    ),
}


def taxonomy_record(key: str, language: str) -> Record:
    name, description, _choices = TAXONOMIES[key]
    return {
        "id": hsds_id("taxonomy", key),
        "name": name,
        "description": description,
        "version": "1",
    }


def taxonomy_term_record(taxonomy: str, code: object, language: str) -> Record:
    _name, _description, choices = TAXONOMIES[taxonomy]
    with translation.override(language):
        label = str(choices(code).label)
    name = f"{code} – {label}" if taxonomy == "service_level" else label
    return {
        "id": hsds_id("taxonomy_term", f"{taxonomy}:{code}"),
        "code": str(code),
        "name": name[:1].upper() + name[1:],
        "description": name[:1].upper() + name[1:],
        "taxonomy": TAXONOMIES[taxonomy][0],
        "taxonomy_id": hsds_id("taxonomy", taxonomy),
        "language": language,
    }


def profile_terms() -> dict[str, tuple[str, object]]:
    """Every term id of the profile's taxonomies → (taxonomy key, code), for the import."""
    return {
        hsds_id("taxonomy_term", f"{key}:{value}"): (key, value)
        for key, (_name, _description, choices) in TAXONOMIES.items()
        for value in choices.values
    }


def taxonomy_terms(language: str) -> list[Record]:
    return [
        taxonomy_term_record(key, value, language)
        for key, (_name, _description, choices) in TAXONOMIES.items()
        for value in choices.values
    ]


def _attributes(service: Service, service_id: str, language: str) -> list[Record]:
    links = [("service_level", service.level)]
    links += [("target_group", group) for group in service.target_groups]
    attributes = []
    for taxonomy, code in links:
        term = taxonomy_term_record(taxonomy, code, language)
        attributes.append(
            {
                "id": hsds_id("attribute", f"{service.key}:{taxonomy}:{code}"),
                "link_id": service_id,
                "link_type": taxonomy,
                "link_entity": "service",
                "taxonomy_term_id": term["id"],
                "taxonomy_term": term,
            }
        )
    return attributes


def _text(obj: object, field: str, language: str) -> str:
    return localized(obj, field, language).text


def exported_services() -> Any:
    return (
        Service.objects.filter(status__in=list(STATUS))
        .select_related("responsible")
        .prefetch_related("channels")
        .order_by("key")
    )


def exported_organisations() -> Any:
    return (
        Organisation.objects.filter(responsible_services__status__in=list(STATUS))
        .distinct()
        .order_by("key")
    )


def service_record(service: Service, language: str) -> Record:
    service_id = hsds_id("service", service.key)
    record: Record = {
        "id": service_id,
        "organization_id": hsds_id("organization", service.responsible.key),
        "name": _text(service, "name", language),
        "status": STATUS[service.status],
    }
    description = _text(service, "description", language) or _text(service, "summary", language)
    if description:
        record["description"] = description
    web = [c for c in service.channels.all() if c.kind in (ChannelKind.WEB, ChannelKind.E_SERVICE)]
    if web:
        record["url"] = web[0].url
    if service.eligibility_note:
        record["eligibility_description"] = service.eligibility_note
    if service.min_age is not None:
        record["minimum_age"] = service.min_age
    if service.max_age is not None:
        record["maximum_age"] = service.max_age
    if service.verified and service.last_verified:
        record["assured_date"] = service.last_verified.isoformat()
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
    record["service_areas"] = _service_areas(service, service_id, language)
    record["phones"] = [
        {
            "id": hsds_id("phone", channel.pk),
            "service_id": service_id,
            "number": channel.phone,
        }
        for channel in service.channels.all()
        if channel.kind == ChannelKind.PHONE
    ]
    record["service_at_locations"] = [
        service_at_location_record(channel, language)
        for channel in service.channels.all()
        if channel.kind == ChannelKind.LOCATION
    ]
    record["attributes"] = _attributes(service, service_id, language)
    return record


def _service_areas(service: Service, service_id: str, language: str) -> list[Record]:
    if service.nationwide:
        with translation.override(language):
            name = str(translation.gettext("Nationwide"))
        return [
            {
                "id": hsds_id("area", f"{service.key}:nationwide"),
                "service_id": service_id,
                "name": name,
            }
        ]
    names = municipality_names()
    return [
        {
            "id": hsds_id("area", f"{service.key}:{code}"),
            "service_id": service_id,
            "name": names.get(code, {}).get(language) or names.get(code, {}).get("fi", code),
            "description": f"Statistics Finland municipality code {code}",
        }
        for code in service.municipalities
    ]


def exported_locations() -> Any:
    """The location channels of the exported services, for /service_at_locations."""
    return (
        Channel.objects.filter(kind=ChannelKind.LOCATION, service__status__in=list(STATUS))
        .select_related("service")
        .order_by("service__key", "id")
    )


def service_at_location_record(channel: Channel, language: str) -> Record:
    service_id = hsds_id("service", channel.service.key)
    location_id = hsds_id("location", channel.pk)
    location: Record = {"id": location_id, "location_type": "physical"}
    name = _text(channel, "name", language)
    if name:
        location["name"] = name
    if channel.latitude is not None and channel.longitude is not None:
        location["latitude"] = float(channel.latitude)
        location["longitude"] = float(channel.longitude)
    if channel.accessibility:
        location["accessibility"] = [
            {
                "id": hsds_id("accessibility", channel.pk),
                "location_id": location_id,
                "description": channel.accessibility,
            }
        ]
    if channel.street_address and channel.postal_code and channel.post_office:
        location["addresses"] = [
            {
                "id": hsds_id("address", channel.pk),
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
        "id": hsds_id("service_at_location", channel.pk),
        "service_id": service_id,
        "location_id": location_id,
        "location": location,
    }
    if channel.opening_hours:
        record["schedules"] = [
            {
                "id": hsds_id("schedule", channel.pk),
                "service_at_location_id": record["id"],
                "description": channel.opening_hours,
            }
        ]
    return record


def organisation_record(organisation: Organisation, language: str) -> Record:
    with translation.override(language):
        kind = str(organisation.get_kind_display())
    record: Record = {
        "id": hsds_id("organization", organisation.key),
        "name": _text(organisation, "name", language),
        "description": kind[:1].upper() + kind[1:],
    }
    if organisation.website:
        record["website"] = organisation.website
    if organisation.business_id:
        record["tax_id"] = organisation.business_id
    return record


def export_document() -> Record:
    """The whole catalogue in every language, as `seuraamo export_hsds` writes it."""
    services = list(exported_services())
    organisations = list(exported_organisations())
    return {
        "profile": PROFILE,
        "hsds_version": "3.0",
        "languages": {
            language: {
                "organizations": [organisation_record(o, language) for o in organisations],
                "services": [service_record(s, language) for s in services],
                "taxonomies": [taxonomy_record(key, language) for key in TAXONOMIES],
                "taxonomy_terms": taxonomy_terms(language),
            }
            for language in LANGUAGES
        },
    }
