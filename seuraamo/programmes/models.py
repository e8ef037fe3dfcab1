"""The programme model: organisations with validity and successors, programme → theme → goal → measure,
indicators with baselines and targets, and the steering group. Content text is stored in fi/sv/en columns."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from seuraamo.areas.codes import validate_area_code
from seuraamo.organisations.models import Organisation


class Programme(models.Model):
    key = models.SlugField(_("key"), max_length=80, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    start_year = models.PositiveSmallIntegerField(_("start year"))
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    start_date = models.DateField(
        _("start date"),
        null=True,
        blank=True,
        help_text=_(
            "The day the programme started. Each indicator's baseline is its value in the period "
            "holding this day (1.6.2021 → June 2021)."
        ),
    )
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    source_note = models.TextField(_("source and transcription notes"), blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_year", "key"]

    def __str__(self) -> str:
        return self.name_fi

    def clean(self) -> None:
        if self.end_year is not None and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year is before the start year.")})
        if self.start_date is not None and self.start_date.year != self.start_year:
            raise ValidationError({"start_date": _("The start date is not in the start year.")})

    @property
    def period_label(self) -> str:
        return f"{self.start_year}–{self.end_year or ''}"


# Theme numbers appear in URLs (/fi/themes/4.3/): digits separated by dots, as the document writes them.
THEME_NUMBER_PATTERN = r"\A[0-9]+(\.[0-9]+)*\Z"
validate_theme_number = RegexValidator(
    THEME_NUMBER_PATTERN, _("Write the theme number as digits separated by dots, e.g. 4.3.")
)


class Theme(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="themes"
    )
    number = models.CharField(
        _("number"),
        max_length=10,
        validators=[validate_theme_number],
        help_text=_("For example 4.3."),
    )
    title_fi = models.CharField(_("title (Finnish)"), max_length=300)
    title_sv = models.CharField(_("title (Swedish)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    targeted_impacts_fi = models.TextField(_("targeted impacts (Finnish)"), blank=True)
    targeted_impacts_sv = models.TextField(_("targeted impacts (Swedish)"), blank=True)
    targeted_impacts_en = models.TextField(_("targeted impacts (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    archived_on = models.DateField(
        _("archived on"),
        null=True,
        blank=True,
        help_text=_("Set when the programme no longer has it but reports refer to it."),
    )

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["programme", "order", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="unique_theme_number")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title_fi}"

    @property
    def audit_key(self) -> str:
        return f"{self.programme.key}/{self.number}"


class Goal(models.Model):
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.CASCADE, related_name="goals"
    )
    key = models.SlugField(_("key"), max_length=80, unique=True)
    title_fi = models.CharField(_("title (Finnish)"), max_length=300)
    title_sv = models.CharField(_("title (Swedish)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    archived_on = models.DateField(
        _("archived on"),
        null=True,
        blank=True,
        help_text=_("Set when the programme no longer has it but reports refer to it."),
    )

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["theme", "order", "id"]

    def __str__(self) -> str:
        return self.title_fi


class CoordinationRole(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    PARTNER = "partner", _("partner")


class GoalCoordinator(models.Model):
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="coordinators"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="coordinated_goals",
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=CoordinationRole.choices,
        default=CoordinationRole.COORDINATOR,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("goal coordinator")
        verbose_name_plural = _("goal coordinators")
        ordering = ["goal", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "organisation"], name="unique_goal_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    @property
    def audit_key(self) -> str:
        return f"{self.goal.key}/{self.organisation.key}"


class Measure(models.Model):
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="measures"
    )
    key = models.SlugField(_("key"), max_length=80, unique=True)
    title_fi = models.CharField(_("title (Finnish)"), max_length=400)
    title_sv = models.CharField(_("title (Swedish)"), max_length=400, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    archived_on = models.DateField(
        _("archived on"),
        null=True,
        blank=True,
        help_text=_("Set when the programme no longer has it but reports refer to it."),
    )

    # Who carries the measure out, and when: written in the app by the programme admin, never by
    # the programme file (an import leaves these as they are).
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responsible_measures",
    )
    contact_name = models.CharField(
        _("contact"),
        max_length=200,
        blank=True,
        help_text=_(
            "A work contact only: a name or a job title (e.g. employment services coordinator). "
            "Never a private person's details."
        ),
    )
    contact_email = models.EmailField(
        _("work e-mail"),
        blank=True,
        help_text=_("A work address, preferably a shared one (e.g. tyollisyys@kouvola.fi)."),
    )
    contact_phone = models.CharField(
        _("work phone"),
        max_length=40,
        blank=True,
        help_text=_("A work number, e.g. a service number."),
    )
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    schedule_fi = models.CharField(
        _("schedule (Finnish)"),
        max_length=200,
        blank=True,
        help_text=_("When there are no exact dates, e.g. 2025–2026."),
    )
    schedule_sv = models.CharField(_("schedule (Swedish)"), max_length=200, blank=True)
    schedule_en = models.CharField(_("schedule (English)"), max_length=200, blank=True)
    indicators: models.ManyToManyField[Indicator, Any] = models.ManyToManyField(
        "Indicator",
        verbose_name=_("indicators it is meant to move"),
        blank=True,
        related_name="measures",
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["goal", "order", "id"]

    def __str__(self) -> str:
        return self.title_fi

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date is before the start date.")})


class MeasureMilestone(models.Model):
    """A step of a measure with its due date, ticked off when done."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="milestones"
    )
    due = models.DateField(_("due date"))
    text_fi = models.CharField(_("milestone (Finnish)"), max_length=300)
    text_sv = models.CharField(_("milestone (Swedish)"), max_length=300, blank=True)
    text_en = models.CharField(_("milestone (English)"), max_length=300, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["measure", "due", "id"]

    def __str__(self) -> str:
        return f"{self.due}: {self.text_fi}"

    @property
    def audit_key(self) -> str:
        return f"{self.measure.key}/{self.due.isoformat()}/{self.text_fi[:60]}"


class IndicatorKind(models.TextChoices):
    OFFICIAL = "official", _("official statistic")
    MANUAL = "manual", _("reported manually")


class DesiredDirection(models.TextChoices):
    INCREASE = "increase", _("increase")
    DECREASE = "decrease", _("decrease")
    MAINTAIN = "maintain", _("maintain")


class IndicatorUnit(models.TextChoices):
    PERSONS = "persons", _("persons")
    PERCENT = "percent", _("%")
    COUNT = "count", _("count")
    RATIO = "ratio", _("ratio")
    EUROS = "euros", _("euros")


class Indicator(models.Model):
    key = models.SlugField(_("key"), max_length=80, unique=True)
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    name_fi = models.CharField(_("name (Finnish)"), max_length=300)
    name_sv = models.CharField(_("name (Swedish)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=20, choices=IndicatorUnit.choices)
    desired_direction = models.CharField(
        _("desired direction"), max_length=20, choices=DesiredDirection.choices
    )
    kind = models.CharField(_("kind"), max_length=20, choices=IndicatorKind.choices)
    stat_table = models.CharField(
        _("statistics table"), max_length=50, blank=True, help_text=_("For example tyonv/12r5.")
    )
    stat_content_code = models.CharField(_("content code"), max_length=50, blank=True)
    stat_area = models.CharField(
        _("area code"), max_length=20, blank=True, validators=[validate_area_code]
    )
    source_description_fi = models.TextField(_("source (Finnish)"), blank=True)
    source_description_sv = models.TextField(_("source (Swedish)"), blank=True)
    source_description_en = models.TextField(_("source (English)"), blank=True)
    # The baseline is the series' value at the programme's start. These two hold it only when the
    # stored series does not reach back that far but another source gives the value.
    baseline_value = models.DecimalField(
        _("baseline value"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to read the baseline from the statistics at the programme's start. Fill "
            "in only a value at the programme's start taken from another source (say which in "
            "the source text)."
        ),
    )
    baseline_date = models.DateField(
        _("baseline date"),
        null=True,
        blank=True,
        help_text=_("A day in the programme's start month."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    archived_on = models.DateField(
        _("archived on"),
        null=True,
        blank=True,
        help_text=_("Set when the programme no longer has it but reports refer to it."),
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(goal__isnull=False, theme__isnull=True)
                    | models.Q(goal__isnull=True, theme__isnull=False)
                ),
                name="indicator_attached_to_goal_or_theme",
            )
        ]

    def __str__(self) -> str:
        return self.name_fi

    def clean(self) -> None:
        if (self.goal_id is None) == (self.theme_id is None):
            raise ValidationError(_("Attach the indicator to exactly one goal or one theme."))
        binding = (self.stat_table, self.stat_content_code, self.stat_area)
        if self.kind == IndicatorKind.OFFICIAL and not all(binding):
            raise ValidationError(
                _("An official indicator needs a statistics table, a content code and an area.")
            )
        if self.kind == IndicatorKind.MANUAL and any(binding):
            raise ValidationError(
                _("A manually reported indicator has no statistics table, content code or area.")
            )
        if (self.baseline_value is None) != (self.baseline_date is None):
            raise ValidationError(_("Give the baseline as both a value and a date, or neither."))
        start = self.programme_start()
        if (
            self.baseline_date is not None
            and start is not None
            and not same_month(self.baseline_date, start)
        ):
            raise ValidationError(
                {
                    "baseline_date": _(
                        "The baseline is the value at the programme's start (%(month)s): give a "
                        "date in that month, or leave the baseline empty to read it from the "
                        "statistics."
                    )
                    % {"month": f"{start.month}/{start.year}"}
                }
            )

    def programme_start(self) -> datetime.date | None:
        """The start date of the programme the indicator belongs to (through its goal or theme)."""
        if self.goal_id is not None:
            return (
                Programme.objects.filter(themes__goals=self.goal_id)
                .values_list("start_date", flat=True)
                .first()
            )
        if self.theme_id is not None:
            return (
                Programme.objects.filter(themes=self.theme_id)
                .values_list("start_date", flat=True)
                .first()
            )
        return None


def same_month(first: datetime.date, second: datetime.date) -> bool:
    return (first.year, first.month) == (second.year, second.month)


class IndicatorTarget(models.Model):
    """The value the steering group sets as the indicator's target for one year (at its end)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=3)
    area = models.CharField(
        _("area code"),
        max_length=20,
        blank=True,
        validators=[validate_area_code],
        help_text=_(
            "Leave empty for the indicator's own area (Kymenlaakso). For an employment area's "
            "own target write its code: TA04 Etelä-Kymenlaakso, TA16 Kouvola."
        ),
    )
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_("Set on demo content: the pages say the target is an example."),
    )

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["indicator", "year", "area"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "area"], name="unique_indicator_target_area"
            )
        ]

    def __str__(self) -> str:
        area = f" {self.area}" if self.area else ""
        return f"{self.indicator}: {self.value} ({self.year}{area})"

    @property
    def audit_key(self) -> str:
        area = f"/{self.area}" if self.area else ""
        return f"{self.indicator.key}/{self.year}{area}"


class SteeringGroupRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    VICE_CHAIR = "vice_chair", _("vice chair")
    MEMBER = "member", _("member")
    SECRETARY = "secretary", _("secretary")


class SteeringGroupMembership(models.Model):
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="steering_group",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="steering_group_memberships",
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=SteeringGroupRole.choices,
        default=SteeringGroupRole.MEMBER,
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("steering group membership")
        verbose_name_plural = _("steering group memberships")
        ordering = ["programme", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="unique_steering_group_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    @property
    def audit_key(self) -> str:
        return f"{self.programme.key}/{self.organisation.key}"

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end date is before the start date.")})


class ProgrammeSection(models.Model):
    """A page section describing the service system, taken from the programme document (chapter 3)
    and kept up to date in the app. The Finnish text is the original; Swedish and English are
    translations. The body is plain text: blank lines separate paragraphs, lines beginning "- " a list."""

    key = models.SlugField(
        _("key"), max_length=80, unique=True, help_text=_("The anchor on the page.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_fi = models.CharField(_("title (Finnish)"), max_length=200)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_fi = models.TextField(_("text (Finnish)"))
    body_sv = models.TextField(_("text (Swedish)"), blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    edited_at = models.DateTimeField(_("edited in the app"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("service system section")
        verbose_name_plural = _("service system sections")
        ordering = ["order", "key"]

    def __str__(self) -> str:
        return self.title_fi
