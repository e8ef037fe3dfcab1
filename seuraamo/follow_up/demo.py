"""Example content for trying the follow-up out with `make run`: demo users for each role, a closed
and published round 2025H2 with accepted example reports (one goal's report left a draft, so the
round shows it as missing; shared goals with each organisation's signed-off part), and an open
round 2026H1 prefilled from it, where one organisation has signed off its part of a shared goal;
a past steering-group meeting with approved minutes and three decisions (one overdue); two projects
(MOONA and an Ohjaamo development project) linked to measures.
Everything is marked as example content (`is_example`, and the texts say so). Only
`seuraamo load_initial_data --demo` (called by `make load`/`make run`) creates it, and only in a
database that has no reporting round; tests never load it."""

from __future__ import annotations

import datetime
import secrets
from pathlib import Path

from django.contrib.auth.models import Group
from django.db import transaction

from seuraamo.accounts.models import User
from seuraamo.accounts.roles import ROLE_GROUPS, Role, acting_organisation_ids
from seuraamo.follow_up import meeting_services, project_services, services
from seuraamo.follow_up.meeting_models import DecisionStatus
from seuraamo.follow_up.meeting_services import DecisionContent, MeetingDetails
from seuraamo.follow_up.models import ReportingRound
from seuraamo.follow_up.project_models import ProjectStatus
from seuraamo.follow_up.project_services import ProjectContent
from seuraamo.follow_up.projects import catalogue_service_names
from seuraamo.follow_up.services import ContributionContent, ReportContent
from seuraamo.organisations.models import Organisation
from seuraamo.programmes.models import Goal, Measure, Programme
from seuraamo.programmes.selectors import coordinating_organisations_on

EXAMPLE = "ESIMERKKI – keksitty teksti sovelluksen esittelyä varten, ei koordinaattorin raportti."
DEMO_TEXTS = {
    "assessment_text": f"{EXAMPLE}\n\nTavoite etenee osittain suunnitellusti.",
    "done": f"{EXAMPLE}\n\nJärjestettiin yhteisiä rekrytointitapahtumia ja koulutuksia.",
    "results": f"{EXAMPLE}\n\nTapahtumiin osallistui työnhakijoita ja työnantajia.",
    "problems": f"{EXAMPLE}\n\nRahoituksen jatko on epävarma.",
    "next_steps": f"{EXAMPLE}\n\nJatketaan yhteistyötä seuraavalla kaudella.",
    "asks": f"{EXAMPLE}\n\nTyöllisyysjohtoryhmää pyydetään linjaamaan hankerahoituksen painopisteet.",
}


def demo_users_file(data_dir: Path) -> Path:
    return data_dir / "demo-users.txt"


def _user(
    email: str, password: str, *, role: Role | None = None, organisation: object = None
) -> User:
    user = User.objects.create_user(
        username=email,
        email=email,
        password=password,
        organisation=organisation,
        first_name="Demo",
        last_name=email.split("@")[0],
    )
    if role in ROLE_GROUPS:
        user.groups.add(Group.objects.get_or_create(name=ROLE_GROUPS[role])[0])
    return user


