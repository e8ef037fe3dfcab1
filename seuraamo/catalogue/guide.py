"""The service-path guide: anonymous answers in, services out in the order the rules give, each with
the reasons it fits. Nothing about the person is stored: the answers come in a POST body and leave
in the response only (views.guide); what is kept is a count per month, need and municipality
(services.count_guide_use)."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from seuraamo.areas import names as area_names
from seuraamo.areas.names import MUNICIPALITY_NAMES
from seuraamo.catalogue.models import (
    Audience,
    Channel,
    ChannelKind,
    CompanyNeed,
    GuideRule,
    ImmigrantStatus,
    JobseekerCondition,
    MovedCondition,
    PersonNeed,
    Service,
    ServiceStatus,
)
from seuraamo.catalogue.routing import employment_authorities, provider_for
from seuraamo.catalogue.services import DRAFT_FILE
from seuraamo.core.translation import active_content_language
from seuraamo.organisations.models import Organisation

MIN_AGE, MAX_AGE = 15, 99
UNEMPLOYMENT_CHOICES = [
    ("0", gettext_lazy("less than 6 months")),
    ("6", gettext_lazy("6–12 months")),
    ("12", gettext_lazy("over 12 months")),
]
MOVED_CHOICES = [
    ("no", gettext_lazy("no")),
    ("recently", gettext_lazy("yes, in the last three years")),
    ("earlier", gettext_lazy("yes, more than three years ago")),
]
YES_NO = [("no", gettext_lazy("no")), ("yes", gettext_lazy("yes"))]


@cache
def municipality_names() -> dict[str, dict[str, str]]:
    """The Kymenlaakso municipalities of the seed file, named as everywhere else
    (`seuraamo.areas.names`)."""
    draft = json.loads(DRAFT_FILE.read_text(encoding="utf-8"))
    codes = [f"KU{item['code']}" for item in draft["municipalities"]]
    return {code: MUNICIPALITY_NAMES.get(code, {"fi": code}) for code in codes}


def municipality_name(code: str) -> str:
    return area_names.municipality_name(code, active_content_language())


def municipality_choices() -> list[tuple[str, str]]:
    return sorted(
        ((code, municipality_name(code)) for code in municipality_names()),
        key=lambda item: item[1],
    )


class GuideForm(forms.Form):
    """One form for both audiences; the fields that do not apply to the chosen audience are ignored."""

    audience = forms.ChoiceField(
        label=gettext_lazy("Who is asking?"),
        choices=[
            (Audience.PERSON, Audience.PERSON.label),
            (Audience.COMPANY, Audience.COMPANY.label),
        ],
        widget=forms.RadioSelect,
    )
    municipality = forms.ChoiceField(label=gettext_lazy("Municipality"), choices=())
    age = forms.IntegerField(
        label=gettext_lazy("Age"), min_value=MIN_AGE, max_value=MAX_AGE, required=False
    )
    jobseeker = forms.ChoiceField(
        label=gettext_lazy("Are you registered as a jobseeker?"),
        choices=YES_NO,
        required=False,
        widget=forms.RadioSelect,
    )
    unemployment = forms.ChoiceField(
        label=gettext_lazy("How long have you been unemployed?"),
        choices=UNEMPLOYMENT_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )
    moved = forms.ChoiceField(
        label=gettext_lazy("Have you moved to Finland?"),
        choices=MOVED_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )
    work_ability = forms.ChoiceField(
        label=gettext_lazy("Does your health limit your ability to work?"),
        choices=YES_NO,
        required=False,
        widget=forms.RadioSelect,
    )
    need = forms.ChoiceField(
        label=gettext_lazy("What do you need?"),
        choices=[
            ("", "—"),
            (gettext_lazy("A person's needs"), PersonNeed.choices),
            (gettext_lazy("A company's needs"), CompanyNeed.choices),
        ],
        required=False,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", "—"), *municipality_choices()]

    def clean(self) -> dict:
        data = super().clean()
        audience = data.get("audience")
        if audience == Audience.PERSON:
            if data.get("age") is None:
                self.add_error("age", _("Give your age."))
            if data.get("need") in CompanyNeed.values:
                self.add_error("need", _("Choose a need of a person."))
        if audience == Audience.COMPANY and data.get("need") in PersonNeed.values:
            self.add_error("need", _("Choose a need of a company."))
        return data

    def answers(self) -> Answers:
        data = self.cleaned_data
        if data["audience"] == Audience.COMPANY:
            return Answers(Audience.COMPANY, data["municipality"], need=data.get("need") or "")
        registered = data.get("jobseeker") == "yes"
        return Answers(
            Audience.PERSON,
            data["municipality"],
            age=data["age"],
            registered=registered,
            unemployment_months=int(data.get("unemployment") or 0) if registered else 0,
            moved=data.get("moved") or "no",
            work_ability_limited=data.get("work_ability") == "yes",
            need=data.get("need") or "",
        )


@dataclass(frozen=True)
class Answers:
    audience: str
    municipality: str
    age: int | None = None
    registered: bool = False
    unemployment_months: int = 0
    moved: str = "no"
    work_ability_limited: bool = False
    need: str = ""


@dataclass(frozen=True)
class Recommendation:
    rule: GuideRule
    reasons: list[str]
    channel: Channel | None
    #: The organisation that gives the service in the person's municipality on the day.
    provider: Organisation | None = None
    #: For a service one is referred to: the published services offered in the municipality
    #: through which one asks for it (TYP through the employment area's jobseeker services).
    through: tuple[Service, ...] = ()


@dataclass(frozen=True)
class GuideAnswer:
    """What the guide shows for one set of answers."""

    recommendations: list[Recommendation]
    #: Services that fit every answer but the municipality and are given elsewhere in the same
    #: employment area (no Ohjaamo in Miehikkälä: Ohjaamo Kotka), named as such, never as offered.
    nearby: list[Recommendation]
    #: Where to ask when nothing fits, and always as the last word: the municipality's employment area.
    ask: list[Organisation]


def nearest_channel(service: Service, municipality: str) -> Channel | None:
    """How to reach the service now: a location in the municipality, then any location, then a phone,
    an e-mail address, an e-service, a web page."""

    def rank(channel: Channel) -> int:
        if not channel.reaches:  # a place known only by name, no address: the last resort
            return 6
        if channel.kind == ChannelKind.LOCATION:
            return 0 if channel.municipality == municipality else 1
        ranks = {ChannelKind.PHONE: 2, ChannelKind.EMAIL: 3, ChannelKind.E_SERVICE: 4}
        return ranks.get(ChannelKind(channel.kind), 5)

    channels = sorted(service.channels.all(), key=lambda channel: (rank(channel), channel.pk))
    return channels[0] if channels else None


def guide_rules() -> list[GuideRule]:
    """Every rule of a published service, with what the recommendations show and route by."""
    return list(
        GuideRule.objects.filter(service__status=ServiceStatus.PUBLISHED)
        .select_related("service", "service__responsible")
        .prefetch_related(
            "service__channels",
            "service__producers",
            "service__reached_through__responsible",
            "service__reached_through__producers",
            "service__reached_through__reached_through",
        )
    )


def answer(
    answers: Answers, rules: Iterable[GuideRule], on: datetime.date | None = None
) -> GuideAnswer:
    """The recommendations, the services near by and where to ask, for the answers on the day."""
    on = on or timezone.localdate()
    rules = list(rules)
    found = recommend(answers, rules, on)
    ask = employment_authorities(answers.municipality, on)
    return GuideAnswer(found, nearby(answers, rules, found, on, ask), ask)


def recommend(
    answers: Answers, rules: Iterable[GuideRule], on: datetime.date | None = None
) -> list[Recommendation]:
    """The services whose rule and own eligibility hold for the answers and that one of their
    organisations gives in the municipality on the day (`routing`), in priority order, then by
    service level; a service one is referred to comes after the service that refers to it."""
    on = on or timezone.localdate()
    matching = []
    for rule in rules:
        provider = provider_for(rule.service, answers.municipality, on)
        if provider is None or not _service_admits(rule.service, answers):
            continue
        reasons = _reasons_if_matching(rule, answers)
        if reasons is not None:
            matching.append(_recommendation(rule, reasons, provider, answers.municipality, on))
    matching.sort(
        key=lambda item: (item.rule.priority, item.rule.service.level, item.rule.service.name_fi)
    )
    return _after_their_referrers(matching)


def _recommendation(
    rule: GuideRule,
    reasons: list[str],
    provider: Organisation | None,
    municipality: str,
    on: datetime.date,
) -> Recommendation:
    through = tuple(
        other
        for other in rule.service.reached_through.all()
        if other.status == ServiceStatus.PUBLISHED and provider_for(other, municipality, on)
    )
    return Recommendation(
        rule, reasons, nearest_channel(rule.service, municipality), provider, through
    )


def _after_their_referrers(ordered: list[Recommendation]) -> list[Recommendation]:
    """A referral-only service waits until a service it is reached through has been listed (or,
    when none of those is among the results, the service they in turn are reached through: the
    work-ability team after TYP, or after the jobseeker services when TYP is not listed); one whose
    referrers are not among the results at all goes last."""
    in_results = {item.rule.service.pk for item in ordered}

    def referrers(service: Service) -> set[int]:
        direct = {o.pk for o in service.reached_through.all()}
        if direct & in_results:
            return direct
        return {o.pk for d in service.reached_through.all() for o in d.reached_through.all()}

    result: list[Recommendation] = []
    listed: set[int] = set()
    waiting: list[Recommendation] = []

    def take(item: Recommendation) -> None:
        result.append(item)
        listed.add(item.rule.service.pk)
        for held in list(waiting):
            if held in waiting and referrers(held.rule.service) & listed:
                waiting.remove(held)
                take(held)

    for item in ordered:
        if item.rule.service.referral_needed and not referrers(item.rule.service) & listed:
            waiting.append(item)
        else:
            take(item)
    return result + waiting


def nearby(
    answers: Answers,
    rules: Iterable[GuideRule],
    found: list[Recommendation],
    on: datetime.date,
    authorities: list[Organisation],
) -> list[Recommendation]:
    """Services that fit every answer but the municipality, given in another municipality of the
    same employment area (`authorities`, the municipality's own) on the day."""
    area = {code for authority in authorities for code in authority.municipalities}
    found_ids = {item.rule.service.pk for item in found}
    result = []
    for rule in rules:
        service = rule.service
        if service.pk in found_ids or service.nationwide:
            continue
        elsewhere = [code for code in service.municipalities if code in area]
        if not elsewhere or not _service_admits(service, answers):
            continue
        provider = provider_for(service, elsewhere[0], on)
        reasons = _reasons_if_matching(rule, answers, anywhere=True)
        if provider is not None and reasons is not None:
            result.append(_recommendation(rule, reasons, provider, elsewhere[0], on))
    result.sort(key=lambda item: (item.rule.priority, item.rule.service.name_fi))
    return result


def _service_admits(service: Service, answers: Answers) -> bool:  # noqa: PLR0911
    """What the service's own eligibility fields say, so the guide never offers what the service
    page rules out (the rule may say less than the service)."""
    if answers.audience != Audience.PERSON:
        return True
    age = answers.age
    if service.min_age is not None and (age is None or age < service.min_age):
        return False
    if service.max_age is not None and (age is None or age > service.max_age):
        return False
    if service.immigrant_status == ImmigrantStatus.IMMIGRANT and answers.moved == "no":
        return False
    if (
        service.immigrant_status == ImmigrantStatus.INTEGRATION_PERIOD
        and answers.moved != "recently"
    ):
        return False
    if service.registered_jobseeker and not answers.registered:
        return False
    if (
        service.min_unemployment_months
        and answers.unemployment_months < service.min_unemployment_months
    ):
        return False
    return not (service.work_ability_limited and not answers.work_ability_limited)


def _reasons_if_matching(  # noqa: C901, PLR0911, PLR0912
    rule: GuideRule, answers: Answers, *, anywhere: bool = False
) -> list[str] | None:
    """The reasons the rule gives for the answers, or None when it does not hold; `anywhere`
    leaves out the municipality (for `nearby`)."""
    service = rule.service
    if rule.audience not in (answers.audience, Audience.ANY):
        return None
    reasons: list[str] = []
    if rule.needs:
        if answers.need not in rule.needs:
            return None
        reasons.append(_("because you need %(need)s") % {"need": need_label(answers.need)})
    if rule.min_age is not None:
        if answers.age is None or answers.age < rule.min_age:
            return None
        reasons.append(_("because you are %(age)s or older") % {"age": rule.min_age})
    if rule.max_age is not None:
        if answers.age is None or answers.age > rule.max_age:
            return None
        reasons.append(_("because you are under %(age)s") % {"age": rule.max_age + 1})
    if rule.jobseeker == JobseekerCondition.REGISTERED:
        if not answers.registered:
            return None
        reasons.append(_("because you are registered as a jobseeker"))
    if rule.jobseeker == JobseekerCondition.NOT_REGISTERED:
        if answers.registered:
            return None
        reasons.append(_("because you are not yet registered as a jobseeker"))
    if rule.min_unemployment_months is not None:
        if not answers.registered or answers.unemployment_months < rule.min_unemployment_months:
            return None
        reasons.append(
            _("because you have been unemployed for %(months)s months or more")
            % {"months": rule.min_unemployment_months}
        )
    if rule.moved_to_finland == MovedCondition.MOVED:
        if answers.moved == "no":
            return None
        reasons.append(_("because you have moved to Finland"))
    if rule.moved_to_finland == MovedCondition.RECENTLY:
        if answers.moved != "recently":
            return None
        reasons.append(_("because you moved to Finland in the last three years"))
    if rule.work_ability_limited:
        if not answers.work_ability_limited:
            return None
        reasons.append(_("because your health limits your ability to work"))
    if not service.nationwide and not anywhere:
        place = municipality_name(answers.municipality)
        if answers.audience == Audience.COMPANY:
            reasons.append(_("because your company is in %(place)s") % {"place": place})
        else:
            reasons.append(_("because you live in %(place)s") % {"place": place})
    return reasons


def need_label(need: str) -> str:
    for choices in (PersonNeed, CompanyNeed):
        if need in choices.values:
            return str(choices(need).label)
    return need
