"""Reads for the public programme pages: each page's data in a fixed, small number of queries. The
succession rule (a coordinator role follows an organisation to its successors) is in
`seuraamo.organisations.selectors`; each page loads the organisation graph once."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from seuraamo.core.formatting import month_name
from seuraamo.official_stats.selectors import IndicatorStatus
from seuraamo.organisations.models import Organisation
from seuraamo.organisations.selectors import (
    OrganisationGraph,
    OrganisationRole,
    carried_roles_of,
    current_organisations,
    is_valid_on,
    organisation_graph,
    organisation_role,
    organisations_on,
    predecessors,
    successors,
)
from seuraamo.programmes.indicator_areas import AreaFigure, area_figures, light_label
from seuraamo.programmes.models import (
    CoordinationRole,
    Goal,
    GoalCoordinator,
    Indicator,
    IndicatorTarget,
    Measure,
    Programme,
    ProgrammeSection,
    SteeringGroupMembership,
    Theme,
)


def today() -> datetime.date:
    return timezone.localdate()


def _chronological(organisation: Organisation) -> datetime.date:
    return organisation.valid_until or organisation.valid_from or datetime.date.min


def coordinator_roles(
    coordinators: Iterable[GoalCoordinator], on: datetime.date, graph: OrganisationGraph
) -> list[OrganisationRole]:
    return [
        organisation_role(
            graph.get(coordinator.organisation_id) or coordinator.organisation,
            on,
            graph,
            role=coordinator.role,
            role_label=str(coordinator.get_role_display()),
        )
        for coordinator in coordinators
    ]


# --- programme ----------------------------------------------------------------------------------


def current_programme() -> Programme | None:
    """The programme the public pages show: the newest one."""
    return Programme.objects.order_by("-start_year", "key").first()


def _indicators() -> QuerySet[Indicator]:
    return Indicator.objects.filter(archived_on__isnull=True).prefetch_related("targets")


def _measures() -> QuerySet[Measure]:
    """Current measures with their plan: responsible organisation, milestones, indicators."""
    return (
        Measure.objects.filter(archived_on__isnull=True)
        .select_related("responsible_organisation")
        .prefetch_related(
            "milestones",
            Prefetch(
                "indicators",
                queryset=Indicator.objects.filter(archived_on__isnull=True).select_related(
                    "goal", "theme"
                ),
            ),
        )
    )


def _goals() -> QuerySet[Goal]:
    return Goal.objects.filter(archived_on__isnull=True).prefetch_related(
        Prefetch("coordinators", queryset=GoalCoordinator.objects.select_related("organisation")),
        Prefetch("measures", queryset=_measures()),
        Prefetch("indicators", queryset=_indicators()),
    )


@dataclass(frozen=True)
class ThemeSummary:
    theme: Theme
    goal_count: int
    measure_count: int


@dataclass(frozen=True)
class SteeringGroup:
    programme: Programme
    members: list[OrganisationRole]
    former_members: list[OrganisationRole]


@dataclass(frozen=True)
class HomePage:
    programme: Programme
    themes: list[ThemeSummary]
    steering_group: SteeringGroup


def theme_summaries(programme: Programme) -> list[ThemeSummary]:
    current_goals = Q(goals__archived_on__isnull=True)
    current_measures = current_goals & Q(goals__measures__archived_on__isnull=True)
    themes = programme.themes.filter(archived_on__isnull=True).annotate(
        goal_count=Count("goals", filter=current_goals, distinct=True),
        measure_count=Count("goals__measures", filter=current_measures, distinct=True),
    )
    return [ThemeSummary(theme, theme.goal_count, theme.measure_count) for theme in themes]


def steering_group(
    programme: Programme, on: datetime.date, graph: OrganisationGraph
) -> SteeringGroup:
    members: list[OrganisationRole] = []
    former: list[OrganisationRole] = []
    for membership in programme.steering_group.all():
        organisation = graph.get(membership.organisation_id) or membership.organisation
        ended = membership.valid_until is not None and membership.valid_until < on
        role_label = str(membership.get_role_display())
        if ended:
            former.append(
                OrganisationRole((organisation,), organisation, membership.role, role_label)
            )
        else:
            members.append(organisation_role(organisation, on, graph, membership.role, role_label))
    return SteeringGroup(programme, members, former)


def home_page(on: datetime.date) -> HomePage | None:
    programme = current_programme()
    if programme is None:
        return None
    graph = organisation_graph()
    return HomePage(programme, theme_summaries(programme), steering_group(programme, on, graph))


def steering_group_page(on: datetime.date) -> SteeringGroup | None:
    programme = current_programme()
    if programme is None:
        return None
    return steering_group(programme, on, organisation_graph())


@dataclass(frozen=True)
class ProgrammePage:
    programme: Programme
    themes: list[ThemeSummary]


def programme_page() -> ProgrammePage | None:
    programme = current_programme()
    if programme is None:
        return None
    return ProgrammePage(programme, theme_summaries(programme))


# --- theme and goal -----------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalView:
    goal: Goal
    coordinators: list[OrganisationRole]
    measures: list[Measure]
    indicators: list[Indicator]


@dataclass(frozen=True)
class ThemePage:
    theme: Theme
    goals: list[GoalView]
    indicators: list[IndicatorBlock]
    previous_theme: Theme | None
    next_theme: Theme | None


def _goal_view(goal: Goal, on: datetime.date, graph: OrganisationGraph) -> GoalView:
    return GoalView(
        goal=goal,
        coordinators=coordinator_roles(goal.coordinators.all(), on, graph),
        measures=list(goal.measures.all()),
        indicators=list(goal.indicators.all()),
    )


def theme_page(number: str, on: datetime.date) -> ThemePage | None:
    programme = current_programme()
    if programme is None:
        return None
    theme = (
        Theme.objects.select_related("programme")
        .prefetch_related(
            Prefetch("goals", queryset=_goals()), Prefetch("indicators", queryset=_indicators())
        )
        .filter(programme=programme, number=number, archived_on__isnull=True)
        .first()
    )
    if theme is None:
        return None
    graph = organisation_graph()
    siblings = list(
        Theme.objects.filter(programme=programme, archived_on__isnull=True).only(
            "id", "number", "order"
        )
    )
    position = next(i for i, sibling in enumerate(siblings) if sibling.pk == theme.pk)
    return ThemePage(
        theme=theme,
        goals=[_goal_view(goal, on, graph) for goal in theme.goals.all()],
        indicators=indicator_blocks(list(theme.indicators.all()), programme.start_date),
        previous_theme=siblings[position - 1] if position > 0 else None,
        next_theme=siblings[position + 1] if position + 1 < len(siblings) else None,
    )


@dataclass(frozen=True)
class TargetRow:
    target: IndicatorTarget
    area_name: str


@dataclass(frozen=True)
class IndicatorBlock:
    """An indicator with its current status from the stored statistics, as the pages show it."""

    indicator: Indicator
    status: IndicatorStatus
    #: The region and each employment area side by side (empty unless bound to the region).
    areas: list[AreaFigure] = field(default_factory=list)

    @property
    def light_label(self) -> str:
        return light_label(self.status)

    @property
    def target_rows(self) -> list[TargetRow]:
        """Every yearly target, the employment areas' own ones named by their area."""
        names = {figure.area_code: figure.name.text for figure in self.areas}
        own = names.get(self.indicator.stat_area, "")
        return [
            TargetRow(target, names.get(target.area, target.area) if target.area else own)
            for target in sorted(
                self.indicator.targets.all(),
                key=lambda t: (t.year, t.area != "", t.area),
            )
        ]

    @property
    def shows_areas(self) -> bool:
        """The areas side by side once any of them has a stored value."""
        return any(f.status is not None and f.status.latest_value is not None for f in self.areas)

    @property
    def has_area_targets(self) -> bool:
        return any(target.area for target in self.indicator.targets.all())

    @property
    def latest_month(self) -> str:
        return month_name(self.status.latest_period) if self.status.latest_period else ""

    @property
    def baseline_month(self) -> str:
        period = self.status.baseline_period
        return month_name(period) if period else ""


