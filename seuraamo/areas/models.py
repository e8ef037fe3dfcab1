"""Statistical areas: the whole country, ELY areas, regions, sub-regions, employment areas and
municipalities, by Statistics Finland's codes, with their names in Finnish and Swedish (English
where one exists). Loaded from the statistics snapshot's area list."""

from __future__ import annotations

from django.core.exceptions import ValidationError
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

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_fi}"


class AreaMembership(models.Model):
    """``member`` belongs to ``parent`` from ``valid_from`` to ``valid_to`` (both inclusive; an
    empty date leaves that end open). The employment areas of 2025 are unions of municipalities
    from 1 January 2025; a municipality that moves to another area ends one membership and
    starts another. Read with ``areas.selectors.members_of(code, on=date)``."""

    parent = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="memberships"
    )
    member = models.ForeignKey(
        Area, verbose_name=_("member area"), on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField(_("member from"), null=True, blank=True)
    valid_to = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        verbose_name = _("area membership")
        verbose_name_plural = _("area memberships")
        ordering = ["parent__code", "member__code", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "member", "valid_from"], name="unique_area_membership_start"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="area_membership_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member.code} in {self.parent.code}"

    def clean(self) -> None:
        if self.parent_id is not None and self.parent_id == self.member_id:
            raise ValidationError({"member": _("An area cannot be a member of itself.")})
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The membership cannot end before it starts.")})
        if self.parent_id is None or self.member_id is None:
            return
        overlapping = AreaMembership.objects.filter(
            parent_id=self.parent_id, member_id=self.member_id
        ).exclude(pk=self.pk)
        if self.valid_to:
            overlapping = overlapping.filter(
                models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=self.valid_to)
            )
        if self.valid_from:
            overlapping = overlapping.filter(
                models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=self.valid_from)
            )
        if overlapping.exists():
            raise ValidationError(
                _("%(member)s is already a member of %(parent)s for part of these dates.")
                % {"member": self.member.code, "parent": self.parent.code}
            )
