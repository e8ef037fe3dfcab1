"""Refusals that explain themselves, as a visitor sees them in fi, sv and en.

An anonymous visitor refused a page (PermissionDenied, raised in the view) is sent to sign in with
the page as `next` and comes back to it; a signed-in user without the right gets the styled 403
with a way on; an unknown address the styled 404; a failure the 500 page in the path's language,
rendered without the database. The anonymous refusal uses a test page (tests/security/refusal_urls.py):
outside the follow-up every page that refuses is behind a sign-in already. The signed-in refusal
uses the real data-status page. Constructed test users."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client, RequestFactory

from seuraamo.accounts.models import User
from seuraamo.config import urls as project_urls
from seuraamo.core import errors
from tests.pages.html import Element, parse
from tests.personas import PASSWORD, analyst, citizen
from tests.security.refusal_urls import MEMBERS_HEADING

LANGUAGES = ["fi", "sv", "en"]
REFUSED = {
    "fi": "Sinulla ei ole pääsyä tälle sivulle",
    "sv": "Du har inte åtkomst till den här sidan",
    "en": "You do not have access to this page",
}
NOT_FOUND = {"fi": "Sivua ei löytynyt", "sv": "Sidan hittades inte", "en": "Page not found"}
FRONT_PAGE = {"fi": "Siirry etusivulle", "sv": "Gå till startsidan", "en": "Go to the front page"}
MY_TASKS = {"fi": "Omat tehtävät", "sv": "Mina uppgifter", "en": "My tasks"}
ANOTHER_USER = {
    "fi": "Kirjaudu toisena käyttäjänä",
    "sv": "Logga in som en annan användare",
    "en": "Log in as another user",
}
SERVER_ERROR = {
    "fi": "Palvelussa tapahtui virhe",
    "sv": "Ett fel inträffade i tjänsten",
    "en": "The service ran into an error",
}


@pytest.fixture(autouse=True)
def real_error_pages(settings: object) -> None:
    """With DEBUG on, Django answers a 404 or 500 with its technical page instead of the site's.
    pytest-django turns DEBUG off already; this says so where the tests depend on it."""
    settings.DEBUG = False


@pytest.fixture
def refusal_urls(settings: object) -> None:
    settings.ROOT_URLCONF = "tests.security.refusal_urls"


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(response: object, status: int) -> Element:
    assert response.status_code == status
    return parse(response.content)


def link(doc: Element, text: str) -> Element:
    found = [a for a in doc.find("main").find_all("a") if a.text == text]
    assert len(found) == 1, f"one link {text!r} in <main>"
    return found[0]


def next_of(location: str) -> str:
    return parse_qs(urlsplit(location).query)["next"][0]


def test_the_project_urls_name_the_handlers() -> None:
    assert project_urls.handler403 is errors.permission_denied
    assert project_urls.handler500 is errors.server_error


# --- An anonymous visitor: to the sign-in page and back ----------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_anonymous_visitor_signs_in_and_comes_back(
    db: None, refusal_urls: None, language: str
) -> None:
    citizen("member")
    visitor = Client()
    refused = visitor.get(f"/{language}/members/?tab=2")
    assert refused.status_code == 302
    assert refused["Location"] == f"/{language}/accounts/login/?next=/{language}/members/%3Ftab%3D2"

    sign_in = page(visitor.get(refused["Location"]), 200)
    assert sign_in.find("html").attrs["lang"] == language
    form = sign_in.find("main").find("form", method="post")
    assert form.find("input", name="next").attrs["value"] == f"/{language}/members/?tab=2"

    signed = visitor.post(
        refused["Location"],
        {"username": "member@example.test", "password": PASSWORD, "next": f"/{language}/members/?tab=2"},
    )  # fmt: skip
    assert signed.status_code == 302
    assert signed["Location"] == f"/{language}/members/?tab=2"
    back = page(visitor.get(signed["Location"]), 200)
    assert back.find("h1").text == MEMBERS_HEADING
    assert [p.text for p in back.find("main").find_all("p")] == ["member@example.test", "2"]


@pytest.mark.parametrize(
    "elsewhere", ["https://evil.example/", "//evil.example/fi/", "javascript:alert(1)", "\\\\evil.example"]
)  # fmt: skip
def test_signing_in_never_sends_anyone_off_the_site(db: None, elsewhere: str) -> None:
    citizen("member")
    signed = Client().post(
        "/fi/accounts/login/",
        {"username": "member@example.test", "password": PASSWORD, "next": elsewhere},
    )
    assert signed.status_code == 302
    assert signed["Location"] == "/fi/follow-up/tasks/"


def test_the_sign_in_page_ignores_an_off_site_next_for_a_signed_in_user(db: None) -> None:
    already = signed_in(citizen("member")).get("/fi/accounts/login/?next=https://evil.example/")
    assert already["Location"] == "/fi/follow-up/tasks/"


@pytest.mark.parametrize(
    "elsewhere", ["https://evil.example/", "//evil.example/", "\\\\evil.example"]
)
def test_signing_out_never_sends_anyone_off_the_site(db: None, elsewhere: str) -> None:
    """The 403 page's "log in as another user" signs out with a `next`: only a local one is followed."""
    signed_out = signed_in(citizen("member")).post("/fi/accounts/logout/", {"next": elsewhere})
    assert signed_out.status_code == 302
    assert signed_out["Location"] == "/fi/"


