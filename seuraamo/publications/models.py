"""The publications register: barometers and outlooks the programme follows that have no API
(regional outlooks, the SME barometer, the municipal barometer …), and their figures as stored
series entered by analysts in the admin or imported from a CSV template, with revisions kept."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from seuraamo.official_stats.pxweb.periods import Period


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
    period = models.CharField(_("period"), max_length=10, validators=[validate_period])
    value = models.FloatField(_("value"))
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
