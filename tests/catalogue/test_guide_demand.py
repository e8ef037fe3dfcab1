"""The guide's demand page: the anonymous counts (need × municipality × month) that are all the guide
keeps, as the steering group, analysts and programme admins see them, small counts hidden.
Who may open it is a row of the permission matrix (tests/security/test_permission_matrix.py)."""

from __future__ import annotations

import datetime
import re
import threading

import pytest
from django.db import close_old_connections, connection
from django.test import Client
from django.utils import timezone

from seuraamo.catalogue import services
from seuraamo.catalogue.models import GuideDemand
from tests import personas

pytestmark = pytest.mark.django_db


def cells(html: str) -> list[list[str]]:
    rows = re.findall(
        r"<tr><th scope=\"row\">(.*?)</th><td>(.*?)</td>"
        r"<td class=\"number\">(.*?)</td><td class=\"number\">(.*?)</td></tr>",
        html,
    )
    return [[cell.replace("&lt;", "<") for cell in row] for row in rows]


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_steering_group_sees_the_counts_with_those_under_5_hidden() -> None:
    month = timezone.localdate().replace(day=1)
    GuideDemand.objects.create(month=month, municipality="KU285", need="job", uses=7, unmatched=0)
    GuideDemand.objects.create(
        month=month, municipality="KU489", need="recruiting", uses=3, unmatched=2
    )
    GuideDemand.objects.create(
        month=month, municipality="KU075", need="health_social", uses=12, unmatched=6
    )
    html = signed_in(personas.steering_group_member()).get("/en/services/guide/demand/")
    text = html.content.decode()
    assert cells(text) == [
        ["Hamina", "health or social support", "12", "6"],
        ["Kotka", "a job", "7", "0"],
        ["Miehikkälä", "recruiting", "< 5", "< 5"],
    ]
    unmatched = re.findall(r"<li>(.*?)</li>", text.split('class="guide-unmatched"')[1])
    assert unmatched[:2] == [
        "Health or social support – Hamina: 6",
        "Recruiting – Miehikkälä: &lt; 5",
    ]
    assert ">3<" not in text and ">2<" not in text


def test_the_page_speaks_the_page_s_language_and_names_a_missing_need() -> None:
    month = timezone.localdate().replace(day=1)
    GuideDemand.objects.create(month=month, municipality="KU075", need="", uses=5)
    html = signed_in(personas.analyst()).get("/sv/services/guide/demand/").content.decode()
    assert cells(html) == [["Fredrikshamn", "inget behov valt", "5", "0"]]
    assert "Inga: varje användning hittade minst en tjänst." in html


def test_only_the_last_twelve_months_are_shown() -> None:
    today = timezone.localdate()
    this_month = today.replace(day=1)
    long_ago = (this_month - datetime.timedelta(days=400)).replace(day=1)
    GuideDemand.objects.create(month=this_month, municipality="KU285", need="job", uses=9)
    GuideDemand.objects.create(month=long_ago, municipality="KU285", need="growth", uses=9)
    html = signed_in(personas.programme_admin()).get("/en/services/guide/demand/").content.decode()
    assert [row[1] for row in cells(html)] == ["a job"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_uses_all_count() -> None:
    """Eight guide uses at once, each in its own connection: the counter is raised in the database
    (F()), so none is lost."""
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's in-memory test database shares one cache, where a writer gets 'table is "
            "locked' at once instead of waiting (the served database file waits: settings.py)"
        )
    today = timezone.localdate()
    errors: list[BaseException] = []

    def use() -> None:
        try:
            services.count_guide_use(municipality="KU286", need="job", found=False, on=today)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=use) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    row = GuideDemand.objects.get()
    assert (row.uses, row.unmatched, row.month) == (8, 8, today.replace(day=1))