# --- A signed-in user without the right: the styled 403 -----------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_signed_in_user_without_the_role_gets_the_styled_403(db: None, language: str) -> None:
    response = signed_in(citizen("member")).get(f"/{language}/data-status/")
    doc = page(response, 403)
    assert doc.find("html").attrs["lang"] == language
    assert doc.find("h1").text == REFUSED[language]
    assert doc.find("title").text == f"{REFUSED[language]} – Seuraamo"
    assert len(doc.find_all("h1")) == 1
    assert "Member" in doc.find("main").text
    # The site's layout: header with the menu and language switcher, footer.
    assert doc.find("nav", class_="site-nav") and doc.find("footer")
    switcher = doc.find("nav", class_="language-switcher")
    assert [a.attrs["href"] for a in switcher.find_all("a")] == [
        f"/{code}/data-status/" for code in LANGUAGES
    ]
    # The ways on: my tasks, the front page, signing in as someone else (back to this page).
    assert link(doc, MY_TASKS[language]).attrs["href"] == f"/{language}/follow-up/tasks/"
    assert link(doc, FRONT_PAGE[language]).attrs["href"] == f"/{language}/"
    form = doc.find("main").find("form", action=f"/{language}/accounts/logout/")
    assert form.attrs["method"] == "post"
    assert form.find("button").text == ANOTHER_USER[language]
    again = form.find("input", name="next").attrs["value"]
    assert again == f"/{language}/accounts/login/?next=/{language}/data-status/"
    assert "Forbidden" not in response.content.decode()


def test_signing_in_as_another_user_from_the_403_page_returns_there(db: None) -> None:
    analyst()
    browser = signed_in(citizen("member"))
    doc = page(browser.get("/fi/data-status/"), 403)
    form = doc.find("main").find("form", action="/fi/accounts/logout/")
    again = form.find("input", name="next").attrs["value"]

    signed_out = browser.post(form.attrs["action"], {"next": again})
    assert signed_out.status_code == 302
    assert signed_out["Location"] == again
    assert page(browser.get(again), 200).find("h1").text == "Kirjaudu"
    signed = browser.post(
        again, {"username": "analyst@example.test", "password": PASSWORD, "next": next_of(again)}
    )
    assert signed["Location"] == "/fi/data-status/"
    assert page(browser.get("/fi/data-status/"), 200).find("h1").text == "Tietojen tila"


# --- Unknown addresses and failures --------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unknown_address_gets_the_styled_404(client: Client, db: None, language: str) -> None:
    response = client.get(f"/{language}/no-such-page/")
    doc = page(response, 404)
    assert doc.find("html").attrs["lang"] == language
    assert doc.find("h1").text == NOT_FOUND[language]
    assert doc.find("title").text == f"{NOT_FOUND[language]} – Seuraamo"
    assert doc.find("nav", class_="site-nav") and doc.find("footer")
    assert link(doc, FRONT_PAGE[language]).attrs["href"] == f"/{language}/"
    assert "URLconf" not in response.content.decode()  # not Django's technical page


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_failure_gets_the_500_page_in_the_paths_language(
    refusal_urls: None, language: str
) -> None:
    """No `db` fixture: a query anywhere on the way would fail the test."""
    response = Client(raise_request_exception=False).get(f"/{language}/failing/")
    doc = page(response, 500)
    assert doc.find("html").attrs["lang"] == language
    assert doc.find("h1").text == SERVER_ERROR[language]
    assert doc.find("main").find("a").attrs["href"] == f"/{language}/"
    others = {p.attrs["lang"]: p.text for p in doc.find("main").find_all("p") if "lang" in p.attrs}
    assert set(others) == set(LANGUAGES) - {language}
    for code, text in others.items():
        assert text.startswith(SERVER_ERROR[code])
    assert doc.find("link", rel="stylesheet").attrs["href"].endswith("core/css/screen.css")
    body = response.content.decode()
    assert "secret detail" not in body and "Traceback" not in body


@pytest.mark.parametrize(
    ("path", "language"),
    [("/sv/x/", "sv"), ("/en/", "en"), ("/fi/x/", "fi"), ("/api/x", "fi"), ("/", "fi"), ("/svx/", "fi")],
)  # fmt: skip
def test_the_500_page_takes_its_language_from_the_path_alone(path: str, language: str) -> None:
    response = errors.server_error(RequestFactory().get(path))
    assert response.status_code == 500
    assert parse(response.content).find("html").attrs["lang"] == language


def test_the_500_template_alone_is_finnish_with_swedish_and_english_lines() -> None:
    """What Django's own handler would render (an empty context): still a page, in Finnish."""
    from django.template import loader

    doc = parse(loader.get_template("500.html").render({}))
    assert doc.find("html").attrs["lang"] == "fi"
    assert doc.find("h1").text == SERVER_ERROR["fi"]
    assert {p.attrs.get("lang") for p in doc.find("main").find_all("p")} == {None, "sv", "en"}


@pytest.mark.parametrize(
    ("language", "signed_in_as", "log_out"),
    [
        ("fi", "Kirjautuneena: Member", "Kirjaudu ulos"),
        ("sv", "Inloggad: Member", "Logga ut"),
        ("en", "Signed in: Member", "Log out"),
    ],
)
def test_the_header_says_who_is_signed_in_and_signs_out(
    db: None, language: str, signed_in_as: str, log_out: str
) -> None:
    browser = signed_in(citizen("member"))
    header = page(browser.get(f"/{language}/"), 200).find("header", class_="site-header")
    assert signed_in_as in " ".join(header.find("div", class_="signed-in").text.split())
    form = header.find("form", action=f"/{language}/accounts/logout/")
    assert form.attrs["method"] == "post" and form.find("button").text == log_out
    assert browser.post(form.attrs["action"]).status_code == 302
    anonymous = page(browser.get(f"/{language}/"), 200).find("header", class_="site-header")
    assert anonymous.find_all("div", class_="signed-in") == []
