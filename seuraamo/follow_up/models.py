"""The half-year follow-up: reporting rounds, one report per goal and round, measure statuses,
manually reported indicator values and the reminders sent. Writes go through services.py."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from seuraamo.core.fields import PeriodField

# Meetings and decisions have their own module (this one would pass 600 lines); re-exported here.
from seuraamo.follow_up.meeting_models import Decision as Decision
from seuraamo.follow_up.meeting_models import DecisionFollowUp as DecisionFollowUp
from seuraamo.follow_up.meeting_models import DecisionStatus as DecisionStatus
from seuraamo.follow_up.meeting_models import Meeting as Meeting

# Projects too.
from seuraamo.follow_up.project_models import Project as Project
from seuraamo.follow_up.project_models import ProjectStatus as ProjectStatus
from seuraamo.periods import Frequency, Period, PeriodError
from seuraamo.programmes.models import Goal, Indicator, Measure, Programme


def validate_half_year(code: str) -> None:
    try:
        Period.parse(code, Frequency.HALF_YEAR)
    except PeriodError:
        raise ValidationError(
            _("Write the period as a half-year, e.g. 2026H1."), code="period"
        ) from None


class RoundStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")
    PUBLISHED = "published", _("published")


class ReportingRound(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="rounds"
    )
    period = PeriodField(
        _("period"),
        max_length=6,
        frequency=Frequency.HALF_YEAR,
        validators=[validate_half_year],
        help_text=_("E.g. 2026H1."),
    )
    deadline = models.DateField(_("deadline"))
    goals = models.ManyToManyField(Goal, verbose_name=_("goals included"), related_name="+")
    status = models.CharField(
        _("status"), max_length=12, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    is_example = models.BooleanField(
        _("example content"), default=False, help_text=_("Demo data for trying the app out.")
    )
    # The compiled report's labour-market figures as stored when the round closed
    # (`labour_market.frozen_summary`); None while the round is open, which reads them live.
    labour_market = models.JSONField(_("labour-market summary at closing"), null=True, blank=True)
    closing_reason = models.TextField(
        _("reason for closing before the deadline"),
        blank=True,
        help_text=_("Asked when the round is closed before its deadline; kept in its history."),
    )

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["-period"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "period"], name="unique_round_period")
        ]

    def __str__(self) -> str:
        return self.period

    @property
    def key(self) -> str:
        return self.period

    @property
    def period_value(self) -> Period:
        return Period.parse(self.period, Frequency.HALF_YEAR)

    def label(self, language: str) -> str:
        return self.period_value.label(language)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned")
    ACCEPTED = "accepted", _("accepted")


class Assessment(models.TextChoices):
    ON_TRACK = "on_track", _("on track")
    PARTLY = "partly", _("partly on track")
    OFF_TRACK = "off_track", _("off track")
    NOT_STARTED = "not_started", _("not started")
    COMPLETED = "completed", _("completed")


#: The report's free-text sections, in the order the form and the compiled report show them.
TEXT_FIELDS = ("assessment_text", "done", "results", "problems", "next_steps", "asks")
#: Their labels on the form, the page and in the compiled report.
TEXT_LABELS = {
    "assessment_text": _("The assessment in brief"),
    "done": _("What was done"),
    "results": _("Results"),
    "problems": _("Problems and risks"),
    "next_steps": _("Next steps"),
    "asks": _("What is asked of the steering group"),
}


class GoalReport(models.Model):
    reporting_round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("reporting round"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    assessment = models.CharField(
        _("overall assessment"), max_length=12, choices=Assessment.choices, blank=True
    )
    assessment_text = models.TextField(_("assessment in brief"), blank=True)
    done = models.TextField(_("what was done"), blank=True)
    results = models.TextField(_("results"), blank=True)
    problems = models.TextField(_("problems and risks"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    asks = models.TextField(_("what is asked of the steering group"), blank=True)
    return_comment = models.TextField(_("comment when returned"), blank=True)
    #: Official indicator values as of the period's end, stored when the report is created.
    official_values = models.JSONField(_("official indicator values"), default=list, blank=True)
    #: The whole report with the programme texts as they were, frozen when the round closes.
    snapshot = models.JSONField(_("frozen snapshot"), null=True, blank=True)
    #: Optimistic locking: each save adds one; a save based on an older version is a conflict.
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    is_example = models.BooleanField(_("example content"), default=False)

    class Meta:
        verbose_name = _("goal report")
        verbose_name_plural = _("goal reports")
        ordering = ["reporting_round", "goal"]
        constraints = [
            models.UniqueConstraint(fields=["reporting_round", "goal"], name="unique_goal_report")
        ]

    def __str__(self) -> str:
        return f"{self.reporting_round.period} {self.goal.key}"

    @property
    def audit_key(self) -> str:
        return f"{self.reporting_round.period}/{self.goal.key}"


class ReportOrganisation(models.Model):
    """An organisation that coordinates the report's goal in its round. Resolved through succession
    to the organisations valid at the round's period end when the round opens, and kept, so that a
    later reorganisation does not rewrite a closed round. The first (lowest order) is the lead: it
    writes the overall assessment and submits the report."""

    report = models.ForeignKey(
        GoalReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="organisations",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("coordinating organisation of a report")
        verbose_name_plural = _("coordinating organisations of reports")
        ordering = ["report", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "organisation"], name="unique_report_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.organisation}"

    @property
    def audit_key(self) -> str:
        return f"{self.report.audit_key}/{self.organisation.key}"


class ContributionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SIGNED_OFF = "signed_off", _("signed off")


#: The free-text sections each organisation writes in its own contribution to a shared report.
CONTRIBUTION_FIELDS = ("done", "results", "problems", "asks")


def report_text_fields(*, shared: bool) -> tuple[str, ...]:
    """The sections written in the report itself: all of them, or for a report several
    organisations share, those the lead writes for the goal as a whole."""
    return tuple(n for n in TEXT_FIELDS if not (shared and n in CONTRIBUTION_FIELDS))


class Contribution(models.Model):
    """One organisation's own part of a report whose goal several organisations coordinate: what it
    did, its results, problems and requests, and the status of the measures it runs. Its
    organisation signs it off; until then nobody outside that organisation and the admins reads it."""

    report = models.ForeignKey(
        GoalReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ContributionStatus.choices,
        default=ContributionStatus.DRAFT,
    )
    done = models.TextField(_("what was done"), blank=True)
    results = models.TextField(_("results"), blank=True)
    problems = models.TextField(_("problems and risks"), blank=True)
    asks = models.TextField(_("what is asked of the steering group"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["report", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "organisation"], name="unique_report_contribution"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.organisation}"

    @property
    def audit_key(self) -> str:
        return f"{self.report.audit_key}/{self.organisation.key}"

    @property
    def is_signed_off(self) -> bool:
        return self.status == ContributionStatus.SIGNED_OFF


class MeasureStatusChoice(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DELAYED = "delayed", _("delayed")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class MeasureStatusFields(models.Model):
    """A measure's status and a short text: what a report and an organisation's part both say of
    each measure."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=MeasureStatusChoice.choices, blank=True
    )
    text = models.TextField(_("in brief"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.measure}: {self.status}"


class MeasureStatus(MeasureStatusFields):
    report = models.ForeignKey(
        GoalReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="measure_statuses",
    )

    class Meta:
        verbose_name = _("measure status")
        verbose_name_plural = _("measure statuses")
        ordering = ["report", "measure"]
        constraints = [
            models.UniqueConstraint(fields=["report", "measure"], name="unique_measure_status")
        ]

    @property
    def audit_key(self) -> str:
        return f"{self.report.audit_key}/{self.measure.key}"


class ContributionMeasureStatus(MeasureStatusFields):
    """The status of a measure as one contributing organisation reports it (the measures it runs)."""

    contribution = models.ForeignKey(
        Contribution,
        verbose_name=_("contribution"),
        on_delete=models.CASCADE,
        related_name="measure_statuses",
    )

    class Meta:
        verbose_name = _("measure status of a contribution")
        verbose_name_plural = _("measure statuses of contributions")
        ordering = ["contribution", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "measure"], name="unique_contribution_measure"
            )
        ]

    @property
    def audit_key(self) -> str:
        return f"{self.contribution.audit_key}/{self.measure.key}"


class ManualIndicatorValue(models.Model):
    """A value of a manually reported indicator, entered in a report: date, source, reporter."""

    report = models.ForeignKey(
        GoalReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="manual_values",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=3, null=True, blank=True)
    date = models.DateField(_("date of the value"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("manual indicator value")
        verbose_name_plural = _("manual indicator values")
        ordering = ["report", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="unique_manual_value")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"

    @property
    def audit_key(self) -> str:
        return f"{self.report.audit_key}/{self.indicator.key}"


class SentReminder(models.Model):
    """One reminder e-mail sent to one person about one report; never sent again."""

    report = models.ForeignKey(
        GoalReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="reminders"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=30)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "recipient", "kind"], name="unique_sent_reminder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} → {self.recipient} ({self.kind})"


class ReportComment(models.Model):
    """A steering-group member's (or an admin's) comment on a report; coordinators read it."""

    report = models.ForeignKey(
        GoalReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.report}: {self.text[:40]}"
