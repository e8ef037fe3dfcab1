"""The service catalogue: the region's employment and competence services, their channels, and the
service-path guide's rules. Content is stored in fi/sv/en columns like the programme's.

Municipalities are Statistics Finland codes (KU285) validated by seuraamo.areas.codes, as on
Organisation: the areas rows exist only after the statistics snapshot is loaded, and the catalogue must
load and work without it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from seuraamo.areas.codes import validate_municipality_codes
from seuraamo.catalogue.hours import WEEKDAYS, clock
from seuraamo.organisations.models import Organisation
from seuraamo.programmes.models import Goal, Measure


class ServiceLevel(models.IntegerChoices):
    SELF_SERVICE = 0, _("self-service")
    BASIC = 1, _("basic service")
    LOW_THRESHOLD = 2, _("low-threshold guidance")
    MULTISECTORAL = 3, _("multi-sectoral service")
    SPECIALISED = 4, _("specialised service")


class TargetGroup(models.TextChoices):
    YOUNG_PEOPLE = "young_people", _("young people")
    JOBSEEKERS = "jobseekers", _("jobseekers")
    IMMIGRANTS = "immigrants", _("immigrants")
    LIMITED_WORK_ABILITY = "limited_work_ability", _("people with limited work ability")
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("long-term unemployed")
    COMPANIES = "companies", _("companies and employers")


class ClientKind(models.TextChoices):
    ANY = "any", _("persons and companies")
    PERSON = "person", _("persons")
    COMPANY = "company", _("companies")


class ImmigrantStatus(models.TextChoices):
    ANY = "any", _("anyone")
    IMMIGRANT = "immigrant", _("people who have moved to Finland")
    INTEGRATION_PERIOD = "integration_period", _("people in their first years in Finland")


class CompanyStage(models.TextChoices):
    STARTING = "starting", _("starting")
    GROWING = "growing", _("growing")
    INTERNATIONALISING = "internationalising", _("internationalising")
    IN_DIFFICULTY = "in_difficulty", _("in difficulty")
    CHANGING_OWNER = "changing_owner", _("changing owner")


class ServiceStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    OUTDATED = "outdated", _("outdated")


def _validate_choice_list(value: object, choices: type[models.TextChoices], what: str) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Give a list."))
    wrong = [item for item in value if item not in choices.values]
    if wrong:
        raise ValidationError(
            _("Unknown %(what)s: %(values)s"),
            params={"what": what, "values": ", ".join(repr(item)[:40] for item in wrong[:5])},
        )


def validate_target_groups(value: object) -> None:
    _validate_choice_list(value, TargetGroup, "target group")


def validate_company_stages(value: object) -> None:
    _validate_choice_list(value, CompanyStage, "company stage")


def validate_weekly_hours(value: object) -> None:
    if not isinstance(value, dict):
        raise ValidationError(_("Give the opening hours by weekday."))
    for day, period in value.items():
        if (
            day not in WEEKDAYS
            or not isinstance(period, list)
            or len(period) != 2
            or not all(isinstance(time, str) and clock(time) == time for time in period)
            or period[1] <= period[0]
        ):
            raise ValidationError(
                _("Each day's hours are an opening and a later closing time, e.g. 8.00–16.00.")
            )


def validate_closed_dates(value: object) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Give a list."))
    for item in value:
        try:
            datetime.date.fromisoformat(str(item))
        except ValueError:
            raise ValidationError(_("Give dates such as 24.12.2026.")) from None


def validate_languages(value: object) -> None:
    if not isinstance(value, list) or not all(
        isinstance(item, str) and len(item) == 2 and item.isalpha() and item.islower()
        for item in value
    ):
        raise ValidationError(_("Give the languages as two-letter codes such as fi, sv, en."))


class Service(models.Model):
    key = models.SlugField(_("key"), max_length=80, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    summary_fi = models.CharField(_("summary (Finnish)"), max_length=300, blank=True)
    summary_sv = models.CharField(_("summary (Swedish)"), max_length=300, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    responsible = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="responsible_services",
    )
    producers = models.ManyToManyField(
        Organisation,
        verbose_name=_("producing organisations"),
        related_name="produced_services",
        blank=True,
    )
    level = models.PositiveSmallIntegerField(_("service level"), choices=ServiceLevel.choices)
    target_groups = models.JSONField(
        _("target groups"), default=list, blank=True, validators=[validate_target_groups]
    )
    client_kind = models.CharField(
        _("for"), max_length=10, choices=ClientKind.choices, default=ClientKind.ANY
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    immigrant_status = models.CharField(
        _("immigrants"), max_length=20, choices=ImmigrantStatus.choices, default=ImmigrantStatus.ANY
    )
    registered_jobseeker = models.BooleanField(
        _("for registered jobseekers only"), null=True, blank=True
    )
    min_unemployment_months = models.PositiveSmallIntegerField(
        _("minimum unemployment (months)"), null=True, blank=True
    )
    work_ability_limited = models.BooleanField(
        _("for people with limited work ability"), null=True, blank=True
    )
    company_stages = models.JSONField(
        _("company life-cycle stages"),
        default=list,
        blank=True,
        validators=[validate_company_stages],
    )
    referral_needed = models.BooleanField(
        _("referral needed"),
        default=False,
        help_text=_(
            "One cannot ask for this service directly: another service refers clients to it "
            "(name it under “Reached through”)."
        ),
    )
    eligibility_note = models.TextField(_("eligibility note"), blank=True)
    nationwide = models.BooleanField(_("nationwide"), default=False)
    municipalities = models.JSONField(
        _("municipalities served"),
        default=list,
        blank=True,
        help_text=_("Statistics Finland area codes such as KU285; empty for a nationwide service."),
        validators=[validate_municipality_codes],
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, validators=[validate_languages]
    )
    cost = models.TextField(_("cost"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ServiceStatus.choices, default=ServiceStatus.DRAFT
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        Organisation,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="verified_services",
        help_text=_("The organisation that checked the details; public pages name it."),
    )
    reached_through = models.ManyToManyField(
        "self",
        verbose_name=_("reached through"),
        symmetrical=False,
        blank=True,
        related_name="reaches",
        help_text=_(
            "The services through which a client comes to this one, e.g. the employment area's "
            "assessment; for a service one cannot contact directly."
        ),
    )
    reached_through_reason_fi = models.CharField(
        _("why reached through it (Finnish)"), max_length=300, blank=True
    )
    reached_through_reason_sv = models.CharField(
        _("why reached through it (Swedish)"), max_length=300, blank=True
    )
    reached_through_reason_en = models.CharField(
        _("why reached through it (English)"), max_length=300, blank=True
    )
    verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_("Only verified details are shown as fact; the rest is marked not verified."),
    )
    internal_note = models.TextField(
        _("internal note"),
        blank=True,
        help_text=_(
            "Only the service's editors and the admins see this: what is still to check, "
            "reviewers' remarks. Never shown on public pages or exported."
        ),
    )
    notes = models.TextField(_("notes and sources"), blank=True)
    ptv_id = models.UUIDField(_("PTV id"), null=True, blank=True, unique=True)
    goals = models.ManyToManyField(
        Goal, verbose_name=_("programme goals"), related_name="services", blank=True
    )
    measures = models.ManyToManyField(
        Measure, verbose_name=_("programme measures"), related_name="services", blank=True
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised by every save, so an edit based on an older version is noticed."),
    )
    search_fi = models.TextField(editable=False, blank=True)
    search_sv = models.TextField(editable=False, blank=True)
    search_en = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["level", "name_fi"]

    def __str__(self) -> str:
        return self.name_fi

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.min_age is not None and self.max_age is not None and self.max_age < self.min_age:
            errors["max_age"] = _("The maximum age is below the minimum age.")
        if self.nationwide and self.municipalities:
            errors["municipalities"] = _("A nationwide service lists no municipalities.")
        if not self.nationwide and not self.municipalities and self.status != ServiceStatus.DRAFT:
            errors["municipalities"] = _(
                "List the municipalities served or mark the service nationwide."
            )
        if self.company_stages and self.client_kind == ClientKind.PERSON:
            errors["company_stages"] = _("A service for persons has no company stages.")
        if self.verified and self.last_verified is None:
            errors["last_verified"] = _("A verified service needs the date it was verified.")
        if errors:
            raise ValidationError(errors)

    def serves(self, municipality: str) -> bool:
        """Whether the service's own area holds the municipality; which of its organisations serves
        it on a day is `routing.provider_for`."""
        return self.nationwide or municipality in self.municipalities


class ChannelKind(models.TextChoices):
    LOCATION = "location", _("service location")
    PHONE = "phone", _("phone")
    EMAIL = "email", _("e-mail")
    WEB = "web", _("web page")
    E_SERVICE = "e_service", _("e-service")


class Channel(models.Model):
    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="channels"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ChannelKind.choices)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    url = models.URLField(_("address on the web"), max_length=500, blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), max_length=200, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"),
        max_length=12,
        blank=True,
        help_text=_("Five digits in Finland, e.g. 48100."),
        validators=[
            RegexValidator(
                r"^[0-9A-Z][0-9A-Z -]{1,11}$", _("Digits and capital letters, e.g. 48100.")
            )
        ],
    )
    post_office = models.CharField(_("post office"), max_length=80, blank=True)
    municipality = models.CharField(
        _("municipality"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^KU[0-9]{3}$", _("A code such as KU285."))],
    )
    latitude = models.DecimalField(
        _("latitude (WGS84)"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude (WGS84)"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    weekly_hours = models.JSONField(
        _("opening hours"),
        default=dict,
        blank=True,
        help_text=_("Weekday code (MO … SU) → opening and closing time."),
        validators=[validate_weekly_hours],
    )
    closed_dates = models.JSONField(
        _("closed on"), default=list, blank=True, validators=[validate_closed_dates]
    )
    hours_note_fi = models.CharField(_("note on the hours (Finnish)"), max_length=200, blank=True)
    hours_note_sv = models.CharField(_("note on the hours (Swedish)"), max_length=200, blank=True)
    hours_note_en = models.CharField(_("note on the hours (English)"), max_length=200, blank=True)
    accessibility = models.CharField(_("accessibility"), max_length=300, blank=True)
    verified = models.BooleanField(_("verified"), default=False)
    internal_note = models.CharField(
        _("internal note"),
        max_length=300,
        blank=True,
        help_text=_("Only the service's editors and the admins see this."),
    )
    ptv_id = models.UUIDField(
        _("PTV id"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set on channels imported from PTV; a re-import updates them."),
    )

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["service", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "ptv_id"], name="catalogue_channel_once_per_service"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} – {self.get_kind_display()}"

    @property
    def audit_key(self) -> str:
        return f"{self.service.key}/channels/{self.pk}"

    @property
    def reaches(self) -> bool:
        """Whether a client can reach the service by it: a number, an address to write or visit,
        a page — a location known only by name (an old shopping centre) is not enough."""
        return bool(self.phone or self.email or self.url or self.street_address)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind in (ChannelKind.WEB, ChannelKind.E_SERVICE) and not self.url:
            errors["url"] = _("A web page or e-service needs its address.")
        if self.kind == ChannelKind.PHONE and not self.phone:
            errors["phone"] = _("A phone channel needs its number.")
        if self.kind == ChannelKind.EMAIL and not self.email:
            errors["email"] = _("An e-mail channel needs its address.")
        if self.kind == ChannelKind.LOCATION and not (self.street_address or self.name_fi):
            errors["street_address"] = _("A service location needs a name or a street address.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both coordinates or neither.")
        if errors:
            raise ValidationError(errors)


def reachable(channels: Iterable[Channel], reached_through: Iterable[Service]) -> bool:
    """Whether a client can find their way to a service: one of its own channels reaches it, or it
    names the services it is reached through."""
    return any(channel.reaches for channel in channels) or any(True for _s in reached_through)


UNREACHABLE = _(
    "A published service needs a way to reach it: add a channel (a phone number, an e-mail "
    "address, a web page or a street address) under “Channels”, or choose the services it is "
    "reached through under “Reached through”. Or keep it a draft."
)


class Audience(models.TextChoices):
    PERSON = "person", _("a person")
    COMPANY = "company", _("a company")
    ANY = "any", _("a person or a company")


class PersonNeed(models.TextChoices):
    JOB = "job", _("a job")
    EDUCATION = "education", _("education")
    CAREER_GUIDANCE = "career_guidance", _("career guidance")
    HEALTH_SOCIAL = "health_social", _("health or social support")
    STARTING_BUSINESS = "starting_business", _("starting a business")


class CompanyNeed(models.TextChoices):
    RECRUITING = "recruiting", _("recruiting")
    GROWTH = "growth", _("growth")
    INTERNATIONALISATION = "internationalisation", _("internationalisation")
    FINANCING = "financing", _("financing")
    DIFFICULTIES = "difficulties", _("difficulties")
    CHANGE_OF_OWNER = "change_of_owner", _("change of owner")


class JobseekerCondition(models.TextChoices):
    ANY = "any", _("any")
    REGISTERED = "registered", _("registered as a jobseeker")
    NOT_REGISTERED = "not_registered", _("not registered as a jobseeker")


class MovedCondition(models.TextChoices):
    ANY = "any", _("any")
    MOVED = "moved", _("moved to Finland")
    RECENTLY = "recently", _("moved to Finland in the last three years")


def validate_needs(value: object) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Give a list."))
    known = set(PersonNeed.values) | set(CompanyNeed.values)
    wrong = [item for item in value if item not in known]
    if wrong:
        raise ValidationError(
            _("Unknown need: %(values)s"),
            params={"values": ", ".join(repr(item)[:40] for item in wrong[:5])},
        )


class GuideRule(models.Model):
    """When the service-path guide offers one service: each service is an outcome at most once, and
    every condition is flat (all must hold; an empty condition holds for everyone)."""

    service = models.OneToOneField(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="guide_rule"
    )
    audience = models.CharField(_("for"), max_length=10, choices=Audience.choices)
    priority = models.PositiveSmallIntegerField(
        _("priority"),
        default=50,
        help_text=_(
            "Lower comes first: the right level for the situation before the general services."
        ),
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    jobseeker = models.CharField(
        _("jobseeker"), max_length=20, choices=JobseekerCondition.choices, default="any"
    )
    min_unemployment_months = models.PositiveSmallIntegerField(
        _("unemployed at least (months)"), null=True, blank=True
    )
    moved_to_finland = models.CharField(
        _("moved to Finland"), max_length=10, choices=MovedCondition.choices, default="any"
    )
    work_ability_limited = models.BooleanField(_("only with limited work ability"), default=False)
    needs = models.JSONField(
        _("needs"),
        default=list,
        blank=True,
        help_text=_("Empty for every need."),
        validators=[validate_needs],
    )

    class Meta:
        verbose_name = _("guide rule")
        verbose_name_plural = _("guide rules")
        ordering = ["priority", "service__level", "service__name_fi"]

    def __str__(self) -> str:
        return str(self.service)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.min_age is not None and self.max_age is not None and self.max_age < self.min_age:
            errors["max_age"] = _("The maximum age is below the minimum age.")
        if self.audience != Audience.PERSON:
            person_only = (
                self.min_age is not None
                or self.max_age is not None
                or self.jobseeker != JobseekerCondition.ANY
                or self.min_unemployment_months is not None
                or self.moved_to_finland != MovedCondition.ANY
                or self.work_ability_limited
            )
            if person_only:
                errors["audience"] = _("Only a rule for persons has conditions about a person.")
        if (
            self.min_unemployment_months is not None
            and self.jobseeker == JobseekerCondition.NOT_REGISTERED
        ):
            errors["min_unemployment_months"] = _(
                "Unemployment is counted for registered jobseekers only."
            )
        allowed = {
            Audience.PERSON: set(PersonNeed.values),
            Audience.COMPANY: set(CompanyNeed.values),
        }.get(self.audience, set(PersonNeed.values) | set(CompanyNeed.values))
        if isinstance(self.needs, list) and any(need not in allowed for need in self.needs):
            errors["needs"] = _("A need does not belong to this audience.")
        if errors:
            raise ValidationError(errors)


class GuideDemand(models.Model):
    """How often the guide was used in a month for one need in one municipality, and how many of
    those uses found no service: the only trace the guide keeps. No other answer, no time of day,
    nothing about the person (see docs/security.md)."""

    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    municipality = models.CharField(
        _("municipality"),
        max_length=5,
        validators=[RegexValidator(r"^KU[0-9]{3}$", _("A code such as KU285."))],
    )
    need = models.CharField(_("need"), max_length=30, blank=True, help_text=_("Empty: none given."))
    uses = models.PositiveIntegerField(_("uses"), default=0)
    unmatched = models.PositiveIntegerField(_("uses with no service found"), default=0)

    class Meta:
        verbose_name = _("guide demand")
        verbose_name_plural = _("guide demand")
        ordering = ["-month", "municipality", "need"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "municipality", "need"], name="catalogue_guide_demand_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.municipality} {self.need or '-'}"
