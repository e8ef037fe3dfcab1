"""The succession rule: a role follows an organisation to every successor valid on the day asked."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from seuraamo.organisations import selectors
from seuraamo.organisations.models import Organisation, Succession
from seuraamo.organisations.selectors import OrganisationGraph
from seuraamo.programmes.models import GoalCoordinator
from seuraamo.programmes.selectors import coordinator_roles

D = datetime.date


def org(pk: int, name: str, *, start: D | None = None, end: D | None = None) -> Organisation:
    return Organisation(
        pk=pk, key=f"org-{pk}", name_fi=name, kind="state_agency", valid_from=start, valid_until=end
    )


LINKS = [(1, 2), (1, 11), (3, 4), (5, 6), (6, 7), (8, 9), (9, 8), (12, 13), (12, 14), (13, 15)]


@pytest.fixture
def graph() -> OrganisationGraph:
    """TE-toimisto (until 2024) → two employment areas (2025–); ELY (until 2025) → elinvoimakeskus
    (2026–); a chain A → B → C; a cycle X ↔ Y that bad data could make; and a split P → Q, R where
    Q passes on to S and R has not started."""
    organisations = [
        org(1, "Kaakkois-Suomen TE-toimisto", end=D(2024, 12, 31)),
        org(2, "Etelä-Kymenlaakson työllisyysalue", start=D(2025, 1, 1)),
        org(11, "Kouvolan työllisyysalue", start=D(2025, 1, 1)),
        org(3, "Kaakkois-Suomen ELY-keskus", end=D(2025, 12, 31)),
        org(4, "Kaakkois-Suomen elinvoimakeskus", start=D(2026, 1, 1)),
        org(5, "A", end=D(2019, 12, 31)),
        org(6, "B", start=D(2020, 1, 1), end=D(2022, 12, 31)),
        org(7, "C", start=D(2023, 1, 1)),
        org(8, "X", end=D(2020, 1, 1)),
        org(9, "Y", start=D(2030, 1, 1)),
        org(10, "Kela"),
        org(12, "P", end=D(2020, 12, 31)),
        org(13, "Q", start=D(2021, 1, 1), end=D(2022, 12, 31)),
        org(14, "R", start=D(2040, 1, 1)),
        org(15, "S", start=D(2023, 1, 1)),
    ]
    links = [Succession(predecessor_id=a, successor_id=b) for a, b in LINKS]
    return OrganisationGraph.build(organisations, links)


@pytest.mark.parametrize(
    ("pk", "day", "expected"),
    [
        (3, D(2025, 12, 31), [3]),  # the ELY centre on its last day
        (3, D(2026, 1, 1), [4]),  # the elinvoimakeskus from its first day
        (4, D(2026, 11, 28), [4]),  # a successor is its own current organisation
        (1, D(2024, 6, 1), [1]),
        (1, D(2025, 1, 1), [2, 11]),  # both employment areas carry the TE office's roles
        (5, D(2019, 6, 1), [5]),
        (5, D(2021, 6, 1), [6]),  # the chain is followed as far as is valid on the day
        (5, D(2024, 6, 1), [7]),
        (10, D(2026, 1, 1), [10]),  # no successor
        (8, D(2025, 1, 1), [8]),  # the successor has not started: the original stays
        (8, D(2031, 1, 1), [9]),  # a cycle ends the walk instead of looping
        (12, D(2022, 1, 1), [13]),  # of a split, only the branch that has started
        (12, D(2024, 1, 1), [15]),
    ],
)
def test_current_organisations(
    graph: OrganisationGraph, pk: int, day: D, expected: list[int]
) -> None:
    found = selectors.current_organisations(graph.by_id[pk], day, graph)
    assert [o.pk for o in found] == expected


def test_successors_and_predecessors(graph: OrganisationGraph) -> None:
    assert [o.pk for o in selectors.successors(graph.by_id[5], graph)] == [6, 7]
    assert [o.pk for o in selectors.successors(graph.by_id[8], graph)] == [9]
    assert [o.pk for o in selectors.predecessors(graph.by_id[7], graph)] == [6, 5]
    assert [o.pk for o in selectors.predecessors(graph.by_id[11], graph)] == [1]
    assert selectors.predecessors(graph.by_id[10], graph) == []


def test_roles_carried_on_a_day(graph: OrganisationGraph) -> None:
    kouvola = graph.by_id[11]
    assert [o.pk for o in selectors.carried_roles_of(kouvola, D(2026, 1, 1), graph)] == [11, 1]
    assert [o.pk for o in selectors.carried_roles_of(kouvola, D(2024, 1, 1), graph)] == [11]


def test_organisation_role_keeps_the_original(graph: OrganisationGraph) -> None:
    ely = graph.by_id[3]
    role = selectors.organisation_role(ely, D(2026, 3, 1), graph, "coordinator", "koordinoija")
    assert [o.name_fi for o in role.current] == ["Kaakkois-Suomen elinvoimakeskus"]
    assert role.original.name_fi == "Kaakkois-Suomen ELY-keskus"
    assert role.is_successor
    assert not selectors.organisation_role(ely, D(2025, 3, 1), graph).is_successor


def test_coordinator_roles(graph: OrganisationGraph) -> None:
    coordinators = [
        GoalCoordinator(organisation=graph.by_id[3], role="coordinator"),
        GoalCoordinator(organisation=graph.by_id[1], role="coordinator"),
        GoalCoordinator(organisation=graph.by_id[10], role="partner"),
    ]
    roles = coordinator_roles(coordinators, D(2026, 3, 1), graph)
    assert [([o.pk for o in r.current], r.original.pk, r.role) for r in roles] == [
        ([4], 3, "coordinator"),
        ([2, 11], 1, "coordinator"),
        ([10], 10, "partner"),
    ]


@pytest.mark.django_db
def test_the_graph_is_read_from_the_database() -> None:
    new = Organisation.objects.create(
        key="new", name_fi="Uusi", kind="state_agency", valid_from=D(2026, 1, 1)
    )
    old = Organisation.objects.create(
        key="old", name_fi="Vanha", kind="state_agency", valid_until=D(2025, 12, 31)
    )
    Succession.objects.create(predecessor=old, successor=new, date=D(2026, 1, 1))
    graph = selectors.organisation_graph()
    assert selectors.current_organisations(old, D(2026, 1, 2), graph) == [new]
    assert selectors.current_organisations(old, D(2025, 1, 2), graph) == [old]


@pytest.mark.django_db
def test_a_succession_cycle_is_refused() -> None:
    kela = Organisation.objects.create(key="kela", name_fi="Kela", kind="state_agency")
    kymsote = Organisation.objects.create(key="kymsote", name_fi="Kymsote", kind="joint_authority")
    Succession.objects.create(predecessor=kela, successor=kymsote)
    translation.activate("en")
    with pytest.raises(ValidationError, match="cycle"):
        Succession(predecessor=kymsote, successor=kela).full_clean()
    with pytest.raises(ValidationError, match="itself"):
        Succession(predecessor=kela, successor=kela).full_clean()
