"""Staff can list, open and add every programme model in the admin, with the inlines in place."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from seuraamo.organisations.models import Organisation
from seuraamo.programmes.models import (
    Goal,
    GoalCoordinator,
    Indicator,
    IndicatorTarget,
    Measure,
    Programme,
    SteeringGroupMembership,
    Theme,
)
from tests.admin_forms import admin_form_payload
from tests.pages.builders import PageData
from tests.personas import superuser

MODELS = [
    Organisation,
    Programme,
    Theme,
    Goal,
    GoalCoordinator,
    Measure,
    Indicator,
    IndicatorTarget,
    SteeringGroupMembership,
]


@pytest.fixture
def staff(client: Client, db: None) -> Client:
    client.force_login(superuser("admin"))
    return client


def admin_url(model: type, action: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages(staff: Client, data: PageData, model: type) -> None:
    assert staff.get(admin_url(model, "changelist")).status_code == 200
    assert staff.get(admin_url(model, "changelist"), {"q": "Kotka"}).status_code == 200
    assert staff.get(admin_url(model, "add")).status_code == 200
    obj = model.objects.first()
    assert staff.get(admin_url(model, "change", obj.pk)).status_code == 200


def test_translations_are_grouped_by_language(staff: Client, data: PageData) -> None:
    response = staff.get(admin_url(Goal, "change", data.goals["4.3"].pk))
    fieldsets = response.context["adminform"].fieldsets
    assert [(str(name), opts["fields"]) for name, opts in fieldsets[1:]] == [
        ("suomi", ["title_fi", "description_fi"]),
        ("ruotsi", ["title_sv", "description_sv"]),
        ("englanti", ["title_en", "description_en"]),
    ]
    inlines = [formset.opts.model for formset in response.context["inline_admin_formsets"]]
    assert inlines == [GoalCoordinator, Measure, Indicator]


def test_inlines_of_theme_and_indicator(staff: Client, data: PageData) -> None:
    theme = staff.get(admin_url(Theme, "change", data.themes["4.1"].pk))
    assert [f.opts.model for f in theme.context["inline_admin_formsets"]] == [Goal, Indicator]
    indicator = staff.get(admin_url(Indicator, "change", data.indicator.pk))
    targets = indicator.context["inline_admin_formsets"][0]
    assert targets.opts.model is IndicatorTarget
    assert targets.formset.queryset.count() == 2


def test_staff_can_fill_in_a_missing_translation(staff: Client, data: PageData) -> None:
    area = data.organisations["etela-kymenlaakson-tyollisyysalue"]
    url = admin_url(Organisation, "change", area.pk)
    payload = admin_form_payload(staff, url)
    payload["name_sv"] = "Södra Kymmenedalens sysselsättningsområde"
    response = staff.post(url, payload)
    assert response.status_code == 302, response.context["adminform"].form.errors
    area.refresh_from_db()
    assert area.name_sv == "Södra Kymmenedalens sysselsättningsområde"
    page = staff.get("/sv/organisations/etela-kymenlaakson-tyollisyysalue/")
    assert "<h1>Södra Kymmenedalens sysselsättningsområde</h1>" in page.content.decode()


def test_anonymous_users_are_sent_to_the_login(client: Client, db: None) -> None:
    response = client.get(admin_url(Organisation, "changelist"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
