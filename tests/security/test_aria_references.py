"""Every aria-describedby and aria-labelledby on every page points to an element that exists, and every
error summary links to fields that exist (issue 20 §5).

Each URL of the permission matrix is rendered for the first role that may see it, and each form again after
an invalid POST, where the error messages and the summary appear."""

from __future__ import annotations

from html.parser import HTMLParser

from django.test import Client

from seuraamo.catalogue.hsds.mapping import hsds_id
from tests.pages.builders import PageData
from tests.security.test_permission_matrix import (
    FOLLOW_UP_ROLES,
    URL_MATRIX,
    follow_up_clients,  # noqa: F401  (the matrix's people and objects)
)

REFERENCES = ("aria-describedby", "aria-labelledby")


class References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.references: list[tuple[str, str, str]] = []  # (tag, attribute, id)
        self.summary_links: list[str] = []
        self.summaries = 0
        self._summary_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if values.get("id"):
            self.ids.add(values["id"])
        for name in REFERENCES:
            for reference in values.get(name, "").split():
                self.references.append((tag, name, reference))
        if "data-error-summary" in values:
            self.summaries += 1
            self._summary_depth = 1
        elif self._summary_depth and tag not in ("br", "input", "img"):
            self._summary_depth += 1
            if tag == "a" and values.get("href", "").startswith("#"):
                self.summary_links.append(values["href"][1:])

    def handle_endtag(self, tag: str) -> None:
        if self._summary_depth:
            self._summary_depth -= 1


def problems_of(html: str) -> list[str]:
    page = References()
    page.feed(html)
    found = [
        f'<{tag} {name}="{reference}">: no element has id "{reference}"'
        for tag, name, reference in page.references
        if reference not in page.ids
    ]
    found += [
        f'error summary links to "#{target}", which no element has as its id'
        for target in page.summary_links
        if target not in page.ids
    ]
    return found


def summaries_in(html: str) -> int:
    page = References()
    page.feed(html)
    return page.summaries


def report(wrong: dict[str, list[str]]) -> str:
    return "\n".join(f"{url}: {problem}" for url, problems in wrong.items() for problem in problems)


def fill(path: str, data: PageData, objects: dict[str, object]) -> str:
    return path.format(
        report=objects["report"],
        contribution=objects["contribution"],
        goal=data.goals["4.3"].key,
        measure=data.goals["4.3"].measures.order_by("order", "pk").first().key,  # type: ignore[union-attr]
        meeting=objects["meeting"],
        decision=objects["decision"],
        project=objects["project"],
        service=objects["service"],
        service_hsds_id=objects["service_hsds_id"],
        organisation_hsds_id=objects["organisation_hsds_id"],
        taxonomy_hsds_id=hsds_id("taxonomy", "service_level"),
        term_hsds_id=hsds_id("taxonomy_term", "target_group:young_people"),
    )


def is_html(response: object) -> bool:
    return str(response.get("Content-Type", "")).startswith("text/html")  # type: ignore[attr-defined]


def test_every_page_of_the_matrix_refers_only_to_ids_it_has(
    data: PageData,
    follow_up_clients: dict[str, Client],  # noqa: F811
) -> None:
    wrong: dict[str, list[str]] = {}
    for name, (method, path, expected) in URL_MATRIX.items():
        if method != "get" or 200 not in expected:
            continue
        role = FOLLOW_UP_ROLES[expected.index(200)]
        url = fill(path, data, follow_up_clients)
        response = follow_up_clients[role].get(url)
        assert response.status_code == 200, (name, url, role)
        if is_html(response) and (found := problems_of(response.content.decode())):
            wrong[url] = found
    assert not wrong, report(wrong)


def test_every_form_after_an_invalid_submit_has_a_summary_and_refers_only_to_ids_it_has(
    data: PageData,
    follow_up_clients: dict[str, Client],  # noqa: F811
) -> None:
    invalid_posts = [
        ("admin", "/fi/follow-up/rounds/open/", {"period": "no such period"}),
        ("admin", "/fi/follow-up/meetings/new/", {"x": "1"}),
        ("admin", "/fi/follow-up/meetings/{meeting}/edit/", {"x": "1"}),
        ("admin", "/fi/follow-up/meetings/{meeting}/decisions/new/", {"x": "1"}),
        ("admin", "/fi/follow-up/decisions/{decision}/edit/", {"x": "1"}),
        ("admin", "/fi/follow-up/projects/new/", {"x": "1"}),
        ("admin", "/fi/follow-up/projects/{project}/edit/", {"x": "1"}),
        (
            "coordinator_a",
            "/fi/follow-up/reports/{report}/edit/",
            {"assessment": "no such assessment"},
        ),
        (
            "coordinator_a",
            "/fi/follow-up/contributions/{contribution}/edit/",
            {"measure_status_x": "x"},
        ),
        ("admin", "/fi/services/{service}/edit/", {"level": "not a number"}),
        ("anonymous", "/fi/services/guide/", {"age": "not a number"}),
        ("admin", "/fi/measures/{measure}/edit/", {"contact_email": "not an e-mail"}),
        ("anonymous", "/fi/accounts/password-reset/", {"email": "not an e-mail"}),
        ("admin", "/fi/publications/figures/new/", {"x": "1"}),
        ("admin", "/fi/publications/assessments/new/", {"x": "1"}),
        ("admin", "/fi/service-system/typ/edit/", {"x": "1"}),
    ]
    wrong: dict[str, list[str]] = {}
    for role, path, form in invalid_posts:
        url = fill(path, data, follow_up_clients)
        response = follow_up_clients[role].post(url, form)
        assert response.status_code in (200, 400) and is_html(response), (url, response.status_code)
        html = response.content.decode()
        found = problems_of(html)
        if summaries_in(html) != 1:
            found.append(
                "no error summary" if summaries_in(html) == 0 else "more than one error summary"
            )
        if found:
            wrong[url] = found
    login = Client().post("/fi/accounts/login/", {"username": "", "password": ""})
    if problems_of(login.content.decode()) or summaries_in(login.content.decode()) != 1:
        wrong["/fi/accounts/login/"] = problems_of(login.content.decode()) or ["no error summary"]
    assert not wrong, report(wrong)


def test_the_check_names_a_reference_to_a_missing_id() -> None:
    html = '<p id="a">A</p><input aria-describedby="a id_deadline_helptext">'
    assert problems_of(html) == [
        '<input aria-describedby="id_deadline_helptext">: no element has id "id_deadline_helptext"'
    ]
