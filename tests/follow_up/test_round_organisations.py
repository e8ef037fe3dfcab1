"""The organisations of a round's own time, each organisation's own part of a shared report, and
closing and publishing that ask first. The first tests use the real Kymenlaakso programme file
(seuraamo/programmes/data/kymenlaakso.yaml); the rest the constructed programme of the page tests."""

from __future__ import annotations

import datetime
import importlib
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from seuraamo import programmes
from seuraamo.core.models import AuditEvent
from seuraamo.follow_up import exports, selectors, services
from seuraamo.follow_up.models import Contribution, GoalReport, ReportOrganisation
from seuraamo.follow_up.services import ContributionContent, FollowUpError, ReportContent
from seuraamo.programmes.models import Goal, Programme
from tests.follow_up.builders import FollowUp
from tests.personas import coordinator, programme_admin

PROGRAMME_FILE = Path(programmes.__file__).parent / "data" / "kymenlaakso.yaml"
TE_OFFICE = "Kaakkois-Suomen työ- ja elinkeinotoimisto (TE-toimisto)"
ELY_CENTRE = "Kaakkois-Suomen elinkeino-, liikenne- ja ympäristökeskus (ELY-keskus)"
TODAYS = ("Etelä-Kymenlaakson työllisyysalue", "Kouvolan työllisyysalue", "Kaakkois-Suomen elinvoimakeskus")  # fmt: skip


@pytest.fixture
def kymenlaakso(db: None) -> Programme:
    call_command("import_programme", str(PROGRAMME_FILE), stdout=io.StringIO())
    return Programme.objects.get()


def build_report_html(period: str, tmp_path: Path) -> str:
    out = tmp_path / f"{period}.html"
    call_command(
        "build_report", "--round", period, "--format", "html", "--lang", "fi", "--out", str(out),
        stdout=io.StringIO(),
    )  # fmt: skip
    return out.read_text()


def coordinators_section(html: str) -> str:
    """The summary table, where each goal names its coordinating organisations."""
    return html.split('id="summary-heading"')[1].split("</section>")[0]


def test_a_round_names_the_organisations_of_its_own_time(
    kymenlaakso: Programme, tmp_path: Path
) -> None:
    admin = programme_admin()
    goals = list(Goal.objects.all())
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    services.open_round(
        actor=admin, programme=kymenlaakso, period="2026H1", deadline=deadline, goals=goals
    )
    services.open_round(
        actor=admin, programme=kymenlaakso, period="2024H2", deadline=deadline, goals=goals
    )

    current = coordinators_section(build_report_html("2026H1", tmp_path))
    assert all(name in current for name in TODAYS)
    assert TE_OFFICE not in current and ELY_CENTRE not in current
    assert "TE-toimisto" not in current and "ELY-keskus" not in current
    # In 2024 the TE office and the ELY centre still existed: that round keeps naming them.
    earlier = coordinators_section(build_report_html("2024H2", tmp_path))
    assert TE_OFFICE in earlier and ELY_CENTRE in earlier
    assert not any(name in earlier for name in TODAYS)

    # The TE office's goal 4.4 went to both employment areas: one part each, the first leads.
    shared = GoalReport.objects.get(reporting_round__period="2026H1", goal__key__startswith="4-4")
    names = [row.organisation.name_fi for row in shared.organisations.all()]
    assert names[:2] == ["Etelä-Kymenlaakson työllisyysalue", "Kouvolan työllisyysalue"]
    assert [c.organisation.name_fi for c in shared.contributions.order_by("id")] == names


