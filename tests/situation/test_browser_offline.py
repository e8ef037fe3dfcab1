"""The situation page in Chromium over the real offline snapshot, whose months 2023M11–2026M05
are missing: the drawn chart marks the gap and its line does not cross it, the table has a
labelled break, the headline cards name the month they compare with; chart text is at least 12 px
on a 390 px phone, drawn live and by the server; the peer ranking, the labour force survey and the projection
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
    line = page.eval_on_selector("#figure-timeseries", LINE_AROUND_THE_GAP)
    assert len(line["runs"]) >= 2, line
    left, right = line["band"]
    # Each stretch of the line lies wholly before or wholly after 2023M11–2026M05 (1 px slack).
    assert all(end <= left + 1 or start >= right - 1 for start, end in line["runs"]), line
    assert line["runs"][0][1] <= left + 1 and line["runs"][-1][0] >= right - 1, line
    page.click("#figure-timeseries summary")
    assert page.is_visible(f"#table-timeseries tr.is-gap th:has-text('{GAP}')")
    card = page.text_content(".headline__item[data-key='unemployed']")
    assert "from June 2023, the latest same month with a figure (none for June 2025)" in card
    status = page.text_content(".data-status")
    assert "November 2023 – May 2026" in status
    assert serious_violations(page) == []


#: The time-series line's stretches (first and last x on the screen of each subpath of the
#: path) and the grey band over the missing months (its left and right edge).
LINE_AROUND_THE_GAP = """figure => {
  const svg = figure.querySelector(".chart__interactive svg");
  const band = svg.querySelector(".mark-rect path").getBoundingClientRect();
  const line = svg.querySelector(".mark-line path");
  const matrix = line.getScreenCTM();
  const runs = line.getAttribute("d").split("M").filter(Boolean).map((run) => {
    const xs = run.replace("Z", "").split("L").map((point) => {
      const [x, y] = point.split(",").map(Number);
      return new DOMPoint(x, y).matrixTransform(matrix).x;
    });
    return [Math.min(...xs), Math.max(...xs)];
  });
  return { band: [band.left, band.right], runs };
}"""

#: The smallest text of an SVG as drawn on the screen: font size times the image's scale.
SMALLEST_TEXT = """svg => Math.min(...[...svg.querySelectorAll("text")]
  .filter((text) => text.textContent.trim() && text.getClientRects().length)
  .map((text) => {
    const matrix = text.getScreenCTM();
    return parseFloat(getComputedStyle(text).fontSize) * Math.hypot(matrix.a, matrix.b);
  }))"""


def smallest_text(page, selector: str) -> float:
    return page.eval_on_selector(selector, SMALLEST_TEXT)


def no_sideways_scrolling_on_a_phone_in_any_language(site: str, open_page) -> None:
    page = open_page(viewport={"width": PHONES[0], "height": PHONE_HEIGHT})
    for language in ("fi", "sv", "en"):
        page.goto(f"{site}/{language}/situation/")
        wait_interactive(page)
        assert smallest_text(page, "#figure-timeseries .chart__interactive svg") >= 12, language
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
    # Without JavaScript (and until a chart turns interactive) the phone sees the server's image
    # drawn for a phone, at its own size: not the desktop image shrunk to half.
    static = open_page(
        viewport={"width": PHONES[0], "height": PHONE_HEIGHT}, java_script_enabled=False
    )
    static.goto(f"{site}/fi/situation/")
    for figure in ("figure-timeseries", "figure-projection", "figure-map"):
        assert static.is_hidden(f"#{figure} .chart__wide svg"), figure
        assert smallest_text(static, f"#{figure} .chart__phone svg") >= 12, figure


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
