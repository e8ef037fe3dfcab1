"""The follow-up's commands: send_reminders (each reminder once) and build_report (PDF text holds
every goal title, XLSX one row per goal, one-line errors)."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from seuraamo.follow_up import services
from seuraamo.follow_up.reminders import reminder_kind
from seuraamo.follow_up.services import ReportContent
from tests.follow_up.builders import FollowUp


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    "days_left,kind",
    [(30, None), (8, None), (7, "before-7"), (2, "before-7"), (1, "before-1"), (0, "before-1"),
     (-1, "late-1"), (-7, "late-1"), (-8, "late-8"), (-15, "late-15")],
)  # fmt: skip
def test_which_reminder_is_due(days_left: int, kind: str | None) -> None:
    today = datetime.date(2026, 6, 1)
    assert reminder_kind(today + datetime.timedelta(days=days_left), today) == kind


def test_send_reminders_twice_sends_each_reminder_once(follow_up: FollowUp) -> None:
    deadline = follow_up.reporting_round.deadline
    week_before = (deadline - datetime.timedelta(days=5)).isoformat()
    # Coordinator A coordinates 4.2 and 4.3; B coordinates 4.1; nobody with an account has 4.4.
    assert "3 reminders sent." in run("send_reminders", "--today", week_before)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "coordinator-a@example.test",
        "coordinator-a@example.test",
        "coordinator-b@example.test",
    ]
    assert "0 reminders sent." in run("send_reminders", "--today", week_before)
    assert len(mail.outbox) == 3
    # A submitted report gets no more reminders; the late ones go once too.
    report = follow_up.report("4.1")
    services.save_report(
        actor=follow_up.coordinator_b,
        report_id=report.pk,
        expected_version=1,
        content=ReportContent(assessment="partly"),
    )
    services.submit_report(actor=follow_up.coordinator_b, report_id=report.pk)
    day_after = (deadline + datetime.timedelta(days=1)).isoformat()
    assert "2 reminders sent." in run("send_reminders", "--today", day_after)
    assert "0 reminders sent." in run("send_reminders", "--today", day_after)
    assert len(mail.outbox) == 5
    assert mail.outbox[-1].subject.startswith("Seuraamo: puolivuotisraportti on myöhässä")


def test_send_reminders_refuses_a_bad_date(db: None) -> None:
    with pytest.raises(CommandError, match="--today: '30.6.2026' is not a date"):
        run("send_reminders", "--today", "30.6.2026")


def test_build_report_pdf_holds_every_goal_title(follow_up: FollowUp, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    run("build_report", "--round", "2026H1", "--format", "pdf", "--lang", "fi", "--out", str(out))
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    text = " ".join(text.split())
    for goal in follow_up.data.goals.values():
        assert goal.title_fi in text
    assert "1. vuosipuolisko 2026" in text


def test_build_report_xlsx_has_one_row_per_goal(follow_up: FollowUp, tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    run("build_report", "--round", "2026H1", "--format", "xlsx", "--lang", "en", "--out", str(out))
    sheet = load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Theme", "Goal")
    assert sorted(row[1] for row in rows[1:]) == sorted(
        goal.title_en for goal in follow_up.data.goals.values()
    )


def test_build_report_names_a_missing_round_and_writes_nothing(
    follow_up: FollowUp, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    with pytest.raises(CommandError, match="--round: no round has the period '2019H1'"):
        run("build_report", "--round", "2019H1", "--format", "html", "--out", str(out))
    assert list(tmp_path.iterdir()) == []