@transaction.atomic
def create_demo_content(today: datetime.date, data_dir: Path) -> list[str] | None:
    """Create the example content and return the lines of the demo users file; None when the
    database already has a round or no programme (nothing is touched then)."""
    programme = Programme.objects.order_by("-start_year").first()
    if programme is None or ReportingRound.objects.exists():
        return None
    password = secrets.token_urlsafe(12)
    admin = _user("demo-admin@example.test", password, role=Role.PROGRAMME_ADMIN)
    lines = [f"password of every demo user: {password}", f"programme admin: {admin.email}"]
    for role, email in [
        (Role.STEERING_GROUP, "demo-ohjausryhma@example.test"),
        (Role.ANALYST, "demo-analyytikko@example.test"),
    ]:
        _user(email, password, role=role)
        lines.append(f"{role.value.replace('_', ' ')}: {email}")
    goals = list(Goal.objects.filter(theme__programme=programme).order_by("theme__order", "order"))
    by_organisation: dict[int, User] = {}
    writers: dict[int, User] = {}  # goal id → the demo coordinator who writes its report
    for goal in goals:
        for organisation in coordinating_organisations_on(goal, today):
            if organisation.pk not in by_organisation:
                email = f"demo-koordinaattori-{len(by_organisation) + 1}@example.test"
                by_organisation[organisation.pk] = _user(email, password, organisation=organisation)
                lines.append(f"coordinator ({organisation.name_fi}): {email}")
            writers.setdefault(goal.pk, by_organisation[organisation.pk])
    closed = services.open_round(
        actor=admin,
        programme=programme,
        period="2025H2",
        deadline=datetime.date(2026, 2, 15),
        goals=goals,
        is_example=True,
    )
    acting = {
        organisation_id: user
        for user in by_organisation.values()
        for organisation_id in acting_organisation_ids(user, today)
    }
    reports = list(closed.reports.order_by("goal__theme__order", "goal__order"))
    # The last single-organisation goal's report stays a draft: the published round shows it as
    # missing, and its text must appear nowhere public.
    left_as_draft = next((r for r in reversed(reports) if r.organisations.count() == 1), None)
    for report in reports:
        writer = writers.get(report.goal_id)
        if writer is None:
            continue
        _write_parts(report, acting, sign_off=True)
        services.save_report(
            actor=writer,
            report_id=report.pk,
            expected_version=report.version,
            content=_demo_content(report),
        )
        if report == left_as_draft:
            continue
        services.submit_report(actor=writer, report_id=report.pk)
        services.accept_report(actor=admin, report_id=report.pk)
    _projects(admin)
    services.close_round(actor=admin, round_id=closed.pk, today=today)
    services.publish_round(actor=admin, round_id=closed.pk)
    _meeting(admin, programme, closed, list(by_organisation), today)
    current = services.open_round(
        actor=admin,
        programme=programme,
        period="2026H1",
        deadline=today + datetime.timedelta(days=21),
        goals=goals,
        is_example=True,
    )
    # In the open round, the first shared report has one organisation's part signed off and the
    # others still to write: what a round looks like halfway.
    shared = next((r for r in current.reports.all() if r.contributions.exists()), None)
    if shared is not None:
        first = shared.contributions.order_by("id").first()
        _write_part(first, acting[first.organisation_id], sign_off=True)
    return lines


def _meeting(
    admin: User,
    programme: Programme,
    reviewed: ReportingRound,
    organisation_ids: list[int],
    today: datetime.date,
) -> None:
    """A past meeting that reviewed the closed round, with approved minutes and three decisions:
    one overdue, one in progress and one done."""
    meeting = meeting_services.save_meeting(
        actor=admin,
        programme=programme,
        details=MeetingDetails(
            date=today - datetime.timedelta(days=60),
            place="ESIMERKKI – Kouvolan kaupungintalo",
            reporting_round=reviewed,
            attendees=list(programme.steering_group.all()),
            minutes=f"{EXAMPLE}\n\nKokous avattiin. Käsiteltiin puolivuotisraportit ja "
            "niiden pyynnöt työllisyysjohtoryhmälle.",
        ),
    )
    meeting_services.approve_minutes(actor=admin, meeting_id=meeting.pk)
    responsible = list(Organisation.objects.filter(pk__in=organisation_ids[:2]))
    decisions = [
        ("Selvitetään nuorten palveluiden saavutettavuus.", -10, DecisionStatus.OPEN),
        ("Laaditaan yhteinen rekrytointitapahtumien kalenteri.", 60, DecisionStatus.IN_PROGRESS),
        ("Hankerahoituksen painopisteet linjataan syyskauden alussa.", -30, DecisionStatus.DONE),
    ]
    for index, (text, due_in, status) in enumerate(decisions):
        meeting_services.save_decision(
            actor=admin,
            meeting_id=meeting.pk,
            content=DecisionContent(
                text=f"ESIMERKKI – {text}",
                responsible=responsible[index] if index < len(responsible) else None,
                due_date=today + datetime.timedelta(days=due_in),
                status=status,
            ),
        )


