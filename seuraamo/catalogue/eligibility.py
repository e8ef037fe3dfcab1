"""A service's eligibility fields in plain words, in the page's language: the same fields the guide
checks (`guide._service_admits`), so the page and the guide never say different things."""

from __future__ import annotations

from django.utils.translation import gettext as _

from seuraamo.catalogue.models import ClientKind, ImmigrantStatus, Service
from seuraamo.core.translation import localized


def who_can_use(service: Service) -> list[str]:
    """One sentence per condition ("For people under 30."); empty when the service has none."""
    lines = []
    if service.client_kind == ClientKind.PERSON:
        lines.append(_("For people, not for companies."))
    elif service.client_kind == ClientKind.COMPANY:
        lines.append(_("For companies and employers."))
    lines += _age(service.min_age, service.max_age)
    if service.immigrant_status == ImmigrantStatus.IMMIGRANT:
        lines.append(_("For people who have moved to Finland."))
    elif service.immigrant_status == ImmigrantStatus.INTEGRATION_PERIOD:
        lines.append(_("For people in their first years in Finland."))
    if service.registered_jobseeker:
        lines.append(_("For people registered as jobseekers."))
    if service.min_unemployment_months:
        lines.append(
            _("For people who have been unemployed for at least %(months)s months.")
            % {"months": service.min_unemployment_months}
        )
    if service.work_ability_limited:
        lines.append(_("For people whose health limits their ability to work."))
    if service.referral_needed:
        lines.append(_("You cannot ask for it directly: another service refers you to it."))
    return lines


def _age(minimum: int | None, maximum: int | None) -> list[str]:
    if minimum is not None and maximum is not None:
        return [_("For people aged %(min)s to %(max)s.") % {"min": minimum, "max": maximum}]
    if maximum is not None:
        return [_("For people under %(age)s.") % {"age": maximum + 1}]
    if minimum is not None:
        return [_("For people aged %(age)s or over.") % {"age": minimum}]
    return []


def only_in_finnish(service: Service) -> bool:
    """Whether the page shows any of the service's texts in Finnish for want of a translation."""
    return any(
        localized(service, field).is_fallback and getattr(service, f"{field}_fi")
        for field in ("name", "summary", "description")
    )
