"""Areas' membership over time: which municipalities belonged to an employment area on a date,
the rules an edited membership must keep, the union sums read on today's division, and the
migration that carried the old member lists. Area figures here are constructed for the test."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone, translation

from seuraamo.areas.models import Area, AreaMembership
from seuraamo.areas.selectors import members_by_area, members_of, memberships
from seuraamo.official_stats.models import Observation, StatTable
from seuraamo.official_stats.selectors import series

JAN_2025 = datetime.date(2025, 1, 1)


def area(code: str, level: str = "municipality") -> Area:
    return Area.objects.create(code=code, level=level, name_fi=code)


@pytest.fixture
def south(db: None) -> Area:
    """TA04 with Hamina and Kotka from 2025; Miehikkälä only until the end of 2025 (invented)."""
    ta04 = area("TA04", "employment_area")
    for code in ("KU075", "KU285"):
        AreaMembership.objects.create(parent=ta04, member=area(code), valid_from=JAN_2025)
    AreaMembership.objects.create(
        parent=ta04,
        member=area("KU489"),
        valid_from=JAN_2025,
        valid_to=datetime.date(2025, 12, 31),
    )
    return ta04


def test_members_on_a_date(south: Area) -> None:
    assert members_of("TA04", on=datetime.date(2024, 12, 31)) == []
    assert members_of("TA04", on=JAN_2025) == ["KU075", "KU285", "KU489"]
    assert members_of("TA04", on=datetime.date(2025, 12, 31)) == ["KU075", "KU285", "KU489"]
    assert members_of("TA04", on=datetime.date(2026, 1, 1)) == ["KU075", "KU285"]
    assert members_of("KU285") == []
    assert members_by_area(on=datetime.date(2026, 6, 1)) == {"TA04": ["KU075", "KU285"]}
    assert [m.member for m in memberships(["TA04"])["TA04"]] == ["KU075", "KU285", "KU489"]


def test_a_municipality_moving_to_another_area(south: Area) -> None:
    ta16 = area("TA16", "employment_area")
    miehikkala = Area.objects.get(code="KU489")
    AreaMembership.objects.create(
        parent=ta16, member=miehikkala, valid_from=datetime.date(2026, 1, 1)
    )
    assert members_of("TA16", on=datetime.date(2025, 12, 31)) == []
    assert members_of("TA16", on=datetime.date(2026, 1, 1)) == ["KU489"]


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "message"),
    [
        (datetime.date(2025, 6, 1), None, "already a member of TA04 for part of these dates"),
        (None, datetime.date(2025, 2, 1), "already a member of TA04 for part of these dates"),
        (datetime.date(2026, 1, 1), datetime.date(2025, 1, 1), "cannot end before it starts"),
    ],
)
def test_a_membership_that_breaks_the_rules_is_refused(
    south: Area, valid_from, valid_to, message: str
) -> None:
    membership = AreaMembership(
        parent=south,
        member=Area.objects.get(code="KU285"),
        valid_from=valid_from,
        valid_to=valid_to,
    )
    with translation.override("en"), pytest.raises(ValidationError, match=message):
        membership.full_clean()


def test_an_area_cannot_be_its_own_member(south: Area) -> None:
    with translation.override("en"), pytest.raises(ValidationError, match="member of itself"):
        AreaMembership(parent=south, member=south).full_clean()


def test_a_later_membership_after_the_end_is_accepted(south: Area) -> None:
    back = AreaMembership(
        parent=south, member=Area.objects.get(code="KU489"), valid_from=datetime.date(2027, 1, 1)
    )
    back.full_clean()  # no overlap with the membership that ended at the end of 2025
    back.save()
    assert members_of("TA04", on=datetime.date(2026, 6, 1)) == ["KU075", "KU285"]
    assert members_of("TA04", on=datetime.date(2027, 1, 1)) == ["KU075", "KU285", "KU489"]


def test_union_sums_follow_todays_division(south: Area) -> None:
    table = StatTable.objects.create(table_id="tyonv/12r5", title_fi="Työnhakijat")
    for code, value in (("KU075", 1000), ("KU285", 4000), ("KU489", 100)):
        Observation.objects.create(
            table=table, content_code="TYOTTOMATLOPUSSA", area_code=code, period="2021M06",
            value=value,
        )  # fmt: skip
    assert timezone.localdate() > datetime.date(2025, 12, 31)  # Miehikkälä has left (invented)
    (point,) = series("tyonv/12r5", "TYOTTOMATLOPUSSA", "TA04")
    assert (point.period, point.value) == ("2021M06", 5000)

    AreaMembership.objects.filter(member__code="KU489").update(valid_to=None)
    (point,) = series("tyonv/12r5", "TYOTTOMATLOPUSSA", "TA04")
    assert point.value == 5100


@pytest.mark.django_db(transaction=True)
def test_the_migration_carries_member_codes_into_dated_memberships() -> None:
    executor = MigrationExecutor(connection)
    before, after = [("areas", "0001_initial")], [("areas", "0002_memberships")]
    try:
        executor.migrate(before)
        old = executor.loader.project_state(before).apps.get_model("areas", "Area")
        for code in ("KU075", "KU285"):
            old.objects.create(code=code, level="municipality", name_fi=code)
        old.objects.create(
            code="TA04", level="employment_area", name_fi="TA04", member_codes=["KU075", "KU285"]
        )
        old.objects.create(code="SK082", level="subregion", name_fi="SK082", member_codes=["KU075"])

        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = executor.loader.project_state(after).apps.get_model("areas", "AreaMembership")
        carried = sorted(
            new.objects.values_list("parent__code", "member__code", "valid_from", "valid_to")
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert carried == [
        ("SK082", "KU075", None, None),
        ("TA04", "KU075", JAN_2025, None),
        ("TA04", "KU285", JAN_2025, None),
    ]


def test_loading_the_areas_again_keeps_edited_membership_dates(db: None) -> None:
    from seuraamo.official_stats.services import load_areas

    first = load_areas()
    assert first.memberships_created == 6  # TA04: five municipalities, TA16: Kouvola
    assert members_of("TA04", on=JAN_2025) == ["KU075", "KU285", "KU489", "KU624", "KU935"]
    assert members_of("TA16", on=datetime.date(2024, 12, 31)) == []
    AreaMembership.objects.filter(parent__code="TA04", member__code="KU489").update(
        valid_to=datetime.date(2025, 6, 30)
    )

    again = load_areas()

    assert again.memberships_created == 0
    assert members_of("TA04", on=datetime.date(2025, 7, 1)) == ["KU075", "KU285", "KU624", "KU935"]


def test_the_api_lists_todays_members_and_every_membership(client, south: Area) -> None:
    (ta04,) = client.get("/api/areas", {"code": "TA04"}).json()["results"]
    assert ta04["member_codes"] == ["KU075", "KU285"]  # Miehikkälä left at the end of 2025
    assert ta04["memberships"][-1] == {
        "member": "KU489",
        "valid_from": "2025-01-01",
        "valid_to": "2025-12-31",
    }