def test_the_migration_fixes_rounds_opened_before_it(kymenlaakso: Programme) -> None:
    """A report from before the stored organisations: the migration resolves them, moves the
    sections the organisations now write themselves into the lead's part, and rewrites the frozen
    snapshot's coordinators."""
    admin = programme_admin()
    goal = Goal.objects.get(key__startswith="4-2")
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    report = services.open_round(
        actor=admin, programme=kymenlaakso, period="2026H1", deadline=deadline, goals=[goal]
    ).reports.get()
    ReportOrganisation.objects.filter(report=report).delete()
    Contribution.objects.filter(report=report).delete()
    te_office = {"key": "kaakkois-suomen-te-toimisto", "name": {"fi": TE_OFFICE}}
    GoalReport.objects.filter(pk=report.pk).update(
        done="Tehtiin yhteistyötä.", snapshot={"coordinators": [te_office]}
    )
    migration = importlib.import_module(
        "seuraamo.follow_up.migrations.0006_round_organisations_and_contributions"
    )
    migration.resolve_round_organisations(apps, None)

    report.refresh_from_db()
    names = [row.organisation.name_fi for row in report.organisations.all()]
    assert names == ["Kaakkois-Suomen elinvoimakeskus", *TODAYS[:2]]
    assert [c["name"]["fi"] for c in report.snapshot["coordinators"]] == names
    lead_part = report.contributions.get(organisation__name_fi=names[0])
    assert (report.done, lead_part.done) == ("", "Tehtiin yhteistyötä.")
    assert report.contributions.count() == 3


# --- each organisation's own part ----------------------------------------------------------------


@pytest.fixture
def shared(follow_up: FollowUp) -> tuple[FollowUp, GoalReport, dict[str, object]]:
    """Goal 4.2 of the page tests: the ELY centre (carried by coordinator A's elinvoimakeskus)
    leads; the TE office's two employment areas write their own parts."""
    organisations = follow_up.data.organisations
    partners = {
        key: coordinator(organisations[key], key)
        for key in ("etela-kymenlaakson-tyollisyysalue", "kouvolan-tyollisyysalue")
    }
    return follow_up, follow_up.report("4.2"), partners


def part_of(report: GoalReport, key: str) -> Contribution:
    return report.contributions.get(organisation__key=key)


def test_each_organisation_writes_and_signs_off_its_own_part(shared: tuple) -> None:
    follow_up, report, partners = shared
    south = partners["etela-kymenlaakson-tyollisyysalue"]
    kouvola = partners["kouvolan-tyollisyysalue"]
    south_part = part_of(report, "etela-kymenlaakson-tyollisyysalue")
    kouvola_part = part_of(report, "kouvolan-tyollisyysalue")
    services.save_contribution(
        actor=south,
        contribution_id=south_part.pk,
        expected_version=1,
        content=ContributionContent(texts={"done": "Etelän rekrytointipäivät."}),
    )
    # Another organisation's part is not for writing, and its draft is not for reading.
    with pytest.raises(PermissionDenied):
        services.save_contribution(
            actor=kouvola,
            contribution_id=south_part.pk,
            expected_version=2,
            content=ContributionContent(),
        )
    lead = Client()
    lead.force_login(follow_up.coordinator_a)
    page = lead.get(f"/fi/follow-up/reports/{report.pk}/").content.decode()
    assert "Etelän rekrytointipäivät." not in page
    admin = Client()
    admin.force_login(follow_up.admin)
    assert "Etelän rekrytointipäivät." in admin.get(f"/fi/follow-up/reports/{report.pk}/").content.decode()  # fmt: skip

    # The lead cannot submit before every part is signed off; the message names who is missing.
    services.save_report(
        actor=follow_up.coordinator_a,
        report_id=report.pk,
        expected_version=1,
        content=ReportContent(assessment="partly"),
    )
    services.sign_off_contribution(actor=south, contribution_id=south_part.pk)
    with pytest.raises(FollowUpError, match="Kaakkois-Suomen ELY-keskus, Kouvolan työllisyysalue"):
        services.submit_report(actor=follow_up.coordinator_a, report_id=report.pk)
    # A partner does not submit the whole report.
    with pytest.raises(PermissionDenied):
        services.submit_report(actor=south, report_id=report.pk)
    services.sign_off_contribution(actor=kouvola, contribution_id=kouvola_part.pk)
    services.sign_off_contribution(
        actor=follow_up.coordinator_a,
        contribution_id=part_of(report, "kaakkois-suomen-ely-keskus").pk,
    )
    assert services.submit_report(actor=follow_up.coordinator_a, report_id=report.pk) is True

    # Signed off and submitted: the lead and the steering group read each part under its
    # organisation, with who wrote and signed it off.
    page = lead.get(f"/fi/follow-up/reports/{report.pk}/").content.decode()
    assert "Osuus: Etelä-Kymenlaakson työllisyysalue" in page
    assert "Etelän rekrytointipäivät." in page and f"viimeksi muokannut {south.first_name}" in page
    steering = Client()
    steering.force_login(follow_up.steering)
    assert "Etelän rekrytointipäivät." in steering.get(f"/fi/follow-up/reports/{report.pk}/").content.decode()  # fmt: skip
    report.refresh_from_db()
    assert report.submitted_by == follow_up.coordinator_a


