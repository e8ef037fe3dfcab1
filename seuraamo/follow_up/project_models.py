"""Projects and pilots behind the programme's measures (re-exported by models.py, which would pass
600 lines). Written through project_services.py; read through projects.py."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from seuraamo.programmes.models import Measure


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    RUNNING = "running", _("running")
    ENDED = "ended", _("ended")


class Project(models.Model):
    """A joint development project or service pilot behind the programme's measures (programme
    measure 4.1: "yhteiset kehittämishankkeet ja palvelupilotit"). Its owner organisation's
    coordinators edit it; reports show the projects linked to their goal's measures.

    A project that offers a service names the catalogue service by its key (`service_key`): the
    follow-up does not import the catalogue (one direction, docs/architecture.md), so the key is
    checked against the catalogue through `settings.PROJECT_SERVICE_NAMES` when it is saved."""

    name = models.CharField(_("name"), max_length=300)
    owner = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The organisation that runs the project; its coordinators edit it."),
    )
    partners = models.ManyToManyField(
        "organisations.Organisation", verbose_name=_("partners"), blank=True, related_name="+"
    )
    funding_source = models.CharField(
        _("funding source"), max_length=200, blank=True, help_text=_("E.g. ESF+, JTF, municipal.")
    )
    funding_amount = models.DecimalField(
        _("funding amount (euros)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    measures = models.ManyToManyField(
        Measure, verbose_name=_("measures"), blank=True, related_name="projects"
    )
    target_groups = models.CharField(
        _("target groups"),
        max_length=300,
        blank=True,
        help_text=_("E.g. immigrants, young people under 30."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    results = models.TextField(_("results"), blank=True, max_length=10_000)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_(
            "A work address (e.g. the project's or the organisation's), never a private one."
        ),
    )
    service_key = models.SlugField(
        _("service in the catalogue"),
        max_length=80,
        blank=True,
        help_text=_("The catalogue service the project offers, if any."),
    )
    url = models.URLField(_("link"), blank=True)
    is_example = models.BooleanField(
        _("example content"), default=False, help_text=_("Demo data for trying the app out.")
    )

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})
