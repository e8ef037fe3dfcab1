"""The reporting workflow through the services: roles, prefill, optimistic locking, double submits,
frozen snapshots, audit."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from seuraamo.accounts.roles import roles_of
from seuraamo.core.models import AuditEvent
from seuraamo.follow_up import rules, services
from seuraamo.follow_up.documents import document_of
from seuraamo.follow_up.models import ReportStatus, RoundStatus
from seuraamo.follow_up.services import ConflictError, FollowUpError, ReportContent
from tests.follow_up.builders import FollowUp


def content(**texts: str) -> ReportContent:
    return ReportContent(assessment="partly", texts=texts)


def test_roles_follow_groups_and_the_coordinating_organisation(follow_up: FollowUp) -> None:
    organisations = follow_up.data.organisations
    a = roles_of(follow_up.coordinator_a)
    # The elinvoimakeskus's staff act for it and for the ELY centre, whose tasks it carries.
    assert a.roles == set()
    assert a.organisation_ids == {
        organisations["kaakkois-suomen-elinvoimakeskus"].pk,
        organisations["kaakkois-suomen-ely-keskus"].pk,
    }
    # So A writes the reports of 4.2 and 4.3 (the ELY centre's in this round), B that of 4.1.
    writes = {
        number: rules.writes_report(a, follow_up.report(number)) for number in ("4.1", "4.2", "4.3")
    }
    assert writes == {"4.1": False, "4.2": True, "4.3": True}
    assert rules.writes_report(roles_of(follow_up.coordinator_b), follow_up.report("4.1"))
    # Kotka is only a partner of 4.4: it writes no report.
    assert roles_of(follow_up.outsider).roles == set()
    assert not rules.writes_report(roles_of(follow_up.outsider), follow_up.report("4.4"))
    assert roles_of(follow_up.admin).is_admin
    assert roles_of(follow_up.steering).reads_every_report
    assert not roles_of(follow_up.analyst).is_admin


def test_only_an_admin_opens_a_round_and_the_period_must_be_a_half_year(
    follow_up: FollowUp,
) -> None:
    data = follow_up.data
    deadline = timezone.localdate()
    with pytest.raises(PermissionDenied):
        services.open_round(
            actor=follow_up.steering,
            programme=data.programme,
            period="2026H2",
            deadline=deadline,
            goals=[],
        )
    with pytest.raises(ValidationError, match="2026H1"):
        services.open_round(
            actor=follow_up.admin,
            programme=data.programme,
            period="2026M06",
            deadline=deadline,
            goals=[],
        )
    with pytest.raises(FollowUpError, match="Kierros 2026H1 on jo olemassa."):
        services.open_round(
            actor=follow_up.admin,
            programme=data.programme,
            period="2026H1",
            deadline=deadline,
            goals=list(data.goals.values()),
        )


def test_the_whole_workflow_and_its_audit_trail(follow_up: FollowUp) -> None:
    report = follow_up.report("4.3")
    coordinator, admin = follow_up.coordinator_a, follow_up.admin
    saved = services.save_report(
        actor=coordinator,
        report_id=report.pk,
        expected_version=1,
        content=content(done="Rekrytointimessut"),
    )
    assert saved.version == 2
    with pytest.raises(FollowUpError, match="Valitse kokonaisarvio"):
        services.submit_report(
            actor=coordinator,
            report_id=services.save_report(
                actor=coordinator,
                report_id=report.pk,
                expected_version=2,
                content=ReportContent(texts={"done": "x"}),
            ).pk,
        )
    services.save_report(
        actor=coordinator,
        report_id=report.pk,
        expected_version=3,
        content=content(done="Rekrytointimessut"),
    )
    assert services.submit_report(actor=coordinator, report_id=report.pk) is True
    assert (
        services.submit_report(actor=coordinator, report_id=report.pk) is False
    )  # the double submit
    assert AuditEvent.objects.filter(after__status="submitted").count() == 1
    with pytest.raises(PermissionDenied):
        services.save_report(
            actor=coordinator,
            report_id=report.pk,
            expected_version=5,
            content=content(done="after submit"),
        )
    with pytest.raises(FollowUpError, match="Kirjoita kommentti"):
        services.return_report(actor=admin, report_id=report.pk, comment="  ")
    assert services.return_report(actor=admin, report_id=report.pk, comment="Lisää tulokset.")
    report.refresh_from_db()
    assert (report.status, report.return_comment) == (ReportStatus.RETURNED, "Lisää tulokset.")
    services.save_report(
        actor=coordinator,
        report_id=report.pk,
        expected_version=report.version,
        content=content(results="120 työpaikkaa"),
    )
    assert services.submit_report(actor=coordinator, report_id=report.pk)
    with pytest.raises(PermissionDenied):
        services.accept_report(actor=coordinator, report_id=report.pk)
    assert services.accept_report(actor=admin, report_id=report.pk)
    assert not services.accept_report(actor=admin, report_id=report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    event = AuditEvent.objects.filter(object_type="progress.goalreport", action="update").last()
    assert event.actor == coordinator
    assert event.before == {"assessment": "", "done": "", "version": 1, "updated_by": None}
    assert event.after == {
        "assessment": "partly",
        "done": "Rekrytointimessut",
        "version": 2,
        "updated_by": str(coordinator.pk),
    }
    assert event.object_key == "2026H1/goal-4-3"


def test_a_stale_save_is_a_conflict_and_changes_nothing(follow_up: FollowUp) -> None:
    report = follow_up.report("4.3")
    services.save_report(
        actor=follow_up.coordinator_a,
        report_id=report.pk,
        expected_version=1,
        content=content(done="First editor"),
    )
    with pytest.raises(ConflictError) as raised:
        services.save_report(
            actor=follow_up.coordinator_a,
            report_id=report.pk,
            expected_version=1,
            content=content(done="Second editor"),
        )
    assert raised.value.current.done == "First editor"
    report.refresh_from_db()
    assert (report.done, report.version) == ("First editor", 2)


def test_a_coordinator_cannot_write_another_organisations_report(follow_up: FollowUp) -> None:
    report = follow_up.report("4.3")
    with pytest.raises(PermissionDenied):
        services.save_report(
            actor=follow_up.coordinator_b,
            report_id=report.pk,
            expected_version=1,
            content=content(done="not mine"),
        )
    with pytest.raises(PermissionDenied):
        services.submit_report(actor=follow_up.coordinator_b, report_id=report.pk)


def test_closing_freezes_the_reports_against_later_programme_changes(follow_up: FollowUp) -> None:
    report = follow_up.report("4.3")
    services.save_report(
        actor=follow_up.coordinator_a,
        report_id=report.pk,
        expected_version=1,
        content=content(done="Tehty"),
    )
    services.close_round(
        actor=follow_up.admin,
        round_id=follow_up.reporting_round.pk,
        reason="Testi: suljetaan ennen määräaikaa.",
    )
    goal = follow_up.data.goals["4.3"]
    original_title = goal.title_fi
    goal.title_fi = "Muutettu myöhemmin"
    goal.save()
    report.refresh_from_db()
    frozen = document_of(report)
    assert frozen["goal"]["title"]["fi"] == original_title
    assert frozen["texts"]["done"] == "Tehty"
    with pytest.raises(PermissionDenied):
        services.save_report(
            actor=follow_up.coordinator_a,
            report_id=report.pk,
            expected_version=2,
            content=content(done="late edit"),
        )
    with pytest.raises(PermissionDenied):
        services.reopen_round(actor=follow_up.steering, round_id=follow_up.reporting_round.pk)
    services.reopen_round(actor=follow_up.admin, round_id=follow_up.reporting_round.pk)
    follow_up.reporting_round.refresh_from_db()
    assert follow_up.reporting_round.status == RoundStatus.OPEN
    assert AuditEvent.objects.filter(
        object_type="progress.reportinground", after__status="open"
    ).exists()


def test_a_new_round_is_prefilled_from_the_previous_report(follow_up: FollowUp) -> None:
    report = follow_up.report("4.3")
    measure_id = report.measure_statuses.first().measure_id
    services.save_report(
        actor=follow_up.coordinator_a,
        report_id=report.pk,
        expected_version=1,
        content=ReportContent(
            assessment="on_track",
            texts={"next_steps": "Jatketaan"},
            measures={measure_id: ("in_progress", "Käynnissä")},
        ),
    )
    services.close_round(
        actor=follow_up.admin,
        round_id=follow_up.reporting_round.pk,
        reason="Testi: suljetaan ennen määräaikaa.",
    )
    later = services.open_round(
        actor=follow_up.admin,
        programme=follow_up.data.programme,
        period="2026H2",
        deadline=timezone.localdate() + datetime.timedelta(days=200),
        goals=[follow_up.data.goals["4.3"]],
    )
    prefilled = later.reports.get()
    assert (prefilled.assessment, prefilled.next_steps) == ("on_track", "Jatketaan")
    assert prefilled.status == ReportStatus.DRAFT
    status = prefilled.measure_statuses.get(measure_id=measure_id)
    assert (status.status, status.text) == ("in_progress", "Käynnissä")