def indicator_blocks(
    indicators: list[Indicator], programme_start: datetime.date | None
) -> list[IndicatorBlock]:
    statuses, per_area = area_figures(indicators, programme_start)
    return [
        IndicatorBlock(indicator, status, per_area.get(indicator.pk, []))
        for indicator, status in zip(indicators, statuses, strict=True)
    ]


@dataclass(frozen=True)
class GoalPage:
    goal: Goal
    view: GoalView
    indicators: list[IndicatorBlock]


def goal_page(key: str, on: datetime.date) -> GoalPage | None:
    goal = _goals().select_related("theme__programme").filter(key=key).first()
    if goal is None:
        return None
    view = _goal_view(goal, on, organisation_graph())
    return GoalPage(goal, view, indicator_blocks(view.indicators, goal.theme.programme.start_date))


# --- organisations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoordinatedGoal:
    goal: Goal
    role: str
    role_label: str
    via: Organisation | None  # the predecessor originally named, when the role came by succession


@dataclass(frozen=True)
class OrganisationPage:
    organisation: Organisation
    current: list[Organisation]  # itself, or the successors that carry its roles today
    successors: list[Organisation]
    predecessors: list[Organisation]
    coordinated_goals: list[CoordinatedGoal]
    steering_group_roles: list[SteeringGroupMembership]

    @property
    def history(self) -> list[Organisation]:
        """Predecessors (earliest first), the organisation itself, then its successors."""
        return [*sorted(self.predecessors, key=_chronological), self.organisation, *self.successors]

    @property
    def is_succeeded(self) -> bool:
        return [o.pk for o in self.current] != [self.organisation.pk]


