"""A draft stays private through closing and publishing, in Chromium (issue 17, "What it must show").

A coordinator of one organisation writes a draft with a sentence found nowhere else and never
submits it; a coordinator of another organisation writes, submits and is accepted; the admin closes
the round through its confirmation page (which lists the draft under its organisation and asks why
the round closes before its deadline) and publishes it through its own. An anonymous visitor then
sees the accepted report and "raportti puuttuu" for the draft's goal, and the draft's text is
nowhere: not on any follow-up or programme page, not in the PDF, XLSX or HTML report, not in the
API. Also axe-core on the confirmation pages in fi, sv and en. Constructed test data
(tests/pages/builders.py and tests/follow_up/builders.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from seuraamo.follow_up import services
from seuraamo.follow_up.models import GoalReport, Meeting, ReportingRound, ReportStatus, RoundStatus
from tests.axe import serious_violations
from tests.follow_up.builders import FollowUp
from tests.follow_up.test_browser import log_in

pytestmark = pytest.mark.browser

#: The draft's text: a sentence and a token that occur nowhere else in the app or its test data.
DRAFT_TOKEN = "Q7ZKW"
DRAFT_SENTENCE = f"Luonnoksen yksityinen lause {DRAFT_TOKEN} Haminan yövuorokokeilusta."
ACCEPTED_SENTENCE = "Rekrytointipäiviin osallistui 120 yritystä."
REASON = "Ohjausryhmä kokoontuu ennen määräaikaa."
DRAFT_GOAL = "4.1"  # coordinator_b's organisation, Kymenlaakson työllisyysjohtoryhmä
ACCEPTED_GOAL = "4.3"  # coordinator_a's organisation, Kaakkois-Suomen elinvoimakeskus
#: Pages an anonymous visitor reaches from these, under these paths, are searched too.
CRAWLED = ("/fi/follow-up/", "/fi/goals/", "/fi/themes/", "/fi/programme/")
#: The PDF and the workbook are searched once, as downloads, rather than by the crawl.
DOWNLOADS = (".pdf", ".xlsx")


def main_text(page: object) -> str:
    return page.locator("main").inner_text()


def without_draft(where: str, text: str) -> None:
    assert DRAFT_TOKEN not in text, f"the draft's text is in {where}"
    assert DRAFT_SENTENCE not in " ".join(text.split()), f"the draft's text is in {where}"


def test_a_draft_never_leaves_its_organisation(
    follow_up_site: tuple[str, FollowUp], open_page: Callable[..., object], tmp_path: Path
) -> None:
    url, follow_up = follow_up_site
    draft, accepted = follow_up.report(DRAFT_GOAL), follow_up.report(ACCEPTED_GOAL)
    draft_goal, accepted_goal = (
        follow_up.data.goals[DRAFT_GOAL],
        follow_up.data.goals[ACCEPTED_GOAL],
    )
    organisation = follow_up.data.organisations["kymenlaakson-tyollisyysjohtoryhma"].name_fi

    # Coordinator B writes a draft in every text it has and saves it, but never submits it.
    writer = open_page(locale="fi-FI")
    log_in(writer, url, follow_up.coordinator_b.email)
    writer.get_by_role("link", name=draft_goal.title_fi).click()
    writer.wait_for_url(f"{url}/fi/follow-up/reports/{draft.pk}/edit/")
    writer.get_by_label("Kokonaisarvio", exact=True).select_option("partly")
    for label in ("Arvio lyhyesti", "Mitä tehtiin", "Tulokset", "Seuraavat askeleet"):
        writer.get_by_label(label, exact=True).fill(DRAFT_SENTENCE)
    writer.locator("textarea[name^=measure_][name$=_text]").first.fill(DRAFT_SENTENCE)
    writer.get_by_role("button", name="Tallenna").click()
    writer.wait_for_url(f"{url}/fi/follow-up/reports/{draft.pk}/")
    assert "Tallennettu." in main_text(writer)
    assert DRAFT_SENTENCE in main_text(writer)
    assert writer.locator("p.report-status strong").inner_text() == "luonnos"

    # Coordinator A writes and submits; the admin accepts.
    coordinator = open_page(locale="fi-FI")
    log_in(coordinator, url, follow_up.coordinator_a.email)
    coordinator.goto(f"{url}/fi/follow-up/reports/{accepted.pk}/edit/")
    coordinator.get_by_label("Kokonaisarvio", exact=True).select_option("on_track")
    coordinator.get_by_label("Mitä tehtiin").fill(ACCEPTED_SENTENCE)
    coordinator.get_by_role("button", name="Tallenna").click()
    coordinator.wait_for_url(f"{url}/fi/follow-up/reports/{accepted.pk}/")
    coordinator.get_by_role("button", name="Lähetä työllisyysjohtoryhmälle").click()
    assert "Lähetetty työllisyysjohtoryhmälle." in main_text(coordinator)
    admin = open_page(locale="fi-FI")
    log_in(admin, url, follow_up.admin.email)
    admin.goto(f"{url}/fi/follow-up/reports/{accepted.pk}/")
    admin.get_by_label("Hyväksy").check()
    admin.get_by_role("button", name="Tallenna päätös").click()
    assert "Raportti on hyväksytty." in main_text(admin)

    # Closing: the confirmation lists the draft's goal under its organisation, and asks for a
    # reason because the deadline is 20 days ahead.
    admin.goto(f"{url}/fi/follow-up/rounds/2026H1/")
    admin.get_by_role("link", name="Sulje kierros ja jäädytä raportit").click()
    admin.wait_for_url(f"{url}/fi/follow-up/rounds/2026H1/close/")
    assert admin.locator("h1").inner_text() == "Suljetaanko kierros?"
    assert admin.get_by_role(
        "heading", name="Hyväksymättömät raportit organisaatioittain"
    ).is_visible()
    listed = admin.locator("h3", has_text=organisation).locator("xpath=following-sibling::ul[1]")
    assert f"{DRAFT_GOAL} · {draft_goal.title_fi}: luonnos" in listed.inner_text()
    assert accepted_goal.title_fi not in " ".join(admin.locator("ul.outstanding").all_inner_texts())
    without_draft("the closing confirmation", admin.content())
    reason = admin.get_by_label("Miksi kierros suljetaan ennen määräaikaa?")
    assert reason.is_visible()
    admin.get_by_role("button", name="Sulje kierros", exact=True).click()
    # Without a reason: refused, with the deadline in the message, and the round stays open.
    error = admin.locator("main .field__error").inner_text()
    assert follow_up.reporting_round.deadline.strftime("%-d.%-m.%Y") in error
    assert ReportingRound.objects.get(pk=follow_up.reporting_round.pk).status == RoundStatus.OPEN
    admin.get_by_label("Miksi kierros suljetaan ennen määräaikaa?").fill(REASON)
    admin.get_by_role("button", name="Sulje kierros", exact=True).click()
    admin.wait_for_url(f"{url}/fi/follow-up/rounds/2026H1/")
    assert "suljettu" in admin.locator("dl.facts").inner_text()

    # Publishing goes through its own confirmation page.
    admin.get_by_role("link", name="Julkaise kierros").click()
    admin.wait_for_url(f"{url}/fi/follow-up/rounds/2026H1/publish/")
    assert admin.locator("h1").inner_text() == "Julkaistaanko kierros?"
    assert f"{DRAFT_GOAL} · {draft_goal.title_fi}: luonnos" in admin.locator("main").inner_text()
    admin.get_by_role("button", name="Julkaise kierros").click()
    admin.wait_for_url(f"{url}/fi/follow-up/rounds/2026H1/")
    assert "julkaistu" in admin.locator("dl.facts").inner_text()
    # The round's history shows the admin why it closed early.
    history = admin.get_by_role("heading", name="Kierroksen historia")
    closing = history.locator("xpath=following-sibling::table[1]/tbody/tr", has_text="suljettu")
    assert REASON in closing.inner_text()
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT and DRAFT_TOKEN in draft.done

    # An anonymous visitor: the accepted report and "raportti puuttuu" for the draft's goal.
    visitor = open_page(locale="fi-FI", accept_downloads=True)
    visitor.goto(f"{url}/fi/follow-up/rounds/2026H1/")
    draft_row = visitor.locator("table.data-table tbody tr", has_text=draft_goal.title_fi)
    assert "raportti puuttuu" in draft_row.inner_text()
    assert draft_row.locator("td.missing-report").count() == 1
    assert draft_row.get_by_role("link").count() == 0
    visitor.get_by_role("link", name=f"{ACCEPTED_GOAL} · {accepted_goal.title_fi}").click()
    visitor.wait_for_url(f"{url}/fi/follow-up/reports/{accepted.pk}/")
    assert ACCEPTED_SENTENCE in main_text(visitor)

    # The draft's own pages send the visitor to sign in, without its text.
    for path in (f"reports/{draft.pk}/", f"reports/{draft.pk}/edit/"):
        visitor.goto(f"{url}/fi/follow-up/{path}")
        address = urlsplit(visitor.url)
        assert (address.path, address.query) == (
            "/fi/accounts/login/",
            f"next=/fi/follow-up/{path}",
        ), path
        without_draft(f"/fi/follow-up/{path}", visitor.content())

    # No page shows it: the named ones in each language (with the agenda of a steering-group
    # meeting on the round), and every page the visitor reaches from them under the follow-up and
    # the programme.
    meeting = Meeting.objects.create(
        programme=follow_up.data.programme,
        date=timezone.localdate(),
        reporting_round=follow_up.reporting_round,
    )
    pages = [
        f"/{language}/{path}"
        for language in ("fi", "sv", "en")
        for path in (
            "follow-up/rounds/",
            "follow-up/rounds/2026H1/",
            "follow-up/rounds/2026H1/report.html",
            f"follow-up/reports/{accepted.pk}/",
            f"follow-up/goals/{draft_goal.key}/",
            f"follow-up/goals/{accepted_goal.key}/",
            "follow-up/overview/",
            f"follow-up/meetings/{meeting.pk}/",
            f"goals/{draft_goal.key}/",
            "",
        )
    ]
    seen = searched_pages(visitor, url, pages)
    assert {f"/fi/follow-up/reports/{accepted.pk}/", "/fi/follow-up/meetings/"} <= seen
    visitor.goto(f"{url}/sv/follow-up/rounds/2026H1/")
    assert visitor.locator("td.missing-report").first.inner_text() == "rapport saknas"
    visitor.goto(f"{url}/fi/follow-up/rounds/2026H1/report.html")
    assert ACCEPTED_SENTENCE in main_text(visitor)
    assert "raportti puuttuu" in main_text(visitor)

    # Nor the downloads: the PDF (its text read with pypdf, as test_browser.py does: the project
    # does not install poppler's pdftotext), the workbook (every sheet) and the HTML document.
    visitor.goto(f"{url}/fi/follow-up/rounds/2026H1/")
    pdf = download(visitor, "Lataa PDF", tmp_path / "report.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert ACCEPTED_SENTENCE in text and "raportti puuttuu" in text and draft_goal.title_fi in text
    without_draft("the PDF", text)
    workbook = load_workbook(download(visitor, "Lataa Excel-työkirja", tmp_path / "report.xlsx"))
    cells = "\n".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )
    assert ACCEPTED_SENTENCE in cells and "raportti puuttuu" in cells
    without_draft("the XLSX", cells)
    html = visitor.request.get(f"{url}/fi/follow-up/rounds/2026H1/report.html?download")
    assert html.ok and "attachment" in html.headers["content-disposition"]
    assert ACCEPTED_SENTENCE in html.text() and "raportti puuttuu" in html.text()
    without_draft("the HTML download", html.text())

    # Nor the API.
    answered = searched_api(visitor, url)
    assert "/api/openapi.json" in answered and "/api/tables" in answered

    # The writer still has it: the draft is kept, only private.
    writer.goto(f"{url}/fi/follow-up/reports/{draft.pk}/")
    assert DRAFT_SENTENCE in main_text(writer)
    assert GoalReport.objects.get(pk=draft.pk).status == ReportStatus.DRAFT


def download(page: object, link: str, target: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("link", name=link).click()
    info.value.save_as(target)
    return target


def searched_pages(page: object, url: str, start: list[str], limit: int = 150) -> set[str]:
    """Fetch each page as the page's (anonymous) context, search its HTML and follow its links
    under `CRAWLED`; returns the paths that answered 200."""
    queue, seen, answered = list(start), set(start), set()
    while queue:
        path = queue.pop(0)
        response = page.request.get(f"{url}{path}", max_redirects=0)
        if response.status in (301, 302):
            assert "/accounts/login/" in response.headers["location"], path
            continue
        assert response.status == 200, (path, response.status)
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        body = response.text()
        without_draft(path, body)
        answered.add(path)
        for link in re.findall(r'href="(/[^"#?]*)', body):
            if link.startswith(CRAWLED) and not link.endswith(DOWNLOADS) and link not in seen:
                assert len(seen) < limit, "more pages than expected: is the crawl going round?"
                seen.add(link)
                queue.append(link)
    return answered


def searched_api(page: object, url: str) -> set[str]:
    """Every GET of the OpenAPI document that needs no parameter, the API's index and the HSDS
    lists: each that answers 200 is searched. Returns the paths that answered."""
    document = page.request.get(f"{url}/api/openapi.json")
    assert document.ok
    paths = ["/api/", "/api/openapi.json"]
    for path, operations in document.json()["paths"].items():
        get = operations.get("get")
        needs = [p for p in get.get("parameters", []) if p.get("required")] if get else [None]
        if get and not needs and "{" not in path:
            paths.append(path)
    hsds = ["services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms"]
    paths += [f"/api/hsds/{name}" for name in hsds]
    answered = set()
    for path in paths:
        response = page.request.get(f"{url}{path}")
        if response.status == 200:
            without_draft(path, response.text())
            answered.add(path)
    return answered


def test_axe_finds_no_serious_violations_on_the_confirmation_pages(
    follow_up_site: tuple[str, FollowUp], open_page: Callable[..., object]
) -> None:
    url, follow_up = follow_up_site
    admin = open_page()
    log_in(admin, url, follow_up.admin.email)
    languages = ("fi", "sv", "en")
    found: dict[str, list[str]] = {}
    for language in languages:
        admin.goto(f"{url}/{language}/follow-up/rounds/2026H1/close/")
        assert admin.locator("main textarea[name=reason]").is_visible()
        listed = " ".join(admin.locator("ul.outstanding li").all_inner_texts())
        assert all(f"{number} · " in listed for number in follow_up.data.goals)
        found[f"{language} close"] = serious_violations(admin)
        admin.locator("main form.form button[type=submit]").click()  # no reason: the field's error
        assert admin.locator("main .field__error").is_visible()
        found[f"{language} close, refused"] = serious_violations(admin)
    services.close_round(
        actor=follow_up.admin, round_id=follow_up.reporting_round.pk, reason=REASON
    )
    for language in languages:
        for action in ("publish", "reopen"):
            admin.goto(f"{url}/{language}/follow-up/rounds/2026H1/{action}/")
            found[f"{language} {action}"] = serious_violations(admin)
    services.publish_round(actor=follow_up.admin, round_id=follow_up.reporting_round.pk)
    for language in languages:
        admin.goto(f"{url}/{language}/follow-up/rounds/2026H1/unpublish/")
        found[f"{language} unpublish"] = serious_violations(admin)
    assert {action: issues for action, issues in found.items() if issues} == {}
