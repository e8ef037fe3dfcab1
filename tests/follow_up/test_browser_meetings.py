"""The steering group's half-year in Chromium: the round closes; the secretary creates a meeting
whose agenda is prefilled from the round with its request awaiting a decision; records two
decisions, one assigned to Kouvolan työllisyysalue with a due date; approves the minutes; the
decision appears in that organisation's next report form, is answered, and shows as done in the
public decision log. Constructed test data (tests/pages/builders.py, tests/follow_up/builders.py)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.utils import timezone

from seuraamo.follow_up import services
from seuraamo.follow_up.meeting_models import Decision
from seuraamo.follow_up.services import ReportContent
from tests.follow_up.builders import FollowUp
from tests.follow_up.test_browser import log_in
from tests.personas import coordinator

pytestmark = pytest.mark.browser


def test_a_decision_from_the_meeting_to_the_next_report_and_the_public_log(
    follow_up_site: tuple[str, FollowUp], open_page: Callable[..., object]
) -> None:
    url, follow_up = follow_up_site
    data = follow_up.data
    kouvola = data.organisations["kouvolan-tyollisyysalue"]
    report = follow_up.report("4.3")
    services.save_report(
        actor=follow_up.coordinator_a,
        report_id=report.pk,
        expected_version=report.version,
        content=ReportContent(assessment="partly", texts={"asks": "Pyydämme linjausta."}),
    )
    services.submit_report(actor=follow_up.coordinator_a, report_id=report.pk)
    services.close_round(
        actor=follow_up.admin, round_id=follow_up.reporting_round.pk, reason="Kokous."
    )

    # The secretary creates the meeting: the closed round is prefilled, so is its agenda.
    admin = open_page(locale="fi-FI")
    log_in(admin, url, follow_up.admin.email)
    admin.goto(f"{url}/fi/follow-up/meetings/")
    admin.get_by_role("link", name="Uusi kokous").click()
    admin.get_by_label("Päivämäärä").fill("2027-03-12")
    admin.get_by_label("Paikka").fill("Kouvolan kaupungintalo")
    admin.get_by_label("Kotkan kaupunki (puheenjohtaja)").check()
    admin.get_by_role("button", name="Tallenna").click()
    agenda = admin.locator("ol.agenda").inner_text()
    assert "Pyydämme linjausta." in agenda and "pyyntö odottaa päätöstä" in agenda

    # Two decisions: one answering the request, one for Kouvola with a due date.
    admin.get_by_role("link", name="Kirjaa päätös").click()
    admin.get_by_label("Päätös", exact=True).fill("Linjataan koulutusten rahoitus.")
    admin.get_by_label("Pyyntö, johon päätös vastaa").select_option(index=1)
    admin.get_by_role("button", name="Tallenna").click()
    admin.get_by_role("link", name="Kirjaa päätös").click()
    admin.get_by_label("Päätös", exact=True).fill("Kouvola selvittää nuorten palvelut.")
    admin.get_by_label("Vastuuorganisaatio").select_option(label="Kouvolan työllisyysalue")
    admin.get_by_label("Määräaika").fill("2027-06-30")
    admin.get_by_label(data.goals["4.4"].title_fi).check()
    admin.get_by_role("button", name="Tallenna").click()
    assert "pyyntö odottaa päätöstä" not in admin.locator("ol.agenda").inner_text()

    # The minutes, then their approval: public from then on.
    admin.get_by_role("link", name="Muokkaa kokousta ja pöytäkirjaa").click()
    admin.get_by_label("Pöytäkirja").fill("Kokous avattiin klo 9.")
    admin.get_by_role("button", name="Tallenna").click()
    admin.get_by_role("button", name="Hyväksy pöytäkirja").click()
    assert "Pöytäkirja on hyväksytty ja julkinen." in admin.locator("main").inner_text()

    # The next round: Kouvola's part of goal 4.4 asks what was done about the decision.
    services.open_round(
        actor=follow_up.admin,
        programme=data.programme,
        period="2026H2",
        deadline=timezone.localdate() + datetime.timedelta(days=20),
        goals=[data.goals["4.4"]],
    )
    part = (
        data.goals["4.4"]
        .reports.get(reporting_round__period="2026H2")
        .contributions.get(organisation=kouvola)
    )
    writer = coordinator(kouvola, "kouvola")
    page = open_page(locale="fi-FI")
    log_in(page, url, writer.email)
    page.goto(f"{url}/fi/follow-up/contributions/{part.pk}/edit/")
    answer = page.locator("fieldset.decision-answer")
    assert "Kouvola selvittää nuorten palvelut." in answer.inner_text()
    assert "Linjataan koulutusten rahoitus." not in page.locator("main").inner_text()
    answer.get_by_label("Mitä asian eteen on tehty").fill("Palvelukartoitus valmistui.")
    answer.get_by_label("Tehty: päätös on toteutettu").check()
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_url(f"{url}/fi/follow-up/reports/{part.report_id}/")
    assert "Palvelukartoitus valmistui." in page.locator("main").inner_text()

    # The public decision log: the decision is done, its history shows the way there.
    public = open_page(locale="fi-FI")
    public.goto(f"{url}/fi/follow-up/decisions/")
    decision = Decision.objects.get(responsible=kouvola)
    entry = public.locator(f"#decision-{decision.pk}").inner_text()
    assert "Tila\ntehty" in entry or "Tila tehty" in " ".join(entry.split())
    assert "avoin" in entry  # the history: open, then done
