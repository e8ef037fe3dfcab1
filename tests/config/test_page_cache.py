"""Whole public pages cached for anonymous visitors: the second visit costs only the data-version
queries, an edit shows on the next visit, and signed-in users always get a fresh page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from seuraamo.organisations.models import Organisation
from tests.operations.test_two_servers import form_fields
from tests.pages.builders import PageData, build_programme
from tests.personas import citizen, superuser


@pytest.fixture
def data(db: None) -> PageData:
    return build_programme(timezone.localdate())


PAGES = ["/fi/", "/sv/programme/", "/en/organisations/", "/fi/steering-group/"]
DATA_VERSION_QUERIES = 1


def queries(client: Client, path: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize("path", PAGES)
def test_the_second_anonymous_visit_is_served_from_the_cache(data: PageData, path: str) -> None:
    client = Client()
    first_count, first = queries(client, path)
    second_count, second = queries(client, path)
    assert second == first
    assert second_count == DATA_VERSION_QUERIES < first_count


def test_an_admin_edit_shows_to_anonymous_visitors_at_once(data: PageData) -> None:
    visitor = Client()
    organisation = Organisation.objects.order_by("pk").first()
    assert organisation.name_en in visitor.get("/en/organisations/").content.decode()
    editor = Client()
    editor.force_login(superuser("editor"))
    change = f"/en/admin/organisations/organisation/{organisation.pk}/change/"
    fields = form_fields(editor.get(change).content.decode(), "organisation_form")
    renamed = [(k, "Renamed organisation" if k == "name_en" else v) for k, v in fields]
    form: dict[str, list[str]] = {}
    for name, value in [*renamed, ("_save", "Save")]:
        form.setdefault(name, []).append(value)
    assert editor.post(change, form).status_code == 302
    assert "Renamed organisation" in visitor.get("/en/organisations/").content.decode()


def test_signed_in_users_always_get_a_fresh_page(data: PageData) -> None:
    visitor = Client()
    visitor.get("/en/organisations/")  # now cached for anonymous visitors
    member = Client()
    member.force_login(citizen("member"))
    member.get("/en/organisations/")
    # A write that no admin edit, import or sync recorded (as from `seuraamo shell`): the data
    # version does not move, so only a fresh rendering can show it.
    Organisation.objects.filter(pk=Organisation.objects.order_by("pk").first().pk).update(
        name_en="Written behind the cache"
    )
    assert "Written behind the cache" in member.get("/en/organisations/").content.decode()
    assert "Written behind" not in visitor.get("/en/organisations/").content.decode()


def test_an_api_answer_is_cached_until_the_statistics_change(db: None, tmp_path: object) -> None:
    from tests.config.test_data_version_writers import import_statistics
    from tests.official_stats.test_data_status import FIXTURES, careless_file

    import_statistics(FIXTURES / "12r5_excerpt.json-stat2.json")
    path = "/api/observations?table=tyonv/12r5&content=TYOTTOMATLOPUSSA&area=MK08"
    visitor = Client()
    first_count, first = queries(visitor, path)
    second_count, second = queries(visitor, path)
    assert second == first and second_count == DATA_VERSION_QUERIES < first_count
    assert "2026M07" not in second
    import_statistics(careless_file(tmp_path))
    assert "2026M07" in visitor.get(path).content.decode()


def test_gzip_and_plain_visitors_each_get_their_own_encoding(data: PageData) -> None:
    import gzip

    zipped = Client(HTTP_ACCEPT_ENCODING="gzip")
    plain = Client()
    for _visit in range(2):
        answer = zipped.get("/fi/programme/")
        assert answer["Content-Encoding"] == "gzip"
        text = gzip.decompress(answer.content).decode()
        assert plain.get("/fi/programme/").content.decode() == text
        assert "Content-Encoding" not in plain.get("/fi/programme/")


def test_a_cached_answer_keeps_the_security_headers(data: PageData) -> None:
    visitor = Client()
    visitor.get("/fi/")
    count, _html = queries(visitor, "/fi/")
    assert count == DATA_VERSION_QUERIES
    answer = visitor.get("/fi/")
    for header in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy"):
        assert answer.has_header(header), header
    assert answer["Content-Language"] == "fi"


def test_a_visitor_with_a_session_cookie_is_never_served_from_the_cache(data: PageData) -> None:
    Client().get("/en/organisations/")
    Organisation.objects.filter(pk=Organisation.objects.order_by("pk").first().pk).update(
        name_en="Written behind the cache"
    )
    visitor = Client()
    visitor.cookies["sessionid"] = "no-such-session"
    assert "Written behind the cache" in visitor.get("/en/organisations/").content.decode()
