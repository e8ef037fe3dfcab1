"""The follow-up pages over HTTP: what each role sees, the conflict page, the review, downloads,
the public view of published rounds only, and the three languages."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from seuraamo.catalogue.models import Service, ServiceStatus
from seuraamo.follow_up import services
from seuraamo.follow_up.models import GoalReport
from seuraamo.follow_up.services import ReportContent
from tests.follow_up.builders import FollowUp


def client_of(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(report: GoalReport, **changes: str) -> dict[str, str]:
    data = {"version": str(report.version), "assessment": "partly"}
    for status in report.measure_statuses.all():
        data[f"measure_{status.measure_id}_status"] = "in_progress"
        data[f"measure_{status.measure_id}_text"] = ""
    data.update(changes)
    return data


def test_a_coordinator_of_another_organisation_gets_403_for_a_draft(follow_up: FollowUp) -> None:
    report = follow_up.report("4.3")  # coordinated by A's organisation (through succession)
    b = client_of(follow_up.coordinator_b)
    assert b.get(f"/fi/follow-up/reports/{report.pk}/").status_code == 403
    assert b.get(f"/fi/follow-up/reports/{report.pk}/edit/").status_code == 403
    response = b.post(f"/fi/follow-up/reports/{report.pk}/edit/", form_data(report, done="B"))
    assert response.status_code == 403
    assert b.post(f"/fi/follow-up/reports/{report.pk}/submit/").status_code == 403
    report.refresh_from_db()
    assert (report.done, report.status) == ("", "draft")
    assert (
        client_of(follow_up.coordinator_a).get(f"/fi/follow-up/reports/{report.pk}/").status_code
        == 200
    )
    # An anonymous visitor is sent to sign in, and back to the page afterwards.
    anonymous = Client().get(f"/fi/follow-up/reports/{report.pk}/")
    assert anonymous["Location"] == f"/fi/accounts/login/?next=/fi/follow-up/reports/{report.pk}/"
    assert Client().get("/fi/follow-up/rounds/2026H1/").status_code == 302


def test_a_stale_save_shows_both_versions_and_keeps_the_text(follow_up: FollowUp) -> None:
    report = follow_up.report("4.3")
    a = client_of(follow_up.coordinator_a)
    first = a.post(
        f"/fi/follow-up/reports/{report.pk}/edit/", form_data(report, done="Ensimmäinen")
    )
    assert first.status_code == 302
    stale = a.post(
        f"/fi/follow-up/reports/{report.pk}/edit/", form_data(report, done="Toinen teksti")
    )
    assert stale.status_code == 409
    html = stale.content.decode()
    assert "Ensimmäinen" in html and "Toinen teksti" in html
    report.refresh_from_db()
    assert report.done == "Ensimmäinen"
    # The form on the conflict page carries the stored version: saving it again is accepted.
    retry = a.post(f"/fi/follow-up/reports/{report.pk}/edit/", form_data(report, done="Yhdistetty"))
    assert retry.status_code == 302
    report.refresh_from_db()
    assert report.done == "Yhdistetty"


def test_the_admin_returns_with_a_comment_and_accepts(follow_up: FollowUp) -> None:
    report = follow_up.report("4.3")
    services.save_report(
        actor=follow_up.coordinator_a,
        report_id=report.pk,
        expected_version=1,
        content=ReportContent(assessment="partly"),
    )
    services.submit_report(actor=follow_up.coordinator_a, report_id=report.pk)
    admin = client_of(follow_up.admin)
    url = f"/fi/follow-up/reports/{report.pk}/review/"
    missing = admin.post(url, {"decision": "return", "comment": ""})
    assert missing.status_code == 400
    assert "Kirjoita kommentti, joka kertoo, mitä pitää muuttaa." in missing.content.decode()
    assert admin.post(url, {"decision": "return", "comment": "Täydennä"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "returned"
    page = client_of(follow_up.coordinator_a).get(f"/fi/follow-up/reports/{report.pk}/")
    assert "Täydennä" in page.content.decode()
    assert client_of(follow_up.steering).post(url, {"decision": "accept"}).status_code == 403


def test_tasks_list_what_is_due(follow_up: FollowUp) -> None:
    page = client_of(follow_up.coordinator_a).get("/fi/follow-up/tasks/").content.decode()
    assert follow_up.data.goals["4.3"].title_fi in page
    assert follow_up.data.goals["4.2"].title_fi in page
    assert follow_up.data.goals["4.1"].title_fi not in page
    assert Client().get("/fi/follow-up/tasks/").status_code == 302


def test_the_public_sees_only_published_rounds(follow_up: FollowUp) -> None:
    public = Client()
    round_id = follow_up.reporting_round.pk
    assert "2026" not in public.get("/fi/follow-up/rounds/").content.decode().split("<main")[1]
    accepted = follow_up.report("4.3")
    services.save_report(
        actor=follow_up.coordinator_a,
        report_id=accepted.pk,
        expected_version=1,
        content=ReportContent(assessment="partly"),
    )
    services.submit_report(actor=follow_up.coordinator_a, report_id=accepted.pk)
    services.accept_report(actor=follow_up.admin, report_id=accepted.pk)
    services.close_round(
        actor=follow_up.admin, round_id=round_id, reason="Testi: suljetaan ennen määräaikaa."
    )
    closed_pdf = public.get("/fi/follow-up/rounds/2026H1/report.pdf")
    assert closed_pdf.status_code == 302 and "/accounts/login/" in closed_pdf["Location"]
    services.publish_round(actor=follow_up.admin, round_id=round_id)
    assert "1. vuosipuolisko 2026" in public.get("/fi/follow-up/rounds/").content.decode()
    assert public.get("/sv/follow-up/rounds/2026H1/").status_code == 200
    response = public.get("/en/follow-up/rounds/2026H1/report.xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="seuraamo-2026H1-en.xlsx"'
    goal = follow_up.data.goals["4.3"]
    timeline = public.get(f"/fi/follow-up/goals/{goal.key}/").content.decode()
    assert "1. vuosipuolisko 2026" in timeline
    # Goal 4.1's report was never submitted: its timeline has no entry for the round.
    unsubmitted = follow_up.data.goals["4.1"].key
    assert (
        "vuosipuolisko 2026"
        not in public.get(f"/fi/follow-up/goals/{unsubmitted}/").content.decode().split("<main")[1]
    )


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_page_renders_in_each_language(follow_up: FollowUp, language: str) -> None:
    report = follow_up.report("4.3")
    admin, a = client_of(follow_up.admin), client_of(follow_up.coordinator_a)
    for client, path in [
        (a, "follow-up/tasks/"),
        (a, f"follow-up/reports/{report.pk}/"),
        (a, f"follow-up/reports/{report.pk}/edit/"),
        (admin, "follow-up/rounds/"),
        (admin, "follow-up/rounds/open/"),
        (admin, "follow-up/rounds/2026H1/"),
        (admin, "follow-up/rounds/2026H1/report.html"),
        (admin, f"follow-up/goals/{report.goal.key}/"),
        (Client(), "accounts/login/"),
        (Client(), "accounts/password-reset/"),
    ]:
        response = client.get(f"/{language}/{path}")
        assert response.status_code == 200, path
        assert f'<html lang="{language}">' in response.content.decode(), path


def test_projects_behind_the_goal_show_in_the_report_and_stay_in_the_snapshot(
    follow_up: FollowUp,
) -> None:
    import datetime
    from decimal import Decimal

    from seuraamo.follow_up.models import Project

    goal = follow_up.data.goals["4.3"]
    project = Project.objects.create(
        name="Osaajat Kymenlaaksoon -pilotti",
        funding_source="ESR+",
        funding_amount=Decimal("250000"),
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    project.measures.add(goal.measures.first())
    project.partners.add(follow_up.data.organisations["kotkan-kaupunki"])
    report = follow_up.report("4.3")
    page = client_of(follow_up.coordinator_a).get(f"/fi/follow-up/reports/{report.pk}/")
    html = page.content.decode()
    assert "Osaajat Kymenlaaksoon -pilotti" in html and "ESR+, 250\xa0000 €" in html
    assert "Kotkan kaupunki" in html
    services.save_report(
        actor=follow_up.coordinator_a,
        report_id=report.pk,
        expected_version=1,
        content=ReportContent(assessment="partly"),
    )
    services.submit_report(actor=follow_up.coordinator_a, report_id=report.pk)
    services.accept_report(actor=follow_up.admin, report_id=report.pk)
    services.close_round(
        actor=follow_up.admin,
        round_id=follow_up.reporting_round.pk,
        reason="Testi: suljetaan ennen määräaikaa.",
    )
    project.delete()
    compiled = client_of(follow_up.admin).get("/fi/follow-up/rounds/2026H1/report.html")
    assert "Osaajat Kymenlaaksoon -pilotti" in compiled.content.decode()


def test_steering_group_comments_and_the_difference_to_the_previous_round(
    follow_up: FollowUp,
) -> None:
    import datetime

    from django.utils import timezone

    report = follow_up.report("4.3")
    services.save_report(
        actor=follow_up.coordinator_a,
        report_id=report.pk,
        expected_version=1,
        content=ReportContent(assessment="on_track", texts={"done": "Syksyn messut"}),
    )
    services.submit_report(actor=follow_up.coordinator_a, report_id=report.pk)
    services.close_round(
        actor=follow_up.admin,
        round_id=follow_up.reporting_round.pk,
        reason="Testi: suljetaan ennen määräaikaa.",
    )
    later = services.open_round(
        actor=follow_up.admin,
        programme=follow_up.data.programme,
        period="2026H2",
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        goals=[follow_up.data.goals["4.3"]],
    ).reports.get()
    services.save_report(
        actor=follow_up.coordinator_a,
        report_id=later.pk,
        expected_version=1,
        content=ReportContent(assessment="off_track", texts={"done": "Kevään messut"}),
    )
    steering = client_of(follow_up.steering)
    url = f"/fi/follow-up/reports/{later.pk}/"
    assert steering.get(url).status_code == 403  # a draft stays with its organisation
    services.submit_report(actor=follow_up.coordinator_a, report_id=later.pk)
    url = f"/fi/follow-up/reports/{later.pk}/"
    html = steering.get(url).content.decode()
    section = html.split('id="differences-heading"')[1].split("</section>")[0]
    assert "Verrattuna kauteen 1. vuosipuolisko 2026" in html
    assert "Syksyn messut" in section and "Kevään messut" in section
    assert "etenee suunnitellusti" in section and "ei etene suunnitellusti" in section
    assert steering.post(f"{url}comment/", {"text": "Hyvä tarkennus."}).status_code == 302
    coordinator_view = client_of(follow_up.coordinator_a).get(url).content.decode()
    assert "Hyvä tarkennus." in coordinator_view
    assert (
        client_of(follow_up.coordinator_a).post(f"{url}comment/", {"text": "x"}).status_code == 403
    )


def tool_links(user: object, language: str = "fi") -> dict[str, str]:
    html = client_of(user).get(f"/{language}/follow-up/tasks/").content.decode()
    tools = html.split('<ul class="tools">', 1)[1].split("</ul>", 1)[0] if "tools" in html else ""
    return dict(
        (label, href) for href, label in re.findall(r'<a href="([^"]+)">([^<]+)</a>', tools)
    )


def test_my_tasks_links_each_role_to_its_other_pages(follow_up: FollowUp) -> None:
    """The data-status page, the analysts' register of barometers and publications, the service
    editor and the admin are reached from "My tasks", and only by those who may open them."""
    Service.objects.create(
        key="constructed-test-service",
        name_fi="Rakennettu testipalvelu",
        responsible=follow_up.data.organisations["kotkan-kaupunki"],
        level=1,
        status=ServiceStatus.PUBLISHED,
    )
    assert tool_links(follow_up.admin) == {
        "Muokkaamani palvelut": "/fi/services/editing/",
        "Tietojen tila": "/fi/data-status/",
        "Barometrit ja julkaisut": "/fi/publications/",
        "Ylläpito": "/fi/admin/",
    }
    assert tool_links(follow_up.analyst, "sv") == {
        "Datastatus": "/sv/data-status/",
        "Barometrar och publikationer": "/sv/publications/",
    }
    assert tool_links(follow_up.outsider, "en") == {"Services I edit": "/en/services/editing/"}
    assert tool_links(follow_up.coordinator_b) == {}
    for user in (follow_up.admin, follow_up.analyst, follow_up.outsider):
        for url in tool_links(user).values():
            assert client_of(user).get(url).status_code == 200, (user, url)
