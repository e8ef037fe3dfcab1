"""`make run` loads the programme file into an empty installation only: after that the database is
the source of truth, and an edit made in the admin survives the next start."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from seuraamo.programmes.models import Goal, Measure
from tests.admin_forms import admin_form_payload
from tests.personas import superuser

pytestmark = pytest.mark.django_db


def start_up() -> str:
    out = StringIO()
    call_command("load_initial_data", stdout=out)
    return out.getvalue()


def test_an_admin_edit_survives_the_next_start() -> None:
    first = start_up()
    assert 'Imported programme "kymenlaakso-2021"' in first
    admin = superuser("sihteeri")
    client = Client()
    client.force_login(admin)
    goal = Goal.objects.order_by("id").first()
    measure = Measure.objects.order_by("id").first()
    for model, row, field in ((Goal, goal, "title_fi"), (Measure, measure, "title_fi")):
        url = reverse(f"admin:programmes_{model._meta.model_name}_change", args=[row.pk])
        payload = admin_form_payload(client, url)
        payload[field] = "Muokattu ylläpidossa"
        response = client.post(url, payload)
        assert response.status_code == 302, response.context["adminform"].form.errors

    second = start_up()

    assert "Programme content is already in the database and is left as it is" in second
    assert "Imported programme" not in second
    goal.refresh_from_db()
    measure.refresh_from_db()
    assert goal.title_fi == "Muokattu ylläpidossa"
    assert measure.title_fi == "Muokattu ylläpidossa"
