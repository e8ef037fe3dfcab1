"""Every page as the people it is made for see it: a role × page matrix, in fi, sv and en.

Each persona (tests/personas.py) opens its pages in each language. On every page, at desktop
width, axe-core finds no serious or critical violation (tests/axe.py); then the window narrows to
a 390 px and a 360 px phone, and at none of the three widths does the page scroll sideways
(tests/page_width.py). Who may open which page is the permission matrix's business
(tests/security/test_permission_matrix.py): here each page is opened by the persona it serves.

Pages with flows of their own are checked where the flow is: the follow-up's confirmation pages
(tests/follow_up/test_browser_privacy.py), the sign-in with an organisation's account, the lock-out
and the error pages, the data status and the situation page over the real statistics snapshot
(tests/situation/test_browser_offline.py). The service catalogue's and its editor's pages are
rows here; what is done on them by keyboard, without JavaScript or on the map is checked in
tests/catalogue/test_browser.py and tests/catalogue/test_editing_browser.py.

Data: the real programme file (its long Finnish and Swedish names are what overflows a phone
first), an open round 2026H1 with a meeting and a decision, the situation builders' invented
statistics, the constructed barometer sample (tests/situation/builders.py,
tests/publications/samples) and the real service catalogue seed (`load_catalogue`) with one
constructed location, so that a service page draws its map."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.utils import timezone

from seuraamo.accounts.models import User
from seuraamo.catalogue.models import Channel, ChannelKind, Service
from seuraamo.follow_up import services
from seuraamo.follow_up.models import Decision, GoalReport, Meeting, Project
from seuraamo.official_stats.services import load_areas
from seuraamo.organisations.models import Organisation
from seuraamo.programmes.models import Goal, Programme
from seuraamo.publications import recording
from seuraamo.publications.models import Cadence, Publication
from tests import personas
from tests.axe import run_axe_on_every_load, serious_violations
from tests.browser_pages import DEFAULT_VIEWPORT
from tests.page_width import PHONE_HEIGHT, PHONES, wider_than_the_window
from tests.publications.test_recording import assessment_entry, figure_entry
from tests.situation.builders import build_situation
from tests.situation.test_browser import wait_interactive

pytestmark = pytest.mark.browser

PROGRAMME_FILE = Path(settings.PACKAGE_DIR) / "programmes" / "data" / "kymenlaakso.yaml"
BAROMETER = (
    Path(__file__).parent / "publications" / "samples" / "tyovoimabarometri_constructed.json"
)
GOAL = "4-3-osaavan-tyovoiman-saatavuus"
#: The elinvoimakeskus coordinates goal 4.3 (as successor of the ELY centre).
COORDINATING = "kaakkois-suomen-elinvoimakeskus"
PERIOD = "2026H1"
#: A service of the Kouvola employment area, edited by one of its people.
SERVICE = "tyonhakijan-palvelut-kouvola"
LANGUAGES = ("fi", "sv", "en")


@dataclass(frozen=True)
class Visit:
    """A page under /<language>/; {goal}, {period}, {report}, {meeting}, {service} and {project}
    are filled in."""

    path: str
    #: A chart the page draws when it comes near the screen, waited for before the checks.
    chart: str = ""
    #: What the page shows on a phone too (visible at 390 px).
    shows: tuple[str, ...] = ()
    #: Further steps on the page, one after the other, whose outcomes are checked too (a form
    #: sent, say).
    then: tuple[Callable[[object, Site], None], ...] = ()
    languages: tuple[str, ...] = LANGUAGES


@dataclass(frozen=True)
class Site:
    url: str
    people: dict[str, User | None]
    keys: dict[str, object]
    report: GoalReport


def sending_over_a_newer_version(page: object, site: Site) -> None:
    """Another writer saved the report meanwhile: the save is refused, both texts side by side."""
    GoalReport.objects.filter(pk=site.report.pk).update(
        version=F("version") + 1, done="Toisen tallentama"
    )
    page.locator("textarea[name=done]").fill("Oma teksti")
    page.locator("form.report-form button[type=submit]").click()
    page.wait_for_selector("td.your-version")


def sending_ages_the_wrong_way_round(page: object, site: Site) -> None:
    """The service form comes back with the fields to correct marked."""
    page.locator("#id_min_age").fill("40")
    page.locator("#id_max_age").fill("20")
    page.locator("form.service-form button[type=submit]").click()
    page.wait_for_selector(".field--error")


def saving_a_service_over_a_newer_version(page: object, site: Site) -> None:
    """Another editor saved the service meanwhile: the save is refused, both versions shown."""
    page.goto(page.url)  # the form afresh
    Service.objects.filter(key=site.keys["service"]).update(
        version=F("version") + 1, name_en="Saved meanwhile"
    )
    page.locator("#id_name_en").fill("Mine")
    page.locator("form.service-form button[type=submit]").click()
    page.wait_for_selector(".conflict-table")


def sending_half_the_guide_s_answers(page: object, site: Site) -> None:
    """A person in Kotka without an age: the questions come back with the age to give."""
    page.locator("#id_audience_0").check()
    page.locator("#id_municipality").select_option("KU285")
    page.locator("form.guide-form button[type=submit]").click()
    page.wait_for_selector(".guide-form .field--error, .guide-form .errorlist")


def sending_every_answer(page: object, site: Site) -> None:
    """The answers completed in the form the page kept, from Miehikkälä: the recommendations, and
    Ohjaamo Kotka near by."""
    page.locator("#id_municipality").select_option("KU489")
    page.locator("#id_age").fill("22")
    page.locator("#id_jobseeker_1").check()
    page.locator("#id_need").select_option("job")
    page.locator("form.guide-form button[type=submit]").click()
    page.wait_for_selector(".recommendations.nearby .recommendation")


#: Which pages each persona opens.
MATRIX: dict[str, list[Visit]] = {
    "visitor": [
        Visit(""),
        Visit("programme/"),
        Visit("themes/4.3/"),
        # Two more themes in Swedish, whose titles run longest: 4.2's is the programme's longest.
        Visit("themes/4.2/", languages=("sv",)),
        Visit("themes/4.4/", languages=("sv",)),
        Visit("goals/{goal}/"),
        Visit("organisations/"),
        Visit("organisations/kaakkois-suomen-ely-keskus/"),  # ended, with its successor
        Visit("organisations/kaakkois-suomen-elinvoimakeskus/"),
        Visit("steering-group/"),
        Visit(
            "situation/",
            chart="figure-training",
            shows=(
                *("#barometer-title", "#training-title", "#warning-title"),
                *("#table-barometer", "#table-training"),
            ),
        ),
        Visit("situation/review/"),
        Visit("accounts/login/"),
        Visit("accounts/password-reset/"),
        Visit("accounts/password-reset/sent/"),
        Visit("accounts/reset/MQ/no-such-token/"),
        Visit("accounts/reset/done/"),
        Visit("follow-up/rounds/"),
        Visit("follow-up/meetings/"),
        Visit("follow-up/meetings/{meeting}/"),  # approved minutes, public decisions
        Visit("follow-up/decisions/"),
        Visit("follow-up/overview/"),
        # Projects and pilots: the list and a project with its measures and catalogue service (the
        # goal page above lists it under both measures).
        Visit("follow-up/projects/"),
        Visit("follow-up/projects/{project}/"),
        # The service catalogue: the list, a search, a service with its map, the providers.
        Visit("services/"),
        Visit("services/?q=nuoret&municipality=KU285"),
        Visit("services/{service}/"),
        # A service reached through others (TYP through the employment areas' assessment).
        Visit("services/monialainen-tyoelamapalvelu/"),
        # A service given by a different employment area in each municipality.
        Visit("services/tyonantajapalvelut/"),
        Visit("services/providers/"),
        # The service system (chapter 3 of the programme), linked from the services and the guide.
        Visit("service-system/"),
        # The guide: the questions, half answered, and its recommendations (answers are posted).
        Visit("services/guide/", then=(sending_half_the_guide_s_answers, sending_every_answer)),
        # An organisation's and a goal's page with their services.
        Visit("organisations/kotkan-kaupunki/"),
        Visit("goals/4-4-haavoittuvassa-asemassa-olevien-tyollisyys/"),
        # The statistics API's documentation, in the site's menu and in each language.
        Visit("open-data/"),
    ],
    "coordinator": [
        Visit("follow-up/tasks/"),
        Visit("follow-up/reports/{report}/"),
        Visit("follow-up/reports/{report}/edit/", then=(sending_over_a_newer_version,)),
        Visit("follow-up/projects/new/"),
        Visit("follow-up/projects/{project}/edit/"),  # the organisation's own project
    ],
    "service editor": [
        Visit("services/editing/"),
        Visit(
            "services/{service}/edit/",
            then=(sending_ages_the_wrong_way_round, saving_a_service_over_a_newer_version),
        ),
    ],
    "steering group": [
        # The guide's anonymous counts, with those the visitor's guide uses above made.
        Visit("services/guide/demand/", shows=(".demand-table",)),
        # What needs attention: a goal off track, a measure delayed, a request, a decision overdue.
        Visit("follow-up/attention/"),
    ],
    "analyst": [
        # The analysts' own tools: the register with what each publication is missing, and the
        # forms for a publication's figure and a barometer assessment.
        Visit("publications/"),
        Visit("publications/figures/new/"),
        Visit("publications/assessments/new/"),
        # A recorded figure and assessment (constructed): each page with its history and the
        # withdraw form, and the forms that correct them.
        Visit("publications/figures/{figure}/"),
        Visit("publications/figures/{figure}/edit/"),
        Visit("publications/assessments/{assessment}/"),
        Visit("publications/assessments/{assessment}/edit/"),
    ],
    "programme admin": [
        Visit("follow-up/tasks/"),  # with the links to the other tools
        Visit("follow-up/rounds/open/"),
        Visit("follow-up/rounds/{period}/"),
        Visit("follow-up/rounds/{period}/report.html"),
        Visit("follow-up/goals/{goal}/"),
        Visit("follow-up/meetings/new/"),
        Visit("follow-up/meetings/{meeting}/edit/"),
        Visit("follow-up/meetings/{meeting}/decisions/new/"),
        Visit("follow-up/decisions/"),  # with the status forms
        Visit("data-status/"),  # the stored tables, their runs and the background jobs
        Visit("service-system/typ/edit/"),  # a section of the service system's description
        Visit("measures/{measure}/edit/"),  # a measure's plan: contact, schedule, milestones
    ],
}


@pytest.fixture
def site(live_site: str) -> Site:
    return build_site(live_site)


def build_site(url: str) -> Site:
    """The matrix's data, also read by tests/test_pseudo_locale.py: the real programme, the
    situation builders' statistics, the constructed barometer, the service catalogue seed with a
    location, an open round with a meeting and a decision, and a person for each persona."""
    call_command("import_programme", str(PROGRAMME_FILE), verbosity=0, stdout=io.StringIO())
    build_situation()
    load_areas()  # every area's name, as the statistics snapshot or a sync brings them
    call_command("import_barometer", BAROMETER, verbosity=0)
    call_command("load_catalogue", stdout=io.StringIO())
    call_command("load_service_system", stdout=io.StringIO())
    service = Service.objects.get(key=SERVICE)
    # A constructed location with coordinates and opening hours: the service page draws its map
    # and writes the week in the page's language.
    Channel.objects.create(
        service=service,
        kind=ChannelKind.LOCATION,
        name_fi="Testipiste (rakennettu testiä varten)",
        municipality="KU286",
        latitude=Decimal("60.86800"),
        longitude=Decimal("26.70400"),
        weekly_hours={day: ["08:00", "16:00"] for day in ("MO", "TU", "WE", "TH", "FR")},
        closed_dates=["2099-12-24"],
        hours_note_fi="muina aikoina ajanvarauksella",
    )
    admin = personas.programme_admin()
    programme = Programme.objects.get()
    goal = Goal.objects.get(key=GOAL)
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    round_ = services.open_round(
        actor=admin,
        programme=programme,
        period=PERIOD,
        deadline=deadline,
        goals=list(Goal.objects.all()),
    )
    meeting = Meeting.objects.create(
        programme=programme,
        date=datetime.date(2027, 3, 12),
        place="Kouvola",
        reporting_round=round_,
        minutes="Kokous avattiin. Käsiteltiin puolivuotisraportit.",
        minutes_approved_at=timezone.now(),
    )
    meeting.attendees.set(programme.steering_group.all())
    Decision.objects.create(meeting=meeting, text="Päätös.").goals.add(goal)
    # Items for what needs attention: another goal's report submitted off track with a measure
    # delayed and a request, and a decision past its due date.
    other = round_.reports.exclude(goal=goal).order_by("goal__theme__order", "goal__order")[0]
    GoalReport.objects.filter(pk=other.pk).update(
        status="submitted", assessment="off_track", asks="Pyydämme linjausta."
    )
    other.measure_statuses.filter(pk=other.measure_statuses.order_by("pk")[0].pk).update(
        status="delayed", text="Rahoitus viivästyi."
    )
    Decision.objects.create(
        meeting=meeting,
        text="Selvitetään nuorten palvelut.",
        due_date=timezone.localdate() - datetime.timedelta(days=10),
        order=1,
    )
    # A project of the coordinator's organisation on two of the goal's measures, offering a service.
    project = Project.objects.create(
        name="Testihanke (rakennettu testiä varten)",
        owner=Organisation.objects.get(key=COORDINATING),
        status="running",
        target_groups="maahanmuuttajat",
        contact_email="hanke@example.test",
        service_key=SERVICE,
        results="Tuloksia.",
    )
    project.measures.set(goal.measures.order_by("order")[:2])
    report = round_.reports.get(goal=goal)
    analyst = personas.analyst()
    # The register's row as its migration seeds it (a live-server test's flush removes it).
    Publication.objects.get_or_create(
        key="pk-yritysbarometri",
        defaults={
            "name_fi": "Pk-yritysbarometri",
            "name_sv": "SME-barometern",
            "name_en": "SME barometer",
            "publisher": "Suomen Yrittäjät",
            "cadence": Cadence.TWICE_A_YEAR,
        },
    )
    figure = recording.record_figure(actor=analyst, entry=figure_entry())
    assessment = recording.record_assessment(actor=analyst, entry=assessment_entry())
    return Site(
        url=url,
        people={
            "visitor": None,
            "coordinator": personas.coordinator(Organisation.objects.get(key=COORDINATING)),
            "programme admin": admin,
            "steering group": personas.steering_group_member(),
            "service editor": personas.service_editor(service.responsible),
            "analyst": analyst,
        },
        keys={
            "goal": GOAL,
            "measure": goal.measures.order_by("order", "pk").first().key,
            "figure": figure.pk,
            "assessment": assessment.pk,
            "period": PERIOD,
            "report": report.pk,
            "meeting": meeting.pk,
            "service": SERVICE,
            "project": project.pk,
        },
        report=report,
    )


def sign_in(page: object, site: Site, user: User | None) -> None:
    """The persona's session cookie in the page's browser context (no sign-in form: the forms are
    tested by tests/follow_up/test_browser.py and tests/security/test_browser_refusals.py)."""
    page.context.clear_cookies()
    if user is None:
        return
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site.url}]
    )


def problems(page: object, visit: Visit) -> list[str]:
    found = serious_violations(page) + wider_than_the_window(page, redraws=bool(visit.chart))
    if visit.shows:
        page.set_viewport_size({"width": PHONES[0], "height": PHONE_HEIGHT})
        found += [
            f"{shown} is not shown on a phone" for shown in visit.shows if page.is_hidden(shown)
        ]
        page.set_viewport_size(DEFAULT_VIEWPORT)
    return found


@pytest.fixture
def page_with_axe(browser: object, language: str) -> Iterator[object]:
    """A page in a context of its own (not the pool's) that has axe-core on every load."""
    context = browser.new_context(locale=f"{language}-FI", viewport=DEFAULT_VIEWPORT)
    run_axe_on_every_load(context)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_persona_s_pages_pass_axe_and_fit_a_phone(
    site: Site, page_with_axe: object, language: str
) -> None:
    page = page_with_axe
    found: dict[str, list[str]] = {}
    for persona, visits in MATRIX.items():
        sign_in(page, site, site.people[persona])
        for visit in (visit for visit in visits if language in visit.languages):
            path = f"/{language}/{visit.path.format(**site.keys)}"
            answer = page.goto(f"{site.url}{path}")
            assert answer.status == 200, (persona, path, answer.status)
            if visit.chart:
                wait_interactive(page, visit.chart)
            found[f"{persona}: {path}"] = problems(page, visit)
            for step in visit.then:
                step(page, site)
                found[f"{persona}: {path} then {step.__name__}"] = problems(page, visit)
    assert {where: lines for where, lines in found.items() if lines} == {}
