"""Every change staff make in the admin is audited: who, when, what before, what after."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from seuraamo.accounts.models import User
from seuraamo.core.models import AuditEvent
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


@pytest.fixture
def staff_user(db: None) -> User:
    return superuser("sihteeri")


EMPTY_SUCCESSIONS = {
    "successions-TOTAL_FORMS": "0",
    "successions-INITIAL_FORMS": "0",
    "successions-MIN_NUM_FORMS": "0",
    "successions-MAX_NUM_FORMS": "1000",
}


@pytest.fixture
def staff(client: Client, staff_user: User) -> Client:
    client.force_login(staff_user)
    return client


def current_form_data(client: Client, url: str) -> dict[str, object]:
    return admin_form_payload(client, url)


def test_an_edit_records_the_changed_fields_before_and_after(
    staff: Client, staff_user: User, data: PageData
) -> None:
    area = data.organisations["etela-kymenlaakson-tyollisyysalue"]
    url = reverse("admin:organisations_organisation_change", args=[area.pk])
    payload = current_form_data(staff, url)
    old_name = payload["name_en"]
    payload["name_en"] = "South Kymenlaakso Employment Area"

    response = staff.post(url, payload)

    assert response.status_code == 302
    event = AuditEvent.objects.get(object_type="organisations.organisation", action="update")
    assert event.actor == staff_user
    assert event.actor_description == "sihteeri"
    assert event.object_key == "etela-kymenlaakson-tyollisyysalue"
    assert event.before == {"name_en": old_name}
    assert event.after == {"name_en": "South Kymenlaakso Employment Area"}


def test_saving_without_changes_records_nothing(staff: Client, data: PageData) -> None:
    area = data.organisations["etela-kymenlaakson-tyollisyysalue"]
    url = reverse("admin:organisations_organisation_change", args=[area.pk])

    staff.post(url, current_form_data(staff, url))

    assert not AuditEvent.objects.filter(action="update").exists()


def test_a_delete_records_the_values_it_removed(staff: Client, data: PageData) -> None:
    measure = Measure.objects.first()
    url = reverse("admin:programmes_measure_delete", args=[measure.pk])

    response = staff.post(url, {"post": "yes"})

    assert response.status_code == 302
    event = AuditEvent.objects.get(action="delete")
    assert event.object_key == measure.key
    assert event.before["title_fi"] == measure.title_fi
    assert event.after is None


def test_an_added_organisation_is_recorded_as_created(staff: Client, data: PageData) -> None:
    response = staff.post(
        reverse("admin:organisations_organisation_add"),
        {
            "key": "uusi-kumppani",
            "kind": "association",
            "name_fi": "Uusi kumppani ry",
            "municipalities": "[]",
            **EMPTY_SUCCESSIONS,
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Organisation.objects.filter(key="uusi-kumppani").exists()
    event = AuditEvent.objects.get(action="create")
    assert event.before is None
    assert event.after["name_fi"] == "Uusi kumppani ry"


def full_change_payload(client: Client, url: str) -> dict[str, object]:
    """The change form as the browser would post it: the main form plus every inline formset."""
    context = client.get(url).context
    payload = current_form_data(client, url)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            payload[management.add_prefix(name)] = management[name].value()
        for form in formset.initial_forms:
            for name in form.fields:
                value = form[name].value()
                if value is not None and value is not False:
                    payload[form.add_prefix(name)] = value
    return payload


def test_a_measure_edited_inline_on_its_goal_is_recorded(staff: Client, data: PageData) -> None:
    measure = Measure.objects.select_related("goal").first()
    url = reverse("admin:programmes_goal_change", args=[measure.goal.pk])
    payload = full_change_payload(staff, url)
    title_field = next(
        name
        for name, value in payload.items()
        if name.endswith("-title_fi") and value == measure.title_fi
    )
    payload[title_field] = "Uusi otsikko toimenpiteelle"

    response = staff.post(url, payload)

    assert response.status_code == 302, response.context and response.context["errors"]
    event = AuditEvent.objects.get(object_type="programmes.measure", action="update")
    assert event.before == {"title_fi": measure.title_fi}
    assert event.after == {"title_fi": "Uusi otsikko toimenpiteelle"}


def test_a_theme_number_with_a_comma_is_refused_in_the_admin(staff: Client, data: PageData) -> None:
    theme = data.themes["4.3"]
    url = reverse("admin:programmes_theme_change", args=[theme.pk])
    payload = full_change_payload(staff, url)
    payload["number"] = "4,3"

    response = staff.post(url, payload)

    assert response.status_code == 200
    assert "pisteillä erotettuina numeroina" in str(
        response.context["adminform"].form.errors["number"]
    )
    theme.refresh_from_db()
    assert theme.number == "4.3"
    assert staff.get("/fi/").status_code == 200


def programme_rows() -> int:
    models = (Programme, Theme, Goal, GoalCoordinator, Measure, Indicator, IndicatorTarget)
    return sum(model.objects.count() for model in (*models, SteeringGroupMembership))


def test_deleting_the_programme_records_every_row_it_removes(staff: Client, data: PageData) -> None:
    rows_before = programme_rows()
    url = reverse("admin:programmes_programme_delete", args=[data.programme.pk])

    response = staff.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert programme_rows() == 0
    deleted = AuditEvent.objects.filter(action="delete")
    assert deleted.count() == rows_before
    theme = deleted.get(object_type="programmes.theme", object_key="kymenlaakso-2021/4.3")
    assert theme.before["programme"] == "kymenlaakso-2021"
    target = deleted.filter(object_type="programmes.indicatortarget").first()
    assert target.object_key.startswith(target.before["indicator"] + "/")


def test_the_admin_and_the_importer_record_an_object_alike(staff: Client, data: PageData) -> None:
    """Foreign keys as the referred object's stable key, decimals without trailing zeros."""
    goal = data.goals["4.3"]
    url = reverse("admin:programmes_goal_change", args=[goal.pk])
    payload = admin_form_payload(staff, url)
    payload["theme"] = data.themes["4.1"].pk

    assert staff.post(url, payload).status_code == 302

    event = AuditEvent.objects.get(action="update", object_key="goal-4-3")
    assert event.before == {"theme": "kymenlaakso-2021/4.3"}
    assert event.after == {"theme": "kymenlaakso-2021/4.1"}
