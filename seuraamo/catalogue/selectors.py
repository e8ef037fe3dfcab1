"""Reads for the catalogue pages: the filtered and searched service list, one service, the service
providers (who does what), and the services serving a programme goal (used by the goal page
through a template tag, so the programmes app does not import the catalogue)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from seuraamo.catalogue import search
from seuraamo.catalogue.guide import municipality_choices, municipality_name, need_label
from seuraamo.catalogue.models import (
    GuideDemand,
    Service,
    ServiceLevel,
    ServiceStatus,
    TargetGroup,
)
from seuraamo.core.translation import active_content_language
from seuraamo.organisations.models import Organisation
from seuraamo.programmes.models import Goal, Theme


@dataclass(frozen=True)
class Filters:
    query: str = ""
    target_group: str = ""
    municipality: str = ""
    level: str = ""
    provider: str = ""
    theme: str = ""

    @classmethod
    def from_query(cls, params: dict[str, str]) -> Filters:
        def pick(name: str, allowed: set[str]) -> str:
            value = (params.get(name) or "").strip()
            return value if value in allowed else ""

        return cls(
            query=(params.get("q") or "").strip()[:200],
            target_group=pick("target", set(TargetGroup.values)),
            municipality=pick("municipality", {code for code, _name in municipality_choices()}),
            level=pick("level", {str(value) for value in ServiceLevel.values}),
            provider=(params.get("provider") or "").strip()[:80],
            theme=(params.get("theme") or "").strip()[:20],
        )

    @property
    def active(self) -> bool:
        return any(
            (
                self.query,
                self.target_group,
                self.municipality,
                self.level,
                self.provider,
                self.theme,
            )
        )


@dataclass
class CatalogueList:
    filters: Filters
    services: list[Service]
    providers: list[Organisation] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    municipalities: list[tuple[str, str]] = field(default_factory=list)


def published_services() -> QuerySet[Service]:
    return Service.objects.filter(status=ServiceStatus.PUBLISHED).select_related("responsible")


def search_services(services: QuerySet[Service], query: str, language: str) -> QuerySet[Service]:
    """Every query word must begin a stored word of the service's search column in this language."""
    column = f"search_{language}"
    for variants in search.query_terms(query, {language, "fi"}):
        condition = Q()
        for variant in variants:
            condition |= Q(**{f"{column}__contains": f" {variant}"})
        services = services.filter(condition)
    return services


def catalogue_list(filters: Filters) -> CatalogueList:
    services = published_services()
    if filters.query:
        services = search_services(services, filters.query, active_content_language())
    if filters.target_group:
        # JSON list membership, written so SQLite and PostgreSQL read it alike.
        services = services.filter(target_groups__icontains=f'"{filters.target_group}"')
    if filters.level:
        services = services.filter(level=int(filters.level))
    if filters.provider:
        services = services.filter(
            Q(responsible__key=filters.provider) | Q(producers__key=filters.provider)
        )
    if filters.theme:
        services = services.filter(
            Q(goals__theme__number=filters.theme) | Q(measures__goal__theme__number=filters.theme)
        )
    found = list(services.distinct().order_by("level", "name_fi"))
    if filters.municipality:
        found = [service for service in found if service.serves(filters.municipality)]
    return CatalogueList(
        filters=filters,
        services=found,
        providers=list(
            Organisation.objects.filter(
                Q(responsible_services__status=ServiceStatus.PUBLISHED)
                | Q(produced_services__status=ServiceStatus.PUBLISHED)
            )
            .distinct()
            .order_by("name_fi")
        ),
        themes=list(
            Theme.objects.filter(
                Q(goals__services__status=ServiceStatus.PUBLISHED)
                | Q(goals__measures__services__status=ServiceStatus.PUBLISHED)
            )
            .distinct()
            .order_by("order", "number")
        ),
        municipalities=municipality_choices(),
    )


def review_due_filter(today: datetime.date) -> Q:
    """Services an editor should check: never verified, or last verified over 12 months ago."""
    year_ago = today - datetime.timedelta(days=365)
    return Q(verified=False) | Q(last_verified__isnull=True) | Q(last_verified__lt=year_ago)


@dataclass(frozen=True)
class EditingQueue:
    due: list[Service]
    current: list[Service]


