"""Reminder e-mails to coordinators: before the deadline (a week and a day before) and while a
report is late (on the day after the deadline, then once a week). Each reminder goes once to each
person: a sent reminder is recorded (SentReminder) in the same transaction as the sending."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from seuraamo.accounts.models import User
from seuraamo.follow_up.models import GoalReport, ReportStatus, RoundStatus, SentReminder
from seuraamo.follow_up.selectors import coordinator_users


def reminder_kind(deadline: datetime.date, today: datetime.date) -> str | None:
    """Which reminder is due today, or None: "before-7" in the last week, "before-1" on the last
    day and on the deadline, then "late-1" after it and "late-8", "late-15", ... once a week."""
    days_left = (deadline - today).days
    if 2 <= days_left <= 7:
        return "before-7"
    if 0 <= days_left <= 1:
        return "before-1"
    if days_left < 0:
        late = -days_left
        return f"late-{late - (late - 1) % 7}"
    return None


@dataclass(frozen=True)
class Sent:
    report: GoalReport
    recipient: User
    kind: str


def send_reminders(today: datetime.date) -> list[Sent]:
    sent: list[Sent] = []
    reports = (
        GoalReport.objects.filter(
            reporting_round__status=RoundStatus.OPEN,
            status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED],
        )
        .select_related("reporting_round", "goal")
        .prefetch_related("organisations")
    )
    for report in reports:
        kind = reminder_kind(report.reporting_round.deadline, today)
        if kind is None:
            continue
        for recipient in coordinator_users(report):
            if _send_once(report, recipient, kind, today):
                sent.append(Sent(report, recipient, kind))
    return sent


def _send_once(report: GoalReport, recipient: User, kind: str, today: datetime.date) -> bool:
    try:
        with transaction.atomic():
            _, created = SentReminder.objects.get_or_create(
                report=report, recipient=recipient, kind=kind
            )
            if not created:
                return False
            _send(report, recipient, kind, today)
    except IntegrityError:  # another run recorded the same reminder at the same moment
        return False
    return True


def _send(report: GoalReport, recipient: User, kind: str, today: datetime.date) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        deadline = report.reporting_round.deadline
        goal = report.goal.title_fi
        if kind.startswith("late"):
            subject = _("Seuraamo: the half-year report is late – %(goal)s") % {"goal": goal}
        else:
            subject = _("Seuraamo: the half-year report is due %(date)s – %(goal)s") % {
                "date": f"{deadline.day}.{deadline.month}.{deadline.year}",
                "goal": goal,
            }
        link = settings.SITE_URL + reverse("follow_up:report_edit", args=[report.pk])
        body = "\n\n".join(
            [
                _(
                    "The half-year report of the goal “%(goal)s” for %(period)s is not submitted yet."
                )
                % {"goal": goal, "period": report.reporting_round.label("fi")},
                _("Deadline: %(date)s.")
                % {"date": f"{deadline.day}.{deadline.month}.{deadline.year}"},
                link,
            ]
        )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
