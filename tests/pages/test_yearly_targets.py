"""Yearly targets: the steering group's programme admins set a target per indicator and year in the
admin (without being staff), and the indicator's status is measured against the current year's
target, on the goal page and in the overview, whose trend line draws the target in."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from seuraamo.core.models import AuditEvent
from seuraamo.official_stats.selectors import indicator_status
from seuraamo.programmes.models import Indicator, IndicatorTarget
from tests import personas
from tests.admin_forms import admin_form_payload
from tests.pages.builders import PageData
from tests.pages.test_indicator_status import status_text, store_share

THIS_YEAR = timezone.localdate().year


@pytest.fixture
def programme_admin(data: PageData) -> Client:
    client = Client()
    client.force_login(personas.programme_admin("puheenjohtaja"))
    return client


def indicator_url(indicator: Indicator) -> str:
    return reverse("admin:programmes_indicator_change", args=[indicator.pk])


def test_a_programme_admin_sets_a_yearly_target_in_the_admin(
    programme_admin: Client, data: PageData
) -> None:
    url = indicator_url(data.indicator)
    payload = admin_form_payload(programme_admin, url)
    payload.update({"targets-2-year": str(THIS_YEAR + 3), "targets-2-value": "9.8"})
    payload["targets-TOTAL_FORMS"] = "3"

    response = programme_admin.post(url, payload)

    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    target = IndicatorTarget.objects.get(indicator=data.indicator, year=THIS_YEAR + 3)
    assert target.value == Decimal("9.800")
    event = AuditEvent.objects.get(object_type="programmes.indicatortarget")
    assert event.after["year"] == THIS_YEAR + 3 and event.actor.username == "puheenjohtaja"
    assert (
        f"<td>{THIS_YEAR + 3}</td>"
        in Client().get(f"/fi/goals/{data.goals['4.3'].key}/").content.decode()
    )


def test_one_target_per_indicator_and_year(programme_admin: Client, data: PageData) -> None:
    url = indicator_url(data.indicator)
    payload = admin_form_payload(programme_admin, url)
    payload.update({"targets-2-year": "2027", "targets-2-value": "9.0"})
    payload["targets-TOTAL_FORMS"] = "3"

    response = programme_admin.post(url, payload)

    assert response.status_code == 200  # the form again, with the error
    errors = str(response.context["inline_admin_formsets"][0].formset.non_form_errors())
    assert "korjaa uniikin kentän year ja area kaksoisarvo" in errors, errors
    assert IndicatorTarget.objects.get(indicator=data.indicator, year=2027).value == Decimal("10.5")


def test_the_programme_admin_role_opens_only_the_indicators_in_the_admin(
    programme_admin: Client, data: PageData
) -> None:
    assert programme_admin.get("/fi/admin/").status_code == 200
    assert programme_admin.get("/fi/admin/programmes/indicatortarget/").status_code == 200
    assert programme_admin.get("/fi/admin/programmes/goal/").status_code == 403
    assert programme_admin.get("/fi/admin/accounts/user/").status_code == 403
    other = Client()
    other.force_login(personas.steering_group_member("jasen"))
    assert other.get(indicator_url(data.indicator)).status_code == 302  # to the admin login


@pytest.mark.parametrize(
    ("target", "baseline", "light", "reason"),
    [
        ("15.0", "12.9", "green", "target_reached"),  # 14.4 % is below the year's 15.0 %
        ("13.0", "12.9", "red", "target_missed"),  # above the target and worse than the baseline
        ("13.0", "16.0", "amber", "towards_target"),  # above the target, better than the baseline
    ],
)
def test_the_status_is_measured_against_the_current_years_target(
    data: PageData, target: str, baseline: str, light: str, reason: str
) -> None:
    store_share({"2025M06": 13.1, "2026M06": 14.4})
    indicator = data.indicator
    indicator.baseline_value = Decimal(baseline)
    indicator.save()
    IndicatorTarget.objects.create(indicator=indicator, year=2026, value=Decimal(target))

    status = indicator_status(
        indicator, today=datetime.date(2026, 9, 1), programme_start=datetime.date(2021, 6, 1)
    )

    assert (status.light, status.reason, status.target_year) == (light, reason, 2026)
    without_this_years_target = indicator_status(
        indicator, today=datetime.date(2024, 9, 1), programme_start=datetime.date(2021, 6, 1)
    )
    assert without_this_years_target.target_year is None
    assert without_this_years_target.reason in {"better", "worse", "no_change"}


def test_goal_page_and_overview_show_the_years_target(client: Client, data: PageData) -> None:
    latest = f"{THIS_YEAR}M01"
    store_share({f"{THIS_YEAR - 1}M{month:02d}": 13.0 for month in range(1, 13)} | {latest: 14.4})
    IndicatorTarget.objects.create(indicator=data.indicator, year=THIS_YEAR, value=Decimal("15"))

    section = status_text(client, "en", data)
    assert f"Target for {THIS_YEAR} reached" in section and "light-green" in section
    overview = client.get("/sv/follow-up/overview/").content.decode()
    assert f"Målet för {THIS_YEAR} har nåtts" in overview
    assert 'class="sparkline__target"' in overview
    assert f'15 <span class="meta">({THIS_YEAR})</span>' in overview
