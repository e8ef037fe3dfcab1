"""Issue 23 §7 (finding) / §6 (build): an anonymous visitor cannot tell whether a non-public round,
report, contribution or service exists. For each such URL pattern, the same request for an object
that exists (but is not public) and for one that does not gets the same answer: the sign-in page
with the path as `next`. A signed-in user keeps the 404 for what does not exist."""

from __future__ import annotations

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from seuraamo.catalogue.models import Service, ServiceStatus
from tests.follow_up.builders import build_follow_up
from tests.pages.builders import PageData

MISSING_ROUND = "2031H2"
MISSING = 999999

# (method, path with {round}, {report}, {contribution} or {service})
PRIVATE_PATTERNS = [
    ("get", "/fi/follow-up/rounds/{round}/"),
    ("get", "/sv/follow-up/rounds/{round}/"),
    ("get", "/fi/follow-up/rounds/{round}/report.html"),
    ("get", "/fi/follow-up/rounds/{round}/report.html?download=1"),
    ("get", "/en/follow-up/rounds/{round}/report.pdf"),
    ("get", "/fi/follow-up/rounds/{round}/report.xlsx"),
    ("get", "/fi/follow-up/rounds/{round}/close/"),
    ("post", "/fi/follow-up/rounds/{round}/publish/"),
    ("get", "/fi/follow-up/reports/{report}/"),
    ("get", "/sv/follow-up/reports/{report}/"),
    ("get", "/fi/follow-up/reports/{report}/edit/"),
    ("post", "/fi/follow-up/reports/{report}/submit/"),
    ("post", "/fi/follow-up/reports/{report}/review/"),
    ("post", "/fi/follow-up/reports/{report}/comment/"),
    ("get", "/fi/follow-up/contributions/{contribution}/edit/"),
    ("post", "/fi/follow-up/contributions/{contribution}/sign-off/"),
    ("get", "/fi/services/{service}/edit/"),
]


@pytest.fixture
def existing(data: PageData) -> dict[str, object]:
    """A round that is open (not published), its draft reports and their parts, and a service."""
    follow_up = build_follow_up(data, timezone.localdate() + datetime.timedelta(days=20))
    service = Service.objects.create(
        key="existence-service",
        name_fi="Testipalvelu (rakennettu testiä varten)",
        responsible=data.organisations["kotkan-kaupunki"],
        level=2,
        municipalities=["KU285"],
        status=ServiceStatus.DRAFT,
    )
    report = follow_up.report("4.2")
    return {
        "round": follow_up.reporting_round.period,
        "report": report.pk,
        "contribution": report.contributions.first().pk,
        "service": service.key,
        "steering": follow_up.steering,
    }


MISSING_OBJECTS = {
    "round": MISSING_ROUND,
    "report": MISSING,
    "contribution": MISSING,
    "service": "no-such-service",
}


def answer(method: str, path: str) -> tuple[int, str, list[str]]:
    """The status, the page it sends the visitor to and that page's `next`."""
    response = getattr(Client(), method)(path)
    target = urlsplit(response.get("Location", ""))
    return response.status_code, target.path, parse_qs(target.query).get("next", [])


@pytest.mark.parametrize(("method", "pattern"), PRIVATE_PATTERNS)
def test_an_anonymous_visitor_gets_the_same_answer_whether_it_exists_or_not(
    method: str, pattern: str, existing: dict[str, object]
) -> None:
    there = pattern.format(**existing)
    absent = pattern.format(**MISSING_OBJECTS)
    status, sign_in, next_page = answer(method, there)
    assert answer(method, absent) == (status, sign_in, [absent])
    # The answer is the sign-in page, which brings the visitor back to the page asked for.
    assert (status, sign_in, next_page) == (
        302,
        f"/{pattern.split('/')[1]}/accounts/login/",
        [there],
    )


def test_a_signed_in_user_still_gets_404_for_what_does_not_exist(
    existing: dict[str, object],
) -> None:
    client = Client()
    client.force_login(existing["steering"])
    assert client.get(f"/fi/follow-up/rounds/{MISSING_ROUND}/").status_code == 404
    assert client.get(f"/fi/follow-up/rounds/{MISSING_ROUND}/report.html").status_code == 404
    assert client.get(f"/fi/follow-up/reports/{MISSING}/").status_code == 404
    # ... and 403 for a draft report that is not theirs to read yet (the permission matrix).
    assert client.get(f"/fi/follow-up/reports/{existing['report']}/").status_code == 403