def organisation_page(key: str, on: datetime.date) -> OrganisationPage | None:
    graph = organisation_graph()
    organisation = graph.by_key(key)
    if organisation is None:
        return None
    holders = {o.pk for o in carried_roles_of(organisation, on, graph)}
    coordinations = (
        GoalCoordinator.objects.filter(organisation_id__in=holders, goal__archived_on__isnull=True)
        .select_related("goal__theme")
        .order_by("goal__theme__order", "goal__theme__number", "goal__order", "goal_id")
    )
    coordinated = [
        CoordinatedGoal(
            goal=c.goal,
            role=c.role,
            role_label=str(c.get_role_display()),
            via=None if c.organisation_id == organisation.pk else graph.by_id[c.organisation_id],
        )
        for c in coordinations
    ]
    # Its own memberships, and those of its predecessors that are still running (passed on to it).
    inherited = Q(organisation_id__in=holders - {organisation.pk}) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=on)
    )
    memberships = list(
        SteeringGroupMembership.objects.filter(
            Q(organisation=organisation) | inherited
        ).select_related("programme")
    )
    for membership in memberships:
        membership.organisation = graph.by_id[membership.organisation_id]
    return OrganisationPage(
        organisation=organisation,
        current=current_organisations(organisation, on, graph),
        successors=successors(organisation, graph),
        predecessors=predecessors(organisation, graph),
        coordinated_goals=coordinated,
        steering_group_roles=memberships,
    )


@dataclass(frozen=True)
class OrganisationListEntry:
    organisation: Organisation
    current: list[Organisation]

    @property
    def is_succeeded(self) -> bool:
        return [o.pk for o in self.current] != [self.organisation.pk]


@dataclass(frozen=True)
class OrganisationList:
    active: list[OrganisationListEntry]
    former: list[OrganisationListEntry]
    upcoming: list[OrganisationListEntry]


def coordinating_organisations_on(
    goal: Goal, on: datetime.date, graph: OrganisationGraph | None = None
) -> list[Organisation]:
    """The organisations that coordinate the goal on a day: its coordinators (not partners), each
    followed through succession to the organisations valid then, in the goal's order."""
    graph = graph or organisation_graph()
    named = [
        graph.by_id[c.organisation_id]
        for c in goal.coordinators.filter(role=CoordinationRole.COORDINATOR).order_by("order", "id")
    ]
    return organisations_on(named, on, graph)


def organisation_list(on: datetime.date) -> OrganisationList:
    graph = organisation_graph()
    groups: dict[str, list[OrganisationListEntry]] = {"active": [], "former": [], "upcoming": []}
    for organisation in graph.by_id.values():
        if is_valid_on(organisation, on):
            group = "active"
        elif organisation.valid_from is not None and organisation.valid_from > on:
            group = "upcoming"
        else:
            group = "former"
        groups[group].append(
            OrganisationListEntry(organisation, current_organisations(organisation, on, graph))
        )
    return OrganisationList(**groups)


# --- measures -----------------------------------------------------------------------------------


def measure_indicator_blocks(measure_ids: Iterable[int]) -> dict[int, list[IndicatorBlock]]:
    """The indicators each measure is meant to move, with their latest values (by measure id), for
    the report forms: three queries and each statistics table read once, however many measures."""
    through = Measure.indicators.through.objects.filter(
        measure_id__in=list(measure_ids), indicator__archived_on__isnull=True
    ).values_list("measure_id", "indicator_id")
    links = list(through)
    if not links:
        return {}
    indicators = {i.pk: i for i in _indicators().filter(pk__in={i for _m, i in links})}
    programme = current_programme()
    blocks = {
        block.indicator.pk: block
        for block in indicator_blocks(
            list(indicators.values()), programme.start_date if programme else None
        )
    }
    found: dict[int, list[IndicatorBlock]] = {}
    for measure_id, indicator_id in links:
        found.setdefault(measure_id, []).append(blocks[indicator_id])
    for rows in found.values():
        rows.sort(key=lambda block: (block.indicator.order, block.indicator.pk))
    return found


@dataclass(frozen=True)
class ServiceSystemPage:
    """The service system's sections in order (chapter 3 of the programme), one query."""

    sections: list[ProgrammeSection]
    #: Where the texts come from (the programme document's chapter), each once.
    sources: list[str]


def service_system_page() -> ServiceSystemPage:
    sections = list(ProgrammeSection.objects.order_by("order", "key"))
    sources = list(dict.fromkeys(section.source for section in sections if section.source))
    return ServiceSystemPage(sections=sections, sources=sources)


def programme_section(key: str) -> ProgrammeSection | None:
    return ProgrammeSection.objects.filter(key=key).first()


def measure_to_edit(key: str) -> Measure | None:
    """The programme's measure with this key, with its goal and theme, unless archived."""
    return (
        Measure.objects.select_related("goal__theme")
        .filter(key=key, archived_on__isnull=True)
        .first()
    )
