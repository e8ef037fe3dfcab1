"""What the HSDS export reads from the catalogue: the exported services, organisations and
locations (a fixed number of queries), each turned into :mod:`.mapping`'s plain values in one
language (texts in it or the Finnish fallback, choice labels translated)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import translation

from seuraamo.catalogue import hours
from seuraamo.catalogue.guide import municipality_names
from seuraamo.catalogue.hsds import mapping
from seuraamo.catalogue.hsds.mapping import (
    Area,
    LocationFacts,
    OrganisationFacts,
    Phone,
    ServiceFacts,
    Term,
)
from seuraamo.catalogue.models import (
    Channel,
    ChannelKind,
    Service,
    ServiceLevel,
    TargetGroup,
)
from seuraamo.core.translation import localized
from seuraamo.organisations.models import Organisation

#: The catalogue's choices behind the profile's taxonomies.
CHOICES = {"target_group": TargetGroup, "service_level": ServiceLevel}


def exported_services() -> QuerySet[Service]:
    return (
        Service.objects.filter(status__in=list(mapping.STATUS))
        .select_related("responsible")
        .prefetch_related("channels")
        .order_by("key")
    )


def exported_organisations() -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(responsible_services__status__in=list(mapping.STATUS))
        .distinct()
        .order_by("key")
    )


def exported_locations() -> QuerySet[Channel]:
    """The location channels of the exported services, for /service_at_locations."""
    return (
        Channel.objects.filter(kind=ChannelKind.LOCATION, service__status__in=list(mapping.STATUS))
        .select_related("service")
        .order_by("service__key", "id")
    )


def term(taxonomy: str, code: object, language: str) -> Term:
    with translation.override(language):
        label = str(CHOICES[taxonomy](code).label)
    return Term(taxonomy, str(code), label)


def term_codes() -> list[tuple[str, object]]:
    """(taxonomy, value) of every term of the profile's taxonomies, in the order of the
    taxonomies and choices."""
    return [
        (taxonomy, code) for taxonomy in mapping.TAXONOMIES for code in CHOICES[taxonomy].values
    ]


def terms(language: str) -> list[Term]:
    return [term(taxonomy, code, language) for taxonomy, code in term_codes()]


def profile_terms() -> dict[str, tuple[str, str]]:
    """Every term id of the profile's taxonomies → (taxonomy key, code), for the import."""
    return mapping.profile_terms({key: choices.values for key, choices in CHOICES.items()})


def _text(obj: object, field: str, language: str) -> str:
    return localized(obj, field, language).text


def service_facts(service: Service, language: str) -> ServiceFacts:
    channels = list(service.channels.all())
    web = [c for c in channels if c.kind in (ChannelKind.WEB, ChannelKind.E_SERVICE)]
    return ServiceFacts(
        key=service.key,
        responsible_key=service.responsible.key,
        name=_text(service, "name", language),
        description=_text(service, "description", language),
        summary=_text(service, "summary", language),
        status=service.status,
        url=web[0].url if web else "",
        eligibility_note=service.eligibility_note,
        min_age=service.min_age,
        max_age=service.max_age,
        assured_date=service.last_verified if service.verified else None,
        cost=service.cost,
        languages=list(service.languages),
        areas=_areas(service, language),
        phones=[Phone(c.pk, c.phone) for c in channels if c.kind == ChannelKind.PHONE],
        locations=[
            location_facts(c, language, service.key)
            for c in channels
            if c.kind == ChannelKind.LOCATION
        ],
        terms=[
            term("service_level", service.level, language),
            *(term("target_group", group, language) for group in service.target_groups),
        ],
    )


def _areas(service: Service, language: str) -> list[Area]:
    if service.nationwide:
        with translation.override(language):
            return [Area("nationwide", str(translation.gettext("Nationwide")))]
    names = municipality_names()
    return [
        Area(
            code,
            names.get(code, {}).get(language) or names.get(code, {}).get("fi", code),
            f"Statistics Finland municipality code {code}",
        )
        for code in service.municipalities
    ]


def location_facts(
    channel: Channel, language: str, service_key: str | None = None
) -> LocationFacts:
    """A location channel; `service_key` saves reading the service when it is known."""
    return LocationFacts(
        channel_id=channel.pk,
        service_key=service_key or channel.service.key,
        name=_text(channel, "name", language),
        latitude=float(channel.latitude) if channel.latitude is not None else None,
        longitude=float(channel.longitude) if channel.longitude is not None else None,
        accessibility=channel.accessibility,
        street_address=channel.street_address,
        postal_code=channel.postal_code,
        post_office=channel.post_office,
        weekly_hours=channel.weekly_hours,
        hours_text=hours.format_hours(channel.weekly_hours, language),
        hours_notes=_hours_notes(channel, language),
    )


def _hours_notes(channel: Channel, language: str) -> str:
    """The exceptions to the week in one language: "Suljettu 24.12.2026. Ajanvarauksella." """
    notes = []
    if channel.closed_dates:
        with translation.override(language):
            notes.append(
                translation.gettext("Closed on %(dates)s.")
                % {"dates": hours.format_dates(channel.closed_dates)}
            )
    note = _text(channel, "hours_note", language)
    if note:
        notes.append(note[:1].upper() + note[1:] + ("" if note.endswith(".") else "."))
    return " ".join(notes)


def organisation_facts(organisation: Organisation, language: str) -> OrganisationFacts:
    with translation.override(language):
        kind = str(organisation.get_kind_display())
    return OrganisationFacts(
        key=organisation.key,
        name=_text(organisation, "name", language),
        kind=kind,
        website=organisation.website,
        business_id=organisation.business_id,
    )


def export_document() -> mapping.Record:
    """The whole catalogue in every language, as `seuraamo export_hsds` writes it."""
    services = list(exported_services())
    organisations = list(exported_organisations())
    return mapping.export_document(
        organisations={
            language: [organisation_facts(o, language) for o in organisations]
            for language in mapping.LANGUAGES
        },
        services={
            language: [service_facts(s, language) for s in services]
            for language in mapping.LANGUAGES
        },
        terms={language: terms(language) for language in mapping.LANGUAGES},
    )
