"""Statistical areas: the whole country, ELY areas, regions, sub-regions, employment areas and
municipalities, by Statistics Finland's codes, with their names in Finnish and Swedish (English
where one exists). Loaded from the statistics snapshot's area list."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaLevel(models.TextChoices):
    COUNTRY = "country", _("whole country")
    ELY = "ely", _("ELY centre area")
    REGION = "region", _("region")
    SUBREGION = "subregion", _("sub-region")
    EMPLOYMENT_AREA = "employment_area", _("employment area")
    MUNICIPALITY = "municipality", _("municipality")


class Area(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=AreaLevel.choices)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    subregion = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    region = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    member_codes = models.JSONField(
        _("member municipalities"),
        default=list,
        blank=True,
        help_text=_("For areas that are unions of municipalities (e.g. employment areas)."),
    )

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_fi}"