def test_a_signed_off_part_is_locked_until_the_sign_off_is_withdrawn(shared: tuple) -> None:
    follow_up, report, partners = shared
    kouvola = partners["kouvolan-tyollisyysalue"]
    part = part_of(report, "kouvolan-tyollisyysalue")
    services.sign_off_contribution(actor=kouvola, contribution_id=part.pk)
    part.refresh_from_db()
    with pytest.raises(FollowUpError, match="peru hyväksyntä"):
        services.save_contribution(
            actor=kouvola,
            contribution_id=part.pk,
            expected_version=part.version,
            content=ContributionContent(),
        )
    assert services.withdraw_sign_off(actor=kouvola, contribution_id=part.pk) is True
    part.refresh_from_db()
    saved = services.save_contribution(
        actor=kouvola,
        contribution_id=part.pk,
        expected_version=part.version,
        content=ContributionContent(texts={"problems": "Resurssipula."}),
    )
    assert (saved.status, saved.problems, saved.updated_by) == ("draft", "Resurssipula.", kouvola)
    events = AuditEvent.objects.filter(object_type="progress.contribution", action="update")
    assert events.count() == 3  # signed off, withdrawn, edited


def test_a_stale_save_of_a_part_shows_both_versions(shared: tuple) -> None:
    follow_up, report, partners = shared
    south = partners["etela-kymenlaakson-tyollisyysalue"]
    part = part_of(report, "etela-kymenlaakson-tyollisyysalue")
    client = Client()
    client.force_login(south)
    url = f"/fi/follow-up/contributions/{part.pk}/edit/"
    form = {"version": "1", "done": "Ensimmäinen", "results": "", "problems": "", "asks": ""}
    assert client.post(url, form).status_code == 302
    stale = client.post(url, {**form, "done": "Toinen versio"})
    assert stale.status_code == 409
    html = stale.content.decode()
    assert "Ensimmäinen" in html and "Toinen versio" in html
    part.refresh_from_db()
    assert part.done == "Ensimmäinen"


def test_partners_find_their_part_in_my_tasks(shared: tuple) -> None:
    follow_up, report, partners = shared
    client = Client()
    client.force_login(partners["kouvolan-tyollisyysalue"])
    page = client.get("/fi/follow-up/tasks/").content.decode()
    part = part_of(report, "kouvolan-tyollisyysalue")
    assert f"/fi/follow-up/contributions/{part.pk}/edit/" in page
    assert "Kirjoita ja hyväksy osuus: Kouvolan työllisyysalue" in page


# --- closing and publishing ----------------------------------------------------------------------


