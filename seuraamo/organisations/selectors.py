"""Reads about organisations and the succession rule: a role follows an organisation to every
successor that carries its tasks on a day.

Organisations are few (tens), so a page loads them and their successions once into an
`OrganisationGraph` (two queries) and follows the links in memory."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from seuraamo.organisations.models import Organisation, Succession


@dataclass(frozen=True)
class OrganisationGraph:
    """Every organisation by id, and the succession links between them in both directions."""

    by_id: dict[int, Organisation]
    successor_ids: dict[int, list[int]] = field(default_factory=dict)
    predecessor_ids: dict[int, list[int]] = field(default_factory=dict)
    successions: dict[tuple[int, int], Succession] = field(default_factory=dict)

    @classmethod
    def build(
        cls, organisations: Iterable[Organisation], successions: Iterable[Succession] = ()
    ) -> OrganisationGraph:
        graph = cls({organisation.pk: organisation for organisation in organisations})
        for succession in successions:
            pair = (succession.predecessor_id, succession.successor_id)
            graph.successions[pair] = succession
            graph.successor_ids.setdefault(pair[0], []).append(pair[1])
            graph.predecessor_ids.setdefault(pair[1], []).append(pair[0])
        return graph

    def get(self, pk: int) -> Organisation | None:
        return self.by_id.get(pk)

    def by_key(self, key: str) -> Organisation | None:
        return next((o for o in self.by_id.values() if o.key == key), None)

    def successors_of(self, organisation: Organisation) -> list[Organisation]:
        return [self.by_id[pk] for pk in self.successor_ids.get(organisation.pk, [])]

    def predecessors_of(self, organisation: Organisation) -> list[Organisation]:
        return [self.by_id[pk] for pk in self.predecessor_ids.get(organisation.pk, [])]


def organisation_graph() -> OrganisationGraph:
    """Every organisation and succession, in two queries."""
    return OrganisationGraph.build(
        Organisation.objects.all(), Succession.objects.order_by("date", "id")
    )


def _walk(
    start: Organisation, step: Callable[[Organisation], list[Organisation]]
) -> list[Organisation]:
    """Breadth-first over the links `step` gives, nearest first, each organisation once (cycles end)."""
    found: list[Organisation] = []
    seen = {start.pk}
    frontier = [start]
    while frontier:
        following: list[Organisation] = []
        for organisation in frontier:
            for neighbour in step(organisation):
                if neighbour.pk not in seen:
                    seen.add(neighbour.pk)
                    found.append(neighbour)
                    following.append(neighbour)
        frontier = following
    return found


def successors(organisation: Organisation, graph: OrganisationGraph) -> list[Organisation]:
    """Every organisation the tasks passed to, directly or through others, nearest first."""
    return _walk(organisation, graph.successors_of)


def predecessors(organisation: Organisation, graph: OrganisationGraph) -> list[Organisation]:
    """Every organisation whose tasks passed to this one, directly or through others, nearest first."""
    return _walk(organisation, graph.predecessors_of)


def is_valid_on(organisation: Organisation, day: datetime.date) -> bool:
    """Whether the organisation exists on the day (a plain function: migrations call it with their
    historical models, which have the fields but not the model's methods)."""
    started = organisation.valid_from is None or organisation.valid_from <= day
    not_ended = organisation.valid_until is None or day <= organisation.valid_until
    return started and not_ended


def _latest_valid(
    organisation: Organisation, on: datetime.date, graph: OrganisationGraph, seen: set[int]
) -> list[Organisation]:
    """The organisations furthest down this branch of successions that are valid on the day."""
    found: list[Organisation] = []
    for successor in graph.successors_of(organisation):
        if successor.pk in seen:
            continue
        seen.add(successor.pk)
        found += _latest_valid(successor, on, graph, seen)
    if found:
        return found
    return [organisation] if is_valid_on(organisation, on) else []


def current_organisations(
    organisation: Organisation, on: datetime.date, graph: OrganisationGraph
) -> list[Organisation]:
    """The organisations that carry the role on a day: along every branch of successions, the last
    one valid on that day; the organisation itself when no successor is valid yet."""
    found: list[Organisation] = []
    seen = {organisation.pk}
    for successor in graph.successors_of(organisation):
        if successor.pk not in seen:
            seen.add(successor.pk)
            found += _latest_valid(successor, on, graph, seen)
    unique = list({o.pk: o for o in found}.values())
    return unique or [organisation]


def organisations_on(
    organisations: Iterable[Organisation], on: datetime.date, graph: OrganisationGraph
) -> list[Organisation]:
    """The organisations that carry these organisations' roles on the day, in the given order,
    each once (the TE office's role goes to both employment areas that succeeded it)."""
    found: dict[int, Organisation] = {}
    for organisation in organisations:
        for current in current_organisations(organisation, on, graph):
            found.setdefault(current.pk, current)
    return list(found.values())


def carried_roles_of(
    organisation: Organisation, on: datetime.date, graph: OrganisationGraph
) -> list[Organisation]:
    """The organisation itself and every predecessor whose roles it carries on the day."""
    carried = [
        earlier
        for earlier in predecessors(organisation, graph)
        if any(o.pk == organisation.pk for o in current_organisations(earlier, on, graph))
    ]
    return [organisation, *carried]


@dataclass(frozen=True)
class OrganisationRole:
    """An organisation in a role (goal coordinator, steering-group member) as shown on a page: the
    organisations that carry the role today and, when they differ, the one originally named."""

    current: tuple[Organisation, ...]
    original: Organisation
    role: str = ""
    role_label: str = ""

    @property
    def is_successor(self) -> bool:
        return [o.pk for o in self.current] != [self.original.pk]


def organisation_role(
    organisation: Organisation,
    on: datetime.date,
    graph: OrganisationGraph,
    role: str = "",
    role_label: str = "",
) -> OrganisationRole:
    return OrganisationRole(
        current=tuple(current_organisations(organisation, on, graph)),
        original=organisation,
        role=role,
        role_label=role_label,
    )
