"""The staff data-status page in Chromium: an admin signs in, reads the page (axe-core finds no
serious violation), and reverts the latest import with the keyboard after confirming; the
background worker finishes the revert and the page shows the job done.
The imported numbers are invented test data (tests/official_stats/fixtures)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command

from seuraamo.official_stats.models import SyncRun
from tests.axe import serious_violations
from tests.background import run_background_jobs
from tests.official_stats.test_data_status import FIXTURES, TABLE, WORDS, careless_file
from tests.personas import PASSWORD, programme_admin

pytestmark = pytest.mark.browser

#: The flow runs in Finnish; the Swedish and English words of the same pages are checked without a
#: browser (tests/official_stats/test_data_status.py), and the page itself passes axe-core in all
#: three languages as a row of the role × page matrix (tests/test_axe_and_width.py).
LANGUAGE = "fi"


@pytest.fixture
def site(live_site: str, tmp_path: Path) -> tuple[str, int]:
    for path in (FIXTURES / "12r5_excerpt.json-stat2.json", careless_file(tmp_path)):
        call_command("import_statistics", str(path), "--table", TABLE, stdout=io.StringIO())
    programme_admin()
    return live_site, SyncRun.objects.latest("pk").pk


def sign_in(page: object, url: str, language: str) -> None:
    page.goto(f"{url}/{language}/accounts/login/?next=/{language}/data-status/")
    page.locator("input[name=username]").fill("admin@example.test")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(f"{url}/{language}/data-status/")


def test_an_admin_reads_the_status_and_reverts_a_run(
    site: tuple[str, int], open_page: Callable[..., object]
) -> None:
    language, heading, button, progress = LANGUAGE, *WORDS[LANGUAGE]
    url, run = site
    page = open_page(locale=f"{language}-FI")
    sign_in(page, url, language)
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert "seuraamo sync_statistics" in page.locator("main").inner_text()
    assert serious_violations(page) == []

    link = page.locator(f"a[href='/{language}/data-status/runs/{run}/revert/']")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{url}/{language}/data-status/runs/{run}/revert/")
    assert serious_violations(page) == []
    page.get_by_role("button", name=button).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{url}/{language}/data-status/")
    assert f"{run}" in page.get_by_role("status").inner_text()
    # The request only starts the revert; the background worker finishes it.
    assert SyncRun.objects.get(pk=run).revert_started_at is not None
    assert SyncRun.objects.get(pk=run).reverted_at is None
    assert serious_violations(page) == []  # the jobs table, with a job waiting
    run_background_jobs()
    page.reload()
    assert SyncRun.objects.get(pk=run).reverted_at is not None
    assert progress in page.locator("section.jobs").inner_text()
    # The reverted run has no revert button any more; the earlier one now has.
    assert page.locator(f"a[href='/{language}/data-status/runs/{run}/revert/']").count() == 0
    assert page.locator(f"a[href='/{language}/data-status/runs/{run - 1}/revert/']").count() == 1
