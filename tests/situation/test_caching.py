"""The situation pages' cached content is never stale: an edit in the admin shows on the next
page load (new syncs and imports: their SyncRun rows change the data version too)."""

from __future__ import annotations

import pytest
from django.test import Client

from seuraamo.areas.models import Area
from tests.personas import superuser
from tests.situation.builders import build_situation

pytestmark = pytest.mark.django_db


def test_an_area_renamed_in_the_admin_shows_at_once(client: Client) -> None:
    build_situation()
    page = "/en/situation/?area=KU285"
    caption = "Unemployed jobseekers, Kotka"  # in the cached part of the page
    assert caption in client.get(page).content.decode()
    assert caption in client.get(page).content.decode()

    editor = Client()
    editor.force_login(superuser("editor"))
    area = Area.objects.get(code="KU285")
    response = editor.post(
        f"/en/admin/areas/area/{area.pk}/change/",
        {
            "code": area.code,
            "level": area.level,
            "name_fi": area.name_fi,
            "name_sv": area.name_sv,
            "name_en": "Kotka (renamed)",
            "subregion": area.subregion_id or "",
            "region": area.region_id or "",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    assert "Unemployed jobseekers, Kotka (renamed)" in client.get(page).content.decode()
