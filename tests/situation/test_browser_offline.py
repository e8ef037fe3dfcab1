"""The situation page in Chromium over the real offline snapshot, whose months 2023M11–2026M05
are missing: the drawn chart marks the gap, the table has a labelled break, the headline cards
name the month they compare with; the peer ranking, the labour force survey and the projection
sections are there in fi/sv/en, no sideways scrolling on a phone, and axe-core is clean."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.axe import serious_violations
from tests.page_width import PHONE_HEIGHT, PHONES, wider_than_the_window
from tests.situation.test_browser import wait_interactive

pytestmark = pytest.mark.browser

GAP = "No figures for November 2023 – May 2026"


def test_the_situation_page_over_the_real_snapshot(live_site: str, open_page) -> None:
    """One test, three views of the same page: the snapshot takes seconds to load (a quarter of a
    minute on PostgreSQL), and a live server's data cannot be shared between tests."""
    call_command("load_statistics_snapshot", verbosity=0)
    chart_marks_the_gap_and_cards_name_their_comparison(live_site, open_page(locale="fi-FI"))
    no_sideways_scrolling_on_a_phone_in_any_language(live_site, open_page)
    the_municipality_table_shows_every_column_at_1280_px_on_screen_and_paper(live_site, open_page)


def chart_marks_the_gap_and_cards_name_their_comparison(site: str, page) -> None:
    page.goto(f"{site}/en/situation/")
    wait_interactive(page)
    drawn = page.text_content("#figure-timeseries .chart__interactive svg")
    assert GAP in drawn
    page.click("#figure-timeseries summary")
    assert page.is_visible(f"#table-timeseries tr.is-gap th:has-text('{GAP}')")
    card = page.text_content(".headline__item[data-key='unemployed']")
    assert "from June 2023, the latest same month with a figure (none for June 2025)" in card
    status = page.text_content(".data-status")
    assert "November 2023 – May 2026" in status
    assert serious_violations(page) == []


def no_sideways_scrolling_on_a_phone_in_any_language(site: str, open_page) -> None:
    page = open_page(viewport={"width": PHONES[0], "height": PHONE_HEIGHT})
    for language in ("fi", "sv", "en"):
        page.goto(f"{site}/{language}/situation/")
        wait_interactive(page)
        assert wider_than_the_window(page, PHONES, redraws=True) == [], language
        # Every section (peers, labour force survey, projection, early warning, training
        # planning, barometer) passes axe; no barometer release is in the offline data, and
        # the page says so. (tests/test_axe_and_width.py checks the page over the builders'
        # data, which has no peers, labour force survey or projection.)
        for section in (
            "peers-title",
            "lfs-title",
            "projection-title",
            "warning-title",
            "training-title",
            "barometer-title",
        ):
            assert page.is_visible(f"#{section}"), (language, section)
        assert page.is_visible("#barometer-none") and page.is_hidden("#table-barometer")
        assert serious_violations(page) == [], language


def the_municipality_table_shows_every_column_at_1280_px_on_screen_and_paper(
    site: str, open_page
) -> None:
    page = open_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site}/fi/situation/")
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        for table in ("table-municipalities", "table-peers"):
            sizes = page.eval_on_selector(
                f"#{table}",
                "t => [t.getBoundingClientRect().right, t.closest('.table-scroll').getBoundingClientRect().right]",
            )
            assert sizes[0] <= sizes[1] + 1, (
                f"{table} ({media}) is cut at {sizes[1]} px: {sizes[0]}"
            )
