"""Organisations: the bodies that run the programme and provide services, with validity dates and
succession. When an organisation ends, its tasks pass to one or more successors on a date (the
Kaakkois-Suomen TE-toimisto's tasks went to two employment areas on 1.1.2025, each for its own
municipalities); a role in the programme follows the organisation to its successors."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from seuraamo.areas.codes import validate_municipality_codes
from seuraamo.organisations.validators import validate_business_id


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    STATE_AGENCY = "state_agency", _("state agency")
    WELLBEING_COUNTY = "wellbeing_county", _("wellbeing services county")
    EMPLOYMENT_AREA = "employment_area", _("employment area")
    JOINT_AUTHORITY = "joint_authority", _("joint municipal authority")
    EDUCATIONAL_INSTITUTION = "educational_institution", _("educational institution")
    ASSOCIATION = "association", _("association")
    COMPANY = "company", _("company")
    COOPERATION_BODY = "cooperation_body", _("cooperation body")
    SERVICE_NETWORK = "service_network", _("service network")


class Organisation(models.Model):
    key = models.SlugField(_("key"), max_length=80, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    business_id = models.CharField(
        _("business id"), max_length=9, blank=True, validators=[validate_business_id]
    )
    website = models.URLField(_("website"), blank=True)
    municipalities = models.JSONField(
        _("municipalities served"),
        default=list,
        blank=True,
        help_text=_("Statistics Finland area codes such as KU285."),
        validators=[validate_municipality_codes],
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    notes = models.TextField(_("notes and sources"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_fi"]

    def __str__(self) -> str:
        return self.name_fi

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end date is before the start date.")})


class Succession(models.Model):
    """Tasks of one organisation passed to another on a date, for some municipalities or for all."""

    predecessor = models.ForeignKey(
        Organisation,
        verbose_name=_("predecessor"),
        on_delete=models.CASCADE,
        related_name="successions",
    )
    successor = models.ForeignKey(
        Organisation,
        verbose_name=_("successor"),
        on_delete=models.CASCADE,
        related_name="predecessions",
    )
    date = models.DateField(_("date"), null=True, blank=True)
    municipalities = models.JSONField(
        _("municipalities whose tasks passed"),
        default=list,
        blank=True,
        help_text=_("Empty when all tasks passed. Statistics Finland codes such as KU285."),
        validators=[validate_municipality_codes],
    )

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unique_succession_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"

    @property
    def audit_key(self) -> str:
        return f"{self.predecessor.key}>{self.successor.key}"

    def clean(self) -> None:
        if self.predecessor_id and self.predecessor_id == self.successor_id:
            raise ValidationError({"successor": _("An organisation cannot succeed itself.")})
        if self.predecessor_id and self.successor_id and self._successor_leads_back():
            raise ValidationError(
                {
                    "successor": _(
                        "This succession would make a cycle: the successor already leads back to the predecessor."
                    )
                }
            )

    def _successor_leads_back(self) -> bool:
        """Whether the predecessor is reachable from the successor through the other successions."""
        links: dict[int, set[int]] = {}
        others = Succession.objects.exclude(pk=self.pk).values_list(
            "predecessor_id", "successor_id"
        )
        for predecessor_id, successor_id in others:
            links.setdefault(predecessor_id, set()).add(successor_id)
        seen, frontier = {self.successor_id}, [self.successor_id]
        while frontier:
            current = frontier.pop()
            if current == self.predecessor_id:
                return True
            for following in links.get(current, ()):
                if following not in seen:
                    seen.add(following)
                    frontier.append(following)
        return False
