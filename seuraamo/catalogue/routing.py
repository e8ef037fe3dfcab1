"""Which organisation serves a municipality on a day: read from the organisations' own data, never
written in code.

An organisation serves the municipalities it lists (`Organisation.municipalities`; an empty list:
no limit, e.g. Kela) from `valid_from` to `valid_until`. So Kotka, Hamina, Miehikkälä, Pyhtää and
Virolahti have been served by Etelä-Kymenlaakson työllisyysalue and Kouvola by Kouvolan
työllisyysalue since 1.1.2025, and by Kaakkois-Suomen TE-toimisto before, because the programme's
organisation file says so (`programmes/data/kymenlaakso.yaml`, the same division as the statistics'
employment areas TA04 and TA16, `areas/region.py`). A service is offered in a municipality on a day
when its own area holds the municipality and one of its organisations — the responsible one first,
then the producers — serves it that day; that organisation is the provider the guide names.

Organisations are tens of rows: these are plain functions over objects already loaded."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from seuraamo.catalogue.models import Service
from seuraamo.organisations.models import Organisation, OrganisationKind, Succession
from seuraamo.organisations.selectors import is_valid_on


def serves_on(organisation: Organisation, municipality: str, on: datetime.date) -> bool:
    """Whether the organisation serves the municipality on the day."""
    listed = not organisation.municipalities or municipality in organisation.municipalities
    return listed and is_valid_on(organisation, on)


def service_organisations(service: Service) -> list[Organisation]:
    """The responsible organisation, then the producers (prefetch `producers` for many services)."""
    others = [o for o in service.producers.all() if o.pk != service.responsible_id]
    return [service.responsible, *sorted(others, key=lambda o: o.name_fi)]


def provider_for(service: Service, municipality: str, on: datetime.date) -> Organisation | None:
    """The organisation that gives the service in the municipality on the day, or None when the
    service is not offered there then."""
    if not service.serves(municipality):
        return None
    return next((o for o in service_organisations(service) if serves_on(o, municipality, on)), None)


def providers_by_municipality(
    service: Service, on: datetime.date
) -> list[tuple[Organisation, list[str]]]:
    """For the service page: each provider with the municipalities of the service's area it serves
    on the day, in the order of `service_organisations`. Empty for a nationwide service."""
    if service.nationwide:
        return []
    found: dict[int, tuple[Organisation, list[str]]] = {}
    for code in service.municipalities:
        provider = provider_for(service, code, on)
        if provider is not None:
            found.setdefault(provider.pk, (provider, []))[1].append(code)
    return list(found.values())


def employment_authorities(
    municipality: str,
    on: datetime.date,
    organisations: Iterable[Organisation] | None = None,
    successions: Iterable[Succession] | None = None,
) -> list[Organisation]:
    """Where a person or an employer of the municipality asks when no service fits: the employment
    area serving it on the day; before the employment areas began, the organisation whose tasks
    passed to one of them for this municipality (Kaakkois-Suomen TE-toimisto until 31.12.2024)."""
    every = list(Organisation.objects.all() if organisations is None else organisations)
    areas = [
        o
        for o in every
        if o.kind == OrganisationKind.EMPLOYMENT_AREA
        and o.municipalities
        and serves_on(o, municipality, on)
    ]
    if areas:
        return areas
    links = list(
        Succession.objects.select_related("predecessor", "successor")
        if successions is None
        else successions
    )
    return list(
        {
            link.predecessor.pk: link.predecessor
            for link in links
            if link.successor.kind == OrganisationKind.EMPLOYMENT_AREA
            and (not link.municipalities or municipality in link.municipalities)
            and serves_on(link.predecessor, municipality, on)
        }.values()
    )
