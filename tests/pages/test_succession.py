"""The succession rule: a role follows an organisation to the successor valid on the day asked."""

from __future__ import annotations

import datetime

import pytest

from seuraamo.programmes import selectors
from seuraamo.programmes.models import GoalCoordinator, Organisation

D = datetime.date


def org(
    pk: int,
    name: str,
    *,
    start: D | None = None,
    end: D | None = None,
    successor: int | None = None,
) -> Organisation:
    return Organisation(
        pk=pk,
        key=f"org-{pk}",
        name_fi=name,
        kind="state_agency",
        valid_from=start,
        valid_until=end,
        successor_id=successor,
    )


@pytest.fixture
def index() -> dict[int, Organisation]:
    """TE-toimisto (until 2024) → työllisyysalue (2025–); ELY (until 2025) → elinvoimakeskus (2026–);
    a chain A → B → C; and a cycle X ↔ Y that bad data could make."""
    organisations = [
        org(1, "Kaakkois-Suomen TE-toimisto", end=D(2024, 12, 31), successor=2),
        org(2, "Etelä-Kymenlaakson työllisyysalue", start=D(2025, 1, 1)),
        org(3, "Kaakkois-Suomen ELY-keskus", end=D(2025, 12, 31), successor=4),
        org(4, "Kaakkois-Suomen elinvoimakeskus", start=D(2026, 1, 1)),
        org(5, "A", end=D(2019, 12, 31), successor=6),
        org(6, "B", start=D(2020, 1, 1), end=D(2022, 12, 31), successor=7),
        org(7, "C", start=D(2023, 1, 1)),
        org(8, "X", end=D(2020, 1, 1), successor=9),
        org(9, "Y", start=D(2030, 1, 1), successor=8),
        org(10, "Kela"),
    ]
    return {o.pk: o for o in organisations}


@pytest.mark.parametrize(
    ("pk", "day", "expected"),
    [
        (3, D(2025, 12, 31), 3),  # the ELY centre on its last day
        (3, D(2026, 1, 1), 4),  # the elinvoimakeskus from its first day
        (3, D(2026, 11, 28), 4),
        (4, D(2026, 11, 28), 4),  # a successor is its own current organisation
        (1, D(2024, 6, 1), 1),
        (1, D(2025, 1, 1), 2),
        (5, D(2019, 6, 1), 5),
        (5, D(2021, 6, 1), 6),  # the chain is followed as far as is valid on the day
        (5, D(2024, 6, 1), 7),
        (6, D(2024, 6, 1), 7),
        (10, D(2026, 1, 1), 10),  # no successor
        (8, D(2025, 1, 1), 8),  # the successor has not started: the original stays
        (8, D(2031, 1, 1), 9),  # a cycle ends the walk instead of looping
    ],
)
def test_current_organisation(
    index: dict[int, Organisation], pk: int, day: D, expected: int
) -> None:
    assert selectors.current_organisation(index[pk], day, index).pk == expected


def test_successor_chain_stops_at_a_cycle(index: dict[int, Organisation]) -> None:
    assert [o.pk for o in selectors.successor_chain(index[8], index)] == [9]
    assert [o.pk for o in selectors.successor_chain(index[5], index)] == [6, 7]


def test_predecessors_nearest_first(index: dict[int, Organisation]) -> None:
    assert [o.pk for o in selectors.predecessors(index[7], index)] == [6, 5]
    assert selectors.predecessors(index[10], index) == []


def test_organisation_role_keeps_the_original(index: dict[int, Organisation]) -> None:
    role = selectors.organisation_role(index[3], D(2026, 3, 1), index, "coordinator", "koordinoija")
    assert role.current.name_fi == "Kaakkois-Suomen elinvoimakeskus"
    assert role.original.name_fi == "Kaakkois-Suomen ELY-keskus"
    assert role.is_successor
    assert not selectors.organisation_role(index[3], D(2025, 3, 1), index).is_successor


def test_coordinator_roles(index: dict[int, Organisation]) -> None:
    coordinators = [
        GoalCoordinator(organisation=index[3], role="coordinator"),
        GoalCoordinator(organisation=index[10], role="partner"),
    ]
    roles = selectors.coordinator_roles(coordinators, D(2026, 3, 1), index)
    assert [(r.current.pk, r.original.pk, r.role) for r in roles] == [
        (4, 3, "coordinator"),
        (10, 10, "partner"),
    ]


@pytest.mark.django_db
def test_current_organisation_follows_saved_successors_without_an_index() -> None:
    new = Organisation.objects.create(
        key="new", name_fi="Uusi", kind="state_agency", valid_from=D(2026, 1, 1)
    )
    old = Organisation.objects.create(
        key="old", name_fi="Vanha", kind="state_agency", valid_until=D(2025, 12, 31), successor=new
    )
    assert selectors.current_organisation(old, D(2026, 1, 2)) == new
    assert selectors.current_organisation(old, D(2025, 1, 2)) == old