def test_closing_early_asks_for_a_reason_and_keeps_it_in_the_history(follow_up: FollowUp) -> None:
    admin = Client()
    admin.force_login(follow_up.admin)
    url = "/fi/follow-up/rounds/2026H1/close/"
    confirm = admin.get(url).content.decode()
    # Every report is a draft: each organisation is listed with its goals.
    outstanding = confirm.split('id="outstanding-heading"')[1]
    assert "Kymenlaakson työllisyysjohtoryhmä" in outstanding
    assert follow_up.data.goals["4.1"].title_fi in outstanding
    assert "Miksi kierros suljetaan ennen määräaikaa?" in confirm
    refused = admin.post(url, {"reason": "  "})
    assert refused.status_code == 400
    assert "kerro, miksi kierros suljetaan ennen sitä" in refused.content.decode()
    follow_up.reporting_round.refresh_from_db()
    assert follow_up.reporting_round.status == "open"

    assert admin.post(url, {"reason": "Kokous siirtyi aiemmaksi."}).status_code == 302
    follow_up.reporting_round.refresh_from_db()
    assert follow_up.reporting_round.status == "closed"
    history = admin.get("/fi/follow-up/rounds/2026H1/").content.decode()
    history = history.split('id="history-heading"')[1]
    assert "Kokous siirtyi aiemmaksi." in history and "suljettu" in history


def test_closing_after_the_deadline_needs_no_reason(follow_up: FollowUp) -> None:
    later = follow_up.reporting_round.deadline + datetime.timedelta(days=1)
    services.close_round(actor=follow_up.admin, round_id=follow_up.reporting_round.pk, today=later)
    follow_up.reporting_round.refresh_from_db()
    assert (follow_up.reporting_round.status, follow_up.reporting_round.closing_reason) == (
        "closed",
        "",
    )


def test_publishing_can_be_undone(follow_up: FollowUp) -> None:
    report = follow_up.report("4.3")
    services.save_report(
        actor=follow_up.coordinator_a,
        report_id=report.pk,
        expected_version=1,
        content=ReportContent(assessment="partly"),
    )
    services.submit_report(actor=follow_up.coordinator_a, report_id=report.pk)
    services.accept_report(actor=follow_up.admin, report_id=report.pk)
    admin = Client()
    admin.force_login(follow_up.admin)
    admin.post("/fi/follow-up/rounds/2026H1/close/", {"reason": "Testi."})
    assert "Julkaistaanko kierros?" in admin.get("/fi/follow-up/rounds/2026H1/publish/").content.decode()  # fmt: skip
    assert admin.post("/fi/follow-up/rounds/2026H1/publish/").status_code == 302
    public = Client()
    assert public.get(f"/fi/follow-up/reports/{report.pk}/").status_code == 200
    round_page = public.get("/sv/follow-up/rounds/2026H1/").content.decode()
    assert round_page.count("rapport saknas") == 3  # 4.1, 4.2 and 4.4 were never accepted
    assert admin.post("/fi/follow-up/rounds/2026H1/unpublish/").status_code == 302
    assert public.get(f"/fi/follow-up/reports/{report.pk}/").status_code == 302  # to sign in
    statuses = [e.status for e in selectors.round_history(follow_up.reporting_round)]
    assert statuses == ["open", "closed", "published", "closed"]


def test_a_formula_in_a_report_stays_text_in_the_workbook(follow_up: FollowUp) -> None:
    """A coordinator's `=HYPERLINK(…)` is stored as text in the compiled XLSX, never as a formula
    a spreadsheet would run."""
    report = follow_up.report("4.3")
    formula = '=HYPERLINK("http://example.test","y")'
    content = ReportContent(assessment="partly", texts={"done": formula})
    services.save_report(
        actor=follow_up.coordinator_a, report_id=report.pk, expected_version=1, content=content
    )
    services.submit_report(actor=follow_up.coordinator_a, report_id=report.pk)
    services.accept_report(actor=follow_up.admin, report_id=report.pk)
    workbook = load_workbook(
        io.BytesIO(exports.render_xlsx(selectors.compile_round(follow_up.reporting_round)))
    )
    cells = [cell for row in workbook.worksheets[0].iter_rows() for cell in row]
    written = [cell for cell in cells if cell.value == formula]
    assert written and all(cell.data_type == "s" for cell in written)
