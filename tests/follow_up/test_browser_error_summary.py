"""An invalid submit in Chromium: the error summary at the top takes the focus, and its link takes the
focus to the field, whose label is in view (issue 20 §5). The ids it links to are checked on every form
without a browser in tests/security/test_aria_references.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.follow_up.builders import FollowUp
from tests.follow_up.test_browser import log_in

pytestmark = pytest.mark.browser


def test_the_error_summary_takes_the_focus_and_links_to_the_field(
    follow_up_site: tuple[str, FollowUp], open_page: Callable[..., object]
) -> None:
    url, follow_up = follow_up_site
    page = open_page(locale="fi-FI", viewport={"width": 390, "height": 800})
    log_in(page, url, follow_up.admin.email)
    page.goto(f"{url}/fi/follow-up/projects/new/")
    page.locator("#id_contact_email").fill("ei sähköpostiosoite")
    page.locator("form.form button[type=submit]").click()
    page.wait_for_selector("[data-error-summary]")

    summary = page.locator("[data-error-summary]")
    assert summary.evaluate("element => element === document.activeElement")
    assert "Lomakkeessa on korjattavaa" in summary.inner_text()
    assert summary.evaluate("element => element.getBoundingClientRect().top >= 0")

    summary.locator("a[href='#id_contact_email']").click()
    assert page.evaluate("document.activeElement.id") == "id_contact_email"
    label_top = page.locator("label[for=id_contact_email]").evaluate(
        "element => element.getBoundingClientRect().top"
    )
    assert 0 <= label_top < 800
    described_by = page.locator("#id_contact_email").get_attribute("aria-describedby") or ""
    assert "id_contact_email_error" in described_by.split()
    assert page.locator("#id_contact_email_error").is_visible()