def editing_queue(services: QuerySet[Service], today: datetime.date) -> EditingQueue:
    """An editor's services split into those due for review and the rest, each by name."""
    ordered = services.select_related("responsible").order_by("name_fi")
    due_ids = set(ordered.filter(review_due_filter(today)).values_list("pk", flat=True))
    found = list(ordered)
    return EditingQueue(
        due=[service for service in found if service.pk in due_ids],
        current=[service for service in found if service.pk not in due_ids],
    )


def service_page(key: str) -> Service | None:
    """A published or outdated service with what its page shows; the services it is reached
    through only where they are published (a draft has no page to link to)."""
    return (
        Service.objects.filter(key=key)
        .exclude(status=ServiceStatus.DRAFT)
        .select_related("responsible", "verified_by")
        .prefetch_related(
            "producers",
            "channels",
            "goals__theme",
            "measures__goal",
            Prefetch(
                "reached_through",
                queryset=Service.objects.filter(status=ServiceStatus.PUBLISHED).order_by("name_fi"),
            ),
        )
        .first()
    )


@dataclass(frozen=True)
class ServiceProvider:
    """An organisation that provides services: those it is responsible for and those it takes
    part in producing."""

    organisation: Organisation
    responsible_for: list[Service]
    produces: list[Service]


def service_for_editing(key: str) -> Service | None:
    """The service by key, drafts included, for its edit form (the rules decide who may edit)."""
    return Service.objects.filter(key=key).first()


def service_providers() -> list[ServiceProvider]:
    """Who does what: each organisation with the published services it is responsible for or produces."""
    services = list(published_services().prefetch_related("producers"))
    by_organisation: dict[int, ServiceProvider] = {}
    for service in services:
        entry = by_organisation.setdefault(
            service.responsible_id, ServiceProvider(service.responsible, [], [])
        )
        entry.responsible_for.append(service)
        for producer in service.producers.all():
            if producer.pk == service.responsible_id:
                continue
            entry = by_organisation.setdefault(producer.pk, ServiceProvider(producer, [], []))
            entry.produces.append(service)
    return sorted(by_organisation.values(), key=lambda provider: provider.organisation.name_fi)


def services_of_organisation(organisation: Organisation) -> list[Service]:
    """Published services the organisation is responsible for or takes part in producing."""
    return list(
        published_services()
        .filter(Q(responsible=organisation) | Q(producers=organisation))
        .distinct()
        .order_by("level", "name_fi")
    )


def services_for_goal(goal: Goal) -> list[Service]:
    """Published services that serve the goal or one of its measures."""
    return list(
        published_services()
        .filter(Q(goals=goal) | Q(measures__goal=goal))
        .distinct()
        .order_by("level", "name_fi")
    )


#: Counts below this are shown as "< 5": a small municipality's rare need could point at a person.
SMALLEST_SHOWN = 5
DEMAND_MONTHS = 12


def shown_count(count: int) -> str:
    """A count as the demand page shows it: 1–4 as "< 5", so no one's use can be singled out."""
    return f"< {SMALLEST_SHOWN}" if 0 < count < SMALLEST_SHOWN else str(count)


@dataclass(frozen=True)
class DemandRow:
    municipality: str
    need: str
    uses: str
    unmatched: str


@dataclass(frozen=True)
class DemandMonth:
    month: datetime.date
    rows: list[DemandRow]
    #: The needs (and municipalities) for which the guide found no service that month.
    unmatched: list[DemandRow]


def guide_demand(today: datetime.date, months: int = DEMAND_MONTHS) -> list[DemandMonth]:
    """The guide's counts of the last `months` months, newest first, each need × municipality in
    the page's language with its counts shown as `shown_count` gives them. No totals: a total
    beside counts shown as "< 5" would give them away."""
    first = today.replace(day=1)
    for _step in range(months - 1):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    by_month: dict[datetime.date, list[DemandRow]] = {}
    raw_unmatched: dict[datetime.date, list[DemandRow]] = {}
    for item in GuideDemand.objects.filter(month__gte=first).order_by("-month"):
        row = DemandRow(
            municipality=municipality_name(item.municipality),
            need=need_label(item.need) if item.need else _("no need chosen"),
            uses=shown_count(item.uses),
            unmatched=shown_count(item.unmatched),
        )
        by_month.setdefault(item.month, []).append(row)
        if item.unmatched:
            raw_unmatched.setdefault(item.month, []).append(row)
    order = lambda row: (row.municipality, row.need)  # noqa: E731
    return [
        DemandMonth(
            month=month,
            rows=sorted(rows, key=order),
            unmatched=sorted(raw_unmatched.get(month, []), key=order),
        )
        for month, rows in by_month.items()
    ]
