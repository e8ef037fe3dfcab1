"""The example content of `make run`: created once in a database without rounds, marked as example
content everywhere, demo users for each role; load_initial_data without --demo creates none."""

from __future__ import annotations

import io
from pathlib import Path

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from seuraamo.accounts.models import User
from seuraamo.accounts.roles import Role, roles_of
from seuraamo.follow_up.demo import EXAMPLE
from seuraamo.follow_up.models import GoalReport, Meeting, Project, ReportingRound
from tests.pages.builders import PageData


def load_demo(data_dir: Path, settings: object) -> str:
    settings.DATA_DIR = data_dir
    out = io.StringIO()
    call_command("load_demo_follow_up", stdout=out)
    return out.getvalue()


def test_demo_content_is_created_once_and_marked_as_example(
    data: PageData, tmp_path: Path, settings: object
) -> None:
    printed = load_demo(tmp_path, settings)
    assert "programme admin: demo-admin@example.test" in printed
    assert (tmp_path / "demo-users.txt").stat().st_mode & 0o777 == 0o600
    rounds = {r.period: r for r in ReportingRound.objects.all()}
    assert {p: r.status for p, r in rounds.items()} == {"2025H2": "published", "2026H1": "open"}
    assert all(r.is_example for r in rounds.values())
    published = GoalReport.objects.filter(reporting_round=rounds["2025H2"])
    # One goal's report was never submitted: the published round shows it as missing.
    assert sorted(r.status for r in published) == ["accepted", "accepted", "accepted", "draft"]
    never_submitted = published.get(status="draft")
    assert never_submitted.goal == data.goals["4.3"]
    assert all(
        r.is_example and r.snapshot["texts"]["assessment_text"].startswith(EXAMPLE)
        for r in published
    )
    # Goal 4.4 is shared by the two employment areas: each wrote and signed off its own part.
    shared = published.get(goal=data.goals["4.4"])
    parts = shared.snapshot["contributions"]
    assert [p["organisation"]["key"] for p in parts] == [
        "etela-kymenlaakson-tyollisyysalue",
        "kouvolan-tyollisyysalue",
    ]
    assert all(
        p["status"] == "signed_off" and p["signed_off_by"] and p["updated_at"] for p in parts
    )
    assert all(p["texts"]["done"].startswith(EXAMPLE) for p in parts)
    drafts = GoalReport.objects.filter(reporting_round=rounds["2026H1"])
    assert {r.status for r in drafts} == {"draft"}
    assert all(r.assessment_text.startswith(EXAMPLE) for r in drafts)  # prefilled from 2025H2
    # A past meeting with approved (public) minutes and decisions in three states, one overdue.
    meeting = Meeting.objects.get()
    assert meeting.minutes_approved_at and meeting.minutes.startswith(EXAMPLE)
    assert meeting.reporting_round == rounds["2025H2"] and meeting.attendees.exists()
    decisions = list(meeting.decisions.order_by("order"))
    assert [d.status for d in decisions] == ["open", "in_progress", "done"]
    assert all(d.text.startswith("ESIMERKKI") for d in decisions)
    assert decisions[0].due_date < timezone.localdate()
    log = Client().get("/fi/follow-up/decisions/").content.decode()
    assert "myöhässä" in log and decisions[1].text in log
    # Two projects the programme names, marked as example content (the test programme has none of
    # the real measures, so they link to none here).
    projects = list(Project.objects.order_by("name"))
    assert [p.name for p in projects] == [
        "ESIMERKKI – Ohjaamo-toiminnan kehittämishanke",
        "MOONA – maahanmuuttajien ohjaus- ja neuvontapalvelu",
    ]
    assert all(p.is_example and p.results.startswith(EXAMPLE) for p in projects)
    assert projects[1].owner == data.organisations["kotkan-kaupunki"]
    listing = Client().get("/fi/follow-up/projects/").content.decode()
    assert listing.count("(Esimerkkisisältöä)") == 2
    roles = {frozenset(roles_of(user).roles) for user in User.objects.all()}
    assert {frozenset({role}) for role in Role} <= roles
    page = Client().get("/fi/follow-up/rounds/2025H2/report.html").content.decode()
    assert "Esimerkkisisältöä" in page
    assert "raportti puuttuu" in page and never_submitted.snapshot["texts"]["done"] not in page
    round_page = Client().get("/fi/follow-up/rounds/2025H2/").content.decode()
    assert round_page.count("raportti puuttuu") == 1
    assert "Etelä-Kymenlaakson työllisyysalue" in page and "Kouvolan työllisyysalue" in page

    # A second start creates nothing and prints the same users.
    users = User.objects.count()
    again = load_demo(tmp_path, settings)
    assert (User.objects.count(), ReportingRound.objects.count()) == (users, 2)
    assert "demo-admin@example.test" in again


def test_no_demo_content_beside_real_rounds(
    data: PageData, tmp_path: Path, settings: object
) -> None:
    ReportingRound.objects.create(
        programme=data.programme, period="2024H1", deadline=timezone.localdate()
    )
    load_demo(tmp_path, settings)
    assert ReportingRound.objects.count() == 1
    assert not User.objects.exists()
