"""Steering-group meetings, their decisions and what the responsible organisations report back
about each decision. Re-exported by follow_up.models; writes go through meeting_services.py.
Other follow-up models are named by string so this module does not import models.py."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Meeting(models.Model):
    """A steering-group meeting: the date and place, the round it discusses (its agenda is built
    from the round), the seats present, the minutes (public once approved) and the decisions."""

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    reporting_round = models.ForeignKey(
        "progress.ReportingRound",
        verbose_name=_("reporting round discussed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    participants = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("participating organisations"),
        blank=True,
        related_name="+",
    )
    attendees = models.ManyToManyField(
        "programmes.SteeringGroupMembership",
        verbose_name=_("steering-group seats present"),
        blank=True,
        related_name="+",
    )
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_approved_at = models.DateTimeField(_("minutes approved at"), null=True, blank=True)
    minutes_url = models.URLField(_("link to the minutes"), blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "date"], name="unique_meeting_date")
        ]

    def __str__(self) -> str:
        return self.date.isoformat()

    @property
    def key(self) -> str:
        return self.date.isoformat()

    @property
    def minutes_are_public(self) -> bool:
        return self.minutes_approved_at is not None


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


OPEN_DECISION_STATUSES = (DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS)


class Decision(models.Model):
    """A decision recorded in a meeting, linked to the goals, measures and report it concerns;
    shown on their pages ("decided 12.3.2027: …"). The text is as written in the minutes. The
    responsible organisation reports back on it in its next report until it is done; its status
    changes are audit records (the history shown in the decision log)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    text = models.TextField(_("decision"))
    goals = models.ManyToManyField(
        "programmes.Goal", verbose_name=_("goals"), blank=True, related_name="+"
    )
    measures = models.ManyToManyField(
        "programmes.Measure", verbose_name=_("measures"), blank=True, related_name="+"
    )
    report = models.ForeignKey(
        "progress.GoalReport",
        verbose_name=_("report whose request it answers"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    responsible = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Left out of the public minutes and the public decision log."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.text[:60]}"

    @property
    def audit_key(self) -> str:
        return f"{self.meeting.date.isoformat()}/{self.order}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_DECISION_STATUSES


class DecisionFollowUp(models.Model):
    """What the responsible organisation reports, in a goal report, about one of its open
    decisions; part of the report (shown in its document)."""

    report = models.ForeignKey(
        "progress.GoalReport",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="decision_follow_ups",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    text = models.TextField(_("what was done"), blank=True)
    marked_done = models.BooleanField(_("marked done"), default=False)

    class Meta:
        verbose_name = _("follow-up of a decision")
        verbose_name_plural = _("follow-ups of decisions")
        ordering = ["decision__meeting__date", "decision__order", "decision_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "decision"], name="unique_decision_follow_up")
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.decision}"
