"""factory_boy factories for the programme models, for every app's tests.

Defaults make the smallest valid row: a manual indicator attached to a goal, an organisation
without a business id. Keys come from sequences, so factories never collide with each other;
they can collide with the fixture files, whose keys are plain words.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from seuraamo.organisations.models import Organisation, OrganisationKind
from seuraamo.programmes.models import (
    CoordinationRole,
    DesiredDirection,
    Goal,
    GoalCoordinator,
    Indicator,
    IndicatorKind,
    IndicatorTarget,
    IndicatorUnit,
    Measure,
    Programme,
    SteeringGroupMembership,
    SteeringGroupRole,
    Theme,
)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"organisation-{n}")
    name_fi = factory.Sequence(lambda n: f"Organisaatio {n}")
    name_sv = factory.Sequence(lambda n: f"Organisation {n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.MUNICIPALITY


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"programme-{n}")
    name_fi = factory.Sequence(lambda n: f"Ohjelma {n}")
    name_sv = factory.Sequence(lambda n: f"Program {n}")
    name_en = factory.Sequence(lambda n: f"Programme {n}")
    start_year = 2021


class SteeringGroupMembershipFactory(DjangoModelFactory):
    class Meta:
        model = SteeringGroupMembership

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = SteeringGroupRole.MEMBER
    order = factory.Sequence(lambda n: n)


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: f"{n // 10 + 1}.{n % 10 + 1}")
    title_fi = factory.Sequence(lambda n: f"Teema {n}")
    title_sv = factory.Sequence(lambda n: f"Tema {n}")
    title_en = factory.Sequence(lambda n: f"Theme {n}")
    order = factory.Sequence(lambda n: n)


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    theme = factory.SubFactory(ThemeFactory)
    key = factory.Sequence(lambda n: f"goal-{n}")
    title_fi = factory.Sequence(lambda n: f"Tavoite {n}")
    title_sv = factory.Sequence(lambda n: f"Mål {n}")
    title_en = factory.Sequence(lambda n: f"Goal {n}")
    order = factory.Sequence(lambda n: n)


class GoalCoordinatorFactory(DjangoModelFactory):
    class Meta:
        model = GoalCoordinator

    goal = factory.SubFactory(GoalFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = CoordinationRole.COORDINATOR
    order = factory.Sequence(lambda n: n)


class MeasureFactory(DjangoModelFactory):
    class Meta:
        model = Measure

    goal = factory.SubFactory(GoalFactory)
    key = factory.Sequence(lambda n: f"measure-{n}")
    title_fi = factory.Sequence(lambda n: f"Toimenpide {n}")
    title_sv = factory.Sequence(lambda n: f"Åtgärd {n}")
    title_en = factory.Sequence(lambda n: f"Measure {n}")
    order = factory.Sequence(lambda n: n)


class IndicatorFactory(DjangoModelFactory):
    """A manual indicator of a goal. `IndicatorFactory(official=True)` gives an official one with
    a statistic and a baseline; `IndicatorFactory(goal=None, theme=theme)` a theme-level one."""

    class Meta:
        model = Indicator

    class Params:
        official = factory.Trait(
            kind=IndicatorKind.OFFICIAL,
            stat_table="tyonv/12r5",
            stat_content_code="TYOTTOMATLOPUSSA",
            stat_area="MK08",
            baseline_value=Decimal("9334"),
            baseline_date=datetime.date(2021, 6, 30),
        )

    key = factory.Sequence(lambda n: f"indicator-{n}")
    goal = factory.SubFactory(GoalFactory)
    theme = None
    name_fi = factory.Sequence(lambda n: f"Mittari {n}")
    name_sv = factory.Sequence(lambda n: f"Indikator {n}")
    name_en = factory.Sequence(lambda n: f"Indicator {n}")
    unit = IndicatorUnit.PERSONS
    desired_direction = DesiredDirection.DECREASE
    kind = IndicatorKind.MANUAL
    order = factory.Sequence(lambda n: n)


class IndicatorTargetFactory(DjangoModelFactory):
    class Meta:
        model = IndicatorTarget

    indicator = factory.SubFactory(IndicatorFactory)
    year = factory.Sequence(lambda n: 2025 + n)
    value = Decimal("8000")
