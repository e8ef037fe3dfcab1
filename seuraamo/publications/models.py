"""The publications register: barometers and outlooks the programme follows that have no API
(regional outlooks, the SME barometer, the municipal barometer …), and their figures as stored
series entered by analysts on their own pages (`views.py`) or imported from a CSV template, with
revisions kept."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from seuraamo.core.fields import PeriodField
from seuraamo.periods import Frequency, Period


class Cadence(models.TextChoices):
    MONTHLY = "monthly", _("monthly")
    TWICE_A_YEAR = "twice_a_year", _("twice a year")
    YEARLY = "yearly", _("yearly")
    EVERY_OTHER_YEAR = "every_other_year", _("every other year")


class Publication(models.Model):
    key = models.SlugField(_("key"), max_length=60, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200)
    cadence = models.CharField(_("cadence"), max_length=20, choices=Cadence.choices)
    link = models.URLField(_("link"), blank=True)
    latest_release = models.DateField(_("latest release"), null=True, blank=True)
    next_expected_release = models.DateField(_("next expected release"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return self.name_fi


def validate_period(code: str) -> None:
    if not Period.is_valid(code):
        raise ValidationError(
            _("Not a period like 2026M06, 2026Q2, 2026H1 or 2026: %(code)s") % {"code": code}
        )


class PublicationFigure(models.Model):
    """One figure of a publication: e.g. the SME barometer's balance of expected staff changes
    for Kymenlaakso in 2026H1."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="figures", verbose_name=_("publication")
    )
    area_code = models.CharField(_("area code"), max_length=20)
    indicator = models.SlugField(_("indicator"), max_length=60)
    period = PeriodField(_("period"), validators=[validate_period])
    value = models.FloatField(_("value"))
    # What an analyst records with the figure (empty on figures imported from the CSV template).
    indicator_name = models.CharField(
        _("indicator as the publication names it"), max_length=200, blank=True
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    released_on = models.DateField(_("release date"), null=True, blank=True)
    # A withdrawn figure stays stored (its history is in the audit trail) and is shown nowhere.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["publication", "indicator", "area_code", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "area_code", "indicator", "period"],
                name="one_figure_per_publication_area_indicator_period",
            )
        ]
        verbose_name = _("publication figure")
        verbose_name_plural = _("publication figures")

    def __str__(self) -> str:
        return f"{self.publication.key} {self.indicator} {self.area_code} {self.period}"

    @property
    def audit_key(self) -> str:
        return f"{self.publication.key}/{self.indicator}/{self.area_code}/{self.period}"


class PublicationFigureRevision(models.Model):
    """The value a figure had before an import or an edit changed it."""

    figure = models.ForeignKey(
        PublicationFigure, on_delete=models.CASCADE, related_name="revisions"
    )
    previous_value = models.FloatField(_("previous value"))
    replaced_at = models.DateTimeField(_("replaced at"), auto_now_add=True)
    source = models.CharField(_("source"), max_length=300)

    def __str__(self) -> str:
        return f"{self.figure}: was {self.previous_value}"


class BarometerLoad(models.Model):
    """One fetch or file import of Työvoimabarometri's matching assessment."""

    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    source = models.CharField(_("source"), max_length=300)
    months = models.CharField(_("months"), max_length=200)
    rows = models.PositiveIntegerField(_("rows"))
    constructed = models.BooleanField(
        _("constructed test data"),
        default=False,
        help_text=_("Read from a file marked as a constructed sample, not a real release."),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    # One assessment an analyst recorded in the app, not a fetch or file of whole months: the
    # situation page's latest month is a loaded month's, so one recorded row never stands for it.
    recorded_in_app = models.BooleanField(_("recorded in the app"), default=False)

    class Meta:
        ordering = ["-loaded_at"]
        verbose_name = _("barometer load")
        verbose_name_plural = _("barometer loads")

    def __str__(self) -> str:
        return f"{self.source} {self.months}"


class BarometerState(models.IntegerChoices):
    """Työvoimabarometri's matching state (``kohtaantotila``)."""

    BALANCE = 0, _("balance")
    OVERSUPPLY = 1, _("oversupply of labour")
    MATCHING_PROBLEM = 2, _("matching problem")
    SHORTAGE = 3, _("labour shortage")
    ERROR = 99, _("not assessed (calculation error)")


class BarometerAssessment(models.Model):
    """Työvoimabarometri's assessment of one occupation in one region and month."""

    load = models.ForeignKey(BarometerLoad, on_delete=models.CASCADE, related_name="assessments")
    occupation_code = models.CharField(_("occupation code"), max_length=4)
    occupation_name_fi = models.CharField(_("occupation (Finnish)"), max_length=200)
    area_code = models.CharField(_("area code"), max_length=20)
    month = PeriodField(
        _("month"), max_length=7, frequency=Frequency.MONTH, validators=[validate_period]
    )
    state = models.PositiveSmallIntegerField(_("state"), choices=BarometerState.choices)
    severity = models.PositiveSmallIntegerField(_("severity (1–5)"), null=True, blank=True)
    unemployed = models.PositiveIntegerField(_("unemployed"), null=True, blank=True)
    employed = models.PositiveIntegerField(_("employed"), null=True, blank=True)
    vacancies = models.PositiveIntegerField(_("vacancies"), null=True, blank=True)
    # Set when an analyst recorded or corrected the assessment in the app (empty on loaded rows).
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    released_on = models.DateField(_("release date"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=300, blank=True)

    class Meta:
        ordering = ["month", "area_code", "occupation_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation_code", "area_code", "month"],
                name="one_assessment_per_occupation_area_month",
            )
        ]
        verbose_name = _("barometer assessment")
        verbose_name_plural = _("barometer assessments")

    def __str__(self) -> str:
        return f"{self.occupation_code} {self.area_code} {self.month}"

    @property
    def audit_key(self) -> str:
        return f"{self.occupation_code}/{self.area_code}/{self.month}"