#: Two projects the programme text names (its section on services): MOONA, "Kouvolan ja Kotkan
#: yhteinen hanke" run with project funding for immigrants, and the Ohjaamo work for young people
#: under 30 of the TE office, Kymsote, Kela and the municipalities. What the text does not say
#: (owner, status, results, the Ohjaamo project itself) is example content and says so.
DEMO_PROJECTS = [
    {
        "name": "MOONA – maahanmuuttajien ohjaus- ja neuvontapalvelu",
        "owner": "kotkan-kaupunki",
        "partners": ["kouvolan-kaupunki"],
        "measures": [
            "4-1-yhteiset-kehittamishankkeet-ja-palvelupilotit",
            "4-3-tyo-ja-osaamisperainen-maahanmuutto",
        ],
        "funding_source": "hankerahoitus",
        "target_groups": "maahanmuuttajat",
        "service_key": "moona-kouvola",
        "results": f"{EXAMPLE}\n\nOhjelman mukaan Etelä-Kymenlaaksossa aiemmin aloitettua "
        "toimintaa kehitetään ja laajennetaan Kouvolaan. Omistajaorganisaatio, tila ja tulokset "
        "ovat esimerkkejä.",
    },
    {
        "name": "ESIMERKKI – Ohjaamo-toiminnan kehittämishanke",
        "owner": "kaakkois-suomen-te-toimisto",
        "partners": ["kymsote", "kela"],
        "measures": [
            "4-1-yhteiset-kehittamishankkeet-ja-palvelupilotit",
            "4-4-nuorisotyottomyys",
        ],
        "funding_source": "",
        "target_groups": "nuoret (alle 30-vuotiaat)",
        "service_key": "ohjaamo-kotka",
        "results": f"{EXAMPLE}\n\nOhjelma kuvaa Ohjaamo-toiminnan; tämä kehittämishanke, sen "
        "tila ja tulokset ovat esimerkkejä.",
    },
]


def _projects(admin: User) -> None:
    organisations = {o.key: o for o in Organisation.objects.all()}
    measures = {m.key: m for m in Measure.objects.all()}
    services_in_catalogue = catalogue_service_names()
    for project in DEMO_PROJECTS:
        owner = organisations.get(str(project["owner"]))
        if owner is None:
            continue
        project_services.save_project(
            actor=admin,
            content=ProjectContent(
                name=str(project["name"]),
                owner=owner,
                partners=[organisations[k] for k in project["partners"] if k in organisations],
                measures=[measures[k] for k in project["measures"] if k in measures],
                funding_source=str(project["funding_source"]),
                target_groups=str(project["target_groups"]),
                status=ProjectStatus.RUNNING,
                results=str(project["results"]),
                service_key=str(project["service_key"])
                if project["service_key"] in services_in_catalogue
                else "",
                is_example=True,
            ),
        )


def _demo_content(report: object) -> ReportContent:
    return ReportContent(
        assessment="partly",
        texts=DEMO_TEXTS,
        measures={s.measure_id: ("in_progress", EXAMPLE) for s in report.measure_statuses.all()},
    )


def _write_parts(report: object, acting: dict[int, User], *, sign_off: bool) -> None:
    for contribution in report.contributions.order_by("id"):
        writer = acting.get(contribution.organisation_id)
        if writer is not None:
            _write_part(contribution, writer, sign_off=sign_off)


def _write_part(contribution: object, writer: User, *, sign_off: bool) -> None:
    name = contribution.organisation.name_fi
    content = ContributionContent(
        texts={
            "done": f"{EXAMPLE}\n\n{name}: järjesti työnhakijoille ja työnantajille yhteisiä tilaisuuksia.",
            "results": f"{EXAMPLE}\n\n{name}: tilaisuuksiin osallistui asiakkaita.",
            "problems": f"{EXAMPLE}\n\n{name}: henkilöstön vaihtuvuus hidasti työtä.",
            "asks": "",
        },
        measures={
            s.measure_id: ("in_progress", EXAMPLE) for s in contribution.measure_statuses.all()[:1]
        },
    )
    services.save_contribution(
        actor=writer,
        contribution_id=contribution.pk,
        expected_version=contribution.version,
        content=content,
    )
    if sign_off:
        services.sign_off_contribution(actor=writer, contribution_id=contribution.pk)
