"""A small programme built with the ORM for page tests: four themes, organisations with successors
dated relative to a given day, official and manual indicators, and one missing Swedish translation
(theme 4.3) to show the Finnish fallback."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from seuraamo.organisations.models import Organisation, Succession
from seuraamo.programmes.models import (
    Goal,
    GoalCoordinator,
    Indicator,
    IndicatorTarget,
    Measure,
    Programme,
    SteeringGroupMembership,
    Theme,
)


@dataclass
class PageData:
    programme: Programme
    themes: dict[str, Theme]
    goals: dict[str, Goal]
    organisations: dict[str, Organisation]
    indicator: Indicator


def organisation(key: str, fi: str, sv: str = "", en: str = "", **fields: object) -> Organisation:
    successors = fields.pop("successors", [])
    created = Organisation.objects.create(
        key=key,
        name_fi=fi,
        name_sv=sv,
        name_en=en,
        kind=fields.pop("kind", "state_agency"),
        **fields,
    )
    for successor in successors:
        Succession.objects.create(predecessor=created, successor=successor)
    return created


def build_programme(today: datetime.date) -> PageData:
    day = datetime.timedelta(days=1)
    elinvoima = organisation(
        "kaakkois-suomen-elinvoimakeskus",
        "Kaakkois-Suomen elinvoimakeskus",
        "Livskraftscentralen i Sydöstra Finland",
        "Southeast Finland Vitality Centre",
        valid_from=today - 60 * day,
    )
    ely = organisation(
        "kaakkois-suomen-ely-keskus",
        "Kaakkois-Suomen ELY-keskus",
        "NTM-centralen i Sydöstra Finland",
        "Southeast Finland ELY Centre",
        valid_until=today - 61 * day,
        successors=[elinvoima],
    )
    area = organisation(
        "etela-kymenlaakson-tyollisyysalue",
        "Etelä-Kymenlaakson työllisyysalue",
        "",
        "South Kymenlaakso employment area",
        kind="employment_area",
        valid_from=today - 400 * day,
    )
    kouvola_area = organisation(
        "kouvolan-tyollisyysalue",
        "Kouvolan työllisyysalue",
        "Kouvola sysselsättningsområde",
        "Kouvola Employment Area",
        kind="employment_area",
        valid_from=today - 400 * day,
    )
    te = organisation(
        "kaakkois-suomen-te-toimisto",
        "Kaakkois-Suomen TE-toimisto",
        "TE-byrån i Sydöstra Finland",
        "Southeast Finland TE Office",
        valid_until=today - 401 * day,
        successors=[area, kouvola_area],
    )
    kotka = organisation(
        "kotkan-kaupunki", "Kotkan kaupunki", "Kotka stad", "City of Kotka", kind="municipality"
    )
    group = organisation(
        "kymenlaakson-tyollisyysjohtoryhma",
        "Kymenlaakson työllisyysjohtoryhmä",
        "Kymmenedalens sysselsättningsledningsgrupp",
        "Kymenlaakso Employment Steering Group",
        kind="cooperation_body",
    )
    programme = Programme.objects.create(
        key="kymenlaakso-2021",
        name_fi="Kymenlaakson työllisyysohjelma 2021–",
        name_sv="Kymmenedalens sysselsättningsprogram 2021–",
        name_en="Kymenlaakso Employment Programme 2021–",
        start_year=2021,
        start_date=datetime.date(2021, 6, 1),
        description_fi="Kymenlaaksossa toimii laaja verkosto.\n\nToinen kappale johdannosta.",
        description_sv="I Kymmenedalen finns ett omfattande nätverk.\n\nEtt andra stycke.",
        description_en="Kymenlaakso has an extensive network.\n\nA second paragraph.",
    )
    titles = {
        "4.1": ("Yhteistyön kehittäminen", "Utveckling av samarbetet", "Developing cooperation"),
        "4.2": ("Kasvun edistäminen", "Främjande av tillväxt", "Promoting growth"),
        "4.3": ("Osaavan työvoiman saatavuus", "", "Availability of skilled labour"),
        "4.4": (
            "Haavoittuvassa asemassa olevien työllisyys",
            "Sysselsättning för personer i en utsatt ställning",
            "Employment of people in a vulnerable position",
        ),
    }
    themes: dict[str, Theme] = {}
    goals: dict[str, Goal] = {}
    for order, (number, (fi, sv, en)) in enumerate(titles.items()):
        theme = Theme.objects.create(
            programme=programme, number=number, title_fi=fi, title_sv=sv, title_en=en, order=order
        )
        themes[number] = theme
        key = f"goal-{number.replace('.', '-')}"
        goal = Goal.objects.create(
            theme=theme,
            key=key,
            title_fi=f"Tavoite {fi}",
            title_sv=sv and f"Mål {sv}",
            title_en=f"Goal {en}",
        )
        goals[number] = goal
        for index in range(1, 3 + order % 2):
            Measure.objects.create(
                goal=goal,
                key=f"{key}-measure-{index}",
                title_fi=f"Toimenpide {number}.{index}",
                title_sv=f"Åtgärd {number}.{index}",
                title_en=f"Measure {number}.{index}",
                order=index,
            )
    GoalCoordinator.objects.create(goal=goals["4.1"], organisation=group)
    GoalCoordinator.objects.create(goal=goals["4.2"], organisation=ely, order=1)
    GoalCoordinator.objects.create(goal=goals["4.2"], organisation=te, order=2)
    GoalCoordinator.objects.create(goal=goals["4.3"], organisation=ely)
    GoalCoordinator.objects.create(goal=goals["4.4"], organisation=te)
    GoalCoordinator.objects.create(goal=goals["4.4"], organisation=kotka, role="partner", order=1)

    indicator = Indicator.objects.create(
        key="mk08-tyottomien-osuus",
        goal=goals["4.3"],
        name_fi="Työttömien osuus työvoimasta, Kymenlaakso",
        name_sv="Arbetslösas andel av arbetskraften, Kymmenedalen",
        name_en="Unemployed as a share of the labour force, Kymenlaakso",
        unit="percent",
        desired_direction="decrease",
        kind="official",
        stat_table="tyonv/12r5",
        stat_content_code="TYOTOSUUS",
        stat_area="MK08",
        source_description_fi="Tilastokeskus, taulukko tyonv/12r5.",
        baseline_value=Decimal("12.900"),
        baseline_date=datetime.date(2021, 6, 30),
        order=1,
    )
    IndicatorTarget.objects.create(indicator=indicator, year=2027, value=Decimal("10.500"))
    IndicatorTarget.objects.create(indicator=indicator, year=2025, value=Decimal("11.000"))
    Indicator.objects.create(
        key="ohjaamo-asiakkaat",
        goal=goals["4.3"],
        name_fi="Ohjaamon asiakkaat",
        name_sv="Ohjaamos kunder",
        name_en="Ohjaamo clients",
        unit="persons",
        desired_direction="increase",
        kind="manual",
        baseline_value=Decimal("1234.000"),
        baseline_date=datetime.date(2021, 6, 30),
        order=2,
    )
    Indicator.objects.create(
        key="teema-41-verkosto",
        theme=themes["4.1"],
        name_fi="Yhteisten hankkeiden määrä",
        name_sv="Antal gemensamma projekt",
        name_en="Number of joint projects",
        unit="count",
        desired_direction="increase",
        kind="manual",
    )
    memberships = [
        (kotka, "chair", None),
        (ely, "member", None),
        (group, "secretary", None),
        (te, "member", today - 401 * day),
    ]
    for order, (member, role, until) in enumerate(memberships):
        SteeringGroupMembership.objects.create(
            programme=programme, organisation=member, role=role, valid_until=until, order=order
        )
    organisations = {o.key: o for o in (ely, elinvoima, te, area, kouvola_area, kotka, group)}
    return PageData(programme, themes, goals, organisations, indicator)
