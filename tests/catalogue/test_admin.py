"""Editing the catalogue in the admin: the change is audited, the search follows the new text,
and the model's checks refuse contradictory input."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from seuraamo.catalogue.models import GuideRule, Service
from seuraamo.core.models import AuditEvent
from tests.admin_forms import admin_form_payload
from tests.personas import superuser

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(catalogue: None) -> Client:
    client = Client()
    client.force_login(superuser())
    return client


def test_a_renamed_service_is_audited_and_found_by_its_new_name(staff: Client) -> None:
    service = Service.objects.get(key="ohjaamo-kotka")
    url = f"/fi/admin/catalogue/service/{service.pk}/change/"
    payload = admin_form_payload(staff, url)
    payload["name_sv"] = "Ungdomsvägledning Kotka"
    response = staff.post(url, payload)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = AuditEvent.objects.get(object_type="catalogue.service", object_key="ohjaamo-kotka")
    assert event.after == {"name_sv": "Ungdomsvägledning Kotka"}
    html = staff.get("/sv/services/", {"q": "ungdomsvägledning"}).content.decode()
    assert 'href="/sv/services/ohjaamo-kotka/"' in html
    # An editor's form opened before this save is now stale and cannot overwrite it.
    service.refresh_from_db()
    assert service.version == 2


def test_a_service_with_ages_the_wrong_way_round_is_refused(staff: Client) -> None:
    service = Service.objects.get(key="ohjaamo-kotka")
    url = f"/en/admin/catalogue/service/{service.pk}/change/"
    payload = admin_form_payload(staff, url)
    payload["min_age"] = "30"
    response = staff.post(url, payload)
    assert response.status_code == 200
    assert "The maximum age is below the minimum age." in response.content.decode()
    service.refresh_from_db()
    assert service.min_age is None


def test_a_company_rule_with_a_person_condition_is_refused(staff: Client) -> None:
    rule = GuideRule.objects.get(service__key="tyonantajapalvelut")
    url = f"/en/admin/catalogue/guiderule/{rule.pk}/change/"
    payload = admin_form_payload(staff, url)
    payload["max_age"] = "29"
    response = staff.post(url, payload)
    assert response.status_code == 200
    assert "Only a rule for persons has conditions about a person." in response.content.decode()


def test_the_review_queue_lists_services_not_verified_in_twelve_months(staff: Client) -> None:
    today = timezone.localdate()
    Service.objects.update(verified=True, last_verified=today)
    Service.objects.filter(key="ohjaamo-kotka").update(
        last_verified=today - datetime.timedelta(days=400)
    )
    Service.objects.filter(key="moona-kouvola").update(verified=False)
    html = staff.get("/en/admin/catalogue/service/", {"review": "due"}).content.decode()
    listed = set(re.findall(r"/en/admin/catalogue/service/(\d+)/change/", html))
    expected = {
        str(pk)
        for pk in Service.objects.filter(key__in=["ohjaamo-kotka", "moona-kouvola"]).values_list(
            "pk", flat=True
        )
    }
    assert listed == expected
