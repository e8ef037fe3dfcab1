"""The follow-up in Chromium: the whole reporting cycle through the pages, two editors of one report,
and a form left with unsaved changes. axe-core and the width on phones are checked for every
follow-up page in tests/test_axe_and_width.py. Constructed test data (tests/pages/builders.py and
tests/follow_up/builders.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from seuraamo.follow_up.models import GoalReport
from tests.follow_up.builders import FollowUp
from tests.personas import PASSWORD

pytestmark = pytest.mark.browser


def log_in(page: object, site: str, email: str, language: str = "fi") -> None:
    page.goto(f"{site}/{language}/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(f"{site}/{language}/follow-up/tasks/")


def test_the_whole_reporting_cycle(
    follow_up_site: tuple[str, FollowUp], open_page: Callable[..., object], tmp_path: Path
) -> None:
    url, follow_up = follow_up_site
    report = follow_up.report("4.3")
    goal_title = follow_up.data.goals["4.3"].title_fi
    coordinator = open_page(locale="fi-FI")
    admin = open_page(locale="fi-FI", accept_downloads=True)

    # The coordinator logs in, finds the report in "My tasks", writes, saves and submits.
    log_in(coordinator, url, follow_up.coordinator_a.email)
    coordinator.get_by_role("link", name=goal_title).click()
    coordinator.wait_for_url(f"{url}/fi/follow-up/reports/{report.pk}/edit/")
    coordinator.get_by_label("Kokonaisarvio", exact=True).select_option("partly")
    coordinator.get_by_label("Mitä tehtiin").fill("Järjestettiin kaksi rekrytointitapahtumaa.")
    coordinator.get_by_role("button", name="Tallenna").click()
    coordinator.wait_for_url(f"{url}/fi/follow-up/reports/{report.pk}/")
    assert "Tallennettu." in coordinator.locator("main").inner_text()
    assert "Järjestettiin kaksi rekrytointitapahtumaa." in coordinator.locator("main").inner_text()
    coordinator.get_by_role("button", name="Lähetä työllisyysjohtoryhmälle").click()
    assert "Lähetetty työllisyysjohtoryhmälle." in coordinator.locator("main").inner_text()

    # The admin returns it with a comment.
    log_in(admin, url, follow_up.admin.email)
    admin.goto(f"{url}/fi/follow-up/reports/{report.pk}/")
    admin.get_by_label("Palauta kommentin kanssa").check()
    admin.get_by_label("Kommentti koordinaattoreille").fill("Lisätkää tapahtumien tulokset.")
    admin.get_by_role("button", name="Tallenna päätös").click()
    assert "Raportti on palautettu koordinaattoreille." in admin.locator("main").inner_text()

    # The coordinator sees the comment, adds the results and submits again.
    coordinator.goto(f"{url}/fi/follow-up/tasks/")
    coordinator.get_by_role("link", name=goal_title).click()
    assert "Lisätkää tapahtumien tulokset." in coordinator.locator("main").inner_text()
    coordinator.get_by_label("Tulokset").fill("35 henkilöä työllistyi.")
    coordinator.get_by_role("button", name="Tallenna").click()
    coordinator.wait_for_url(f"{url}/fi/follow-up/reports/{report.pk}/")
    coordinator.get_by_role("button", name="Lähetä työllisyysjohtoryhmälle").click()
    assert "Lähetetty työllisyysjohtoryhmälle." in coordinator.locator("main").inner_text()

    # The admin accepts it, closes the round and downloads the PDF.
    admin.goto(f"{url}/fi/follow-up/reports/{report.pk}/")
    admin.get_by_label("Hyväksy").check()
    admin.get_by_role("button", name="Tallenna päätös").click()
    assert "Raportti on hyväksytty." in admin.locator("main").inner_text()
    # Closing asks for a confirmation that lists the goals without an accepted report, and, as
    # the deadline is 20 days ahead, a reason.
    admin.goto(f"{url}/fi/follow-up/rounds/2026H1/")
    admin.get_by_role("link", name="Sulje kierros ja jäädytä raportit").click()
    admin.wait_for_url(f"{url}/fi/follow-up/rounds/2026H1/close/")
    outstanding = " ".join(admin.locator("ul.outstanding").all_inner_texts())
    for number, goal in follow_up.data.goals.items():
        assert (goal.title_fi in outstanding) == (number != "4.3"), number
    admin.get_by_label("Miksi kierros suljetaan ennen määräaikaa?").fill(
        "Kokous on ennen määräaikaa."
    )
    admin.get_by_role("button", name="Sulje kierros", exact=True).click()
    admin.wait_for_url(f"{url}/fi/follow-up/rounds/2026H1/")
    assert "suljettu" in admin.locator("dl.facts").inner_text()
    with admin.expect_download() as download_info:
        admin.get_by_role("link", name="Lataa PDF").click()
    pdf = tmp_path / "report.pdf"
    download_info.value.save_as(pdf)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    # Every goal is in it; only the accepted report with its text, the others as having none.
    for goal in follow_up.data.goals.values():
        assert goal.title_fi in text
    assert "35 henkilöä työllistyi." in text
    assert text.count("raportti puuttuu") >= 3
    report.refresh_from_db()
    assert report.status == "accepted" and report.snapshot is not None


def test_two_editors_of_one_report_get_a_conflict_and_lose_no_text(
    follow_up_site: tuple[str, FollowUp], open_page: Callable[..., object]
) -> None:
    url, follow_up = follow_up_site
    report = follow_up.report("4.3")
    first = open_page(locale="fi-FI")
    second = open_page(locale="fi-FI")
    for page in (first, second):
        log_in(page, url, follow_up.coordinator_a.email)
        page.goto(f"{url}/fi/follow-up/reports/{report.pk}/edit/")
    first.get_by_label("Mitä tehtiin").fill("Ensimmäisen kirjoittajan teksti.")
    first.get_by_role("button", name="Tallenna").click()
    first.wait_for_url(f"{url}/fi/follow-up/reports/{report.pk}/")

    second.get_by_label("Mitä tehtiin").fill("Toisen kirjoittajan teksti.")
    second.get_by_role("button", name="Tallenna").click()
    assert second.locator("h1").inner_text() == "Joku muu tallensi raportin sillä välin"
    assert (
        second.locator("td.saved-version").first.inner_text() == "Ensimmäisen kirjoittajan teksti."
    )
    assert second.locator("td.your-version").first.inner_text() == "Toisen kirjoittajan teksti."
    assert second.get_by_label("Mitä tehtiin").input_value() == "Toisen kirjoittajan teksti."
    assert GoalReport.objects.get(pk=report.pk).done == "Ensimmäisen kirjoittajan teksti."

    # Saving from the conflict page is a deliberate choice and is accepted.
    second.get_by_label("Mitä tehtiin").fill("Ensimmäisen ja toisen kirjoittajan teksti.")
    second.get_by_role("button", name="Tallenna").click()
    second.wait_for_url(f"{url}/fi/follow-up/reports/{report.pk}/")
    assert GoalReport.objects.get(pk=report.pk).done == "Ensimmäisen ja toisen kirjoittajan teksti."


def test_leaving_the_form_with_unsaved_changes_asks_first(
    follow_up_site: tuple[str, FollowUp], browser: object
) -> None:
    url, follow_up = follow_up_site
    report = follow_up.report("4.3")
    # A context of its own: the dialog listener below would outlive the test on a lent page.
    page = browser.new_context(locale="fi-FI").new_page()
    log_in(page, url, follow_up.coordinator_a.email)
    edit = f"{url}/fi/follow-up/reports/{report.pk}/edit/"
    page.goto(edit)
    page.get_by_label("Mitä tehtiin").click()
    page.keyboard.type("Kesken jäänyt teksti")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.type) or dialog.dismiss())
    # The click returns once the browser's question has been answered (here: stay on the page).
    page.get_by_role("link", name="Takaisin tallentamatta").click()
    assert dialogs == ["beforeunload"]
    assert page.url == edit
    assert page.get_by_label("Mitä tehtiin").input_value() == "Kesken jäänyt teksti"
    dialogs.clear()
    # Saving leaves without a question.
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_url(f"{url}/fi/follow-up/reports/{report.pk}/")
    assert dialogs == []
    page.context.close()
