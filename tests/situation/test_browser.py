"""The situation pages in Chromium: the charts become interactive, the area and statistic selectors
update the chart and the table in place (and by a page load without JavaScript), and axe-core finds
no serious or critical accessibility violation with a chart's table alternative open, with the
charts drawn by the server only, and in the API's documentation. The situation page and its review
in fi, sv and en, and their width on phones: tests/test_axe_and_width.py."""

from __future__ import annotations

import pytest

from tests.axe import serious_violations
from tests.situation.builders import build_situation

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live_site: str) -> str:
    build_situation()
    return live_site


def caption(page) -> str:
    return page.text_content("#table-timeseries caption").strip()  # inside a closed <details>


def wait_caption(page, text: str) -> None:
    # A selector, not a JavaScript predicate: the Content-Security-Policy forbids eval in the page.
    page.wait_for_selector(f"#table-timeseries caption:has-text('{text}')", state="attached")


def wait_interactive(page, figure: str = "figure-timeseries") -> None:
    """Charts become interactive when they come near the screen: scroll there first."""
    page.locator(f"#{figure}").scroll_into_view_if_needed()
    page.wait_for_selector(
        f"#{figure}[data-interactive='true'] .chart__interactive svg", timeout=20000
    )


def test_charts_become_interactive_under_the_content_security_policy(site, browser) -> None:
    # A context of its own: the listeners below would outlive the test on a lent page.
    context = browser.new_context(locale="fi-FI")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if "Security Policy" in message.text else None,
    )
    response = page.goto(f"{site}/en/situation/")
    assert "script-src 'self';" in response.headers["content-security-policy"]
    for figure in ("figure-timeseries", "figure-map", "figure-occupations"):
        wait_interactive(page, figure)
        assert page.is_hidden(f"#{figure} .chart__static")
        width = page.eval_on_selector(
            f"#{figure} .chart__interactive svg", "svg => svg.clientWidth"
        )
        assert width > 200, f"{figure} is drawn {width} px wide"
    assert errors == []
    context.close()


def test_a_chart_far_below_the_screen_stays_static_until_it_comes_near(site, page) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{site}/fi/situation/")
    wait_interactive(page, "figure-timeseries")
    page.evaluate("window.scrollTo(0, 0)")
    assert page.get_attribute("#figure-occupations", "data-interactive") is None
    assert page.is_visible("#figure-occupations .chart__static svg")
    wait_interactive(page, "figure-occupations")
    assert page.is_hidden("#figure-occupations .chart__static")


def test_area_and_statistic_update_chart_and_table_in_place(site, page) -> None:
    page.goto(f"{site}/en/situation/")
    wait_interactive(page)
    assert caption(page) == "Unemployed jobseekers, Kymenlaakso"
    page.evaluate("window.__samePage = true")
    spec_before = page.text_content("#figure-timeseries script.chart__spec")

    page.select_option("#id_area", "KU285")
    page.select_option("#id_statistic", "share")
    page.click("form.chart-controls button[type=submit]")
    wait_caption(page, "Kotka")
    wait_interactive(page)
    assert caption(page) == "Unemployment share, Kotka and Whole country"
    assert page.evaluate("window.__samePage") is True  # updated without a reload
    assert "area=KU285" in page.url and "statistic=share" in page.url
    assert page.text_content("#figure-timeseries script.chart__spec") != spec_before
    header = page.locator("#table-timeseries thead th").all_text_contents()
    assert header == ["Month", "Kotka", "Whole country"]
    assert page.locator("#figure-timeseries .chart__interactive svg path").count() > 0
    assert "Chart updated" in page.text_content("#timeseries-status")
    link = page.get_attribute("#figure-timeseries .chart__downloads a", "href")
    assert "area=KU285" in link and "statistic=share" in link


def test_selectors_work_from_the_keyboard(site, page) -> None:
    page.goto(f"{site}/en/situation/")
    wait_interactive(page)
    page.focus("#id_area")
    page.keyboard.press("End")  # the last area: the whole country
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_statistic"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    wait_caption(page, "Whole country")
    assert caption(page) == "Unemployed jobseekers, Whole country"


def test_without_javascript_the_form_reloads_the_page(site, open_page) -> None:
    page = open_page(java_script_enabled=False)
    page.goto(f"{site}/fi/situation/")
    assert page.is_visible("#figure-timeseries .chart__static svg")
    page.select_option("#id_area", "TA04")
    page.select_option("#id_statistic", "TYOTTOMATLOPUSSA")
    page.click("form.chart-controls button[type=submit]")
    page.wait_for_url("**/fi/situation/?area=TA04&statistic=TYOTTOMATLOPUSSA*")
    assert caption(page) == "Työttömät työnhakijat, Etelä-Kymenlaakson työllisyysalue"
    page.select_option("#id_statistic", "share")
    page.click("form.chart-controls button[type=submit]")
    page.wait_for_url("**/fi/situation/?area=TA04&statistic=share*")
    assert caption(page).startswith("Työttömien osuus, Etelä-Kymenlaakson työllisyysalue")


@pytest.mark.parametrize(
    ("path", "figure"),
    [
        ("/fi/situation/", "figure-map"),
        ("/sv/situation/municipalities/KU624/", "figure-timeseries"),
    ],
)
def test_axe_finds_no_serious_violations(site, page, path, figure) -> None:
    page.goto(f"{site}{path}")
    wait_interactive(page, figure)
    page.click(f"#{figure} summary")  # open the table alternative too
    assert serious_violations(page) == []


def test_axe_static_charts(site, page) -> None:
    """The server-rendered SVGs, as a browser without the chart scripts shows them."""
    page.route("**/static/situation/**/*.js", lambda route: route.abort())
    page.goto(f"{site}/en/situation/?area=KU285&statistic=share")
    assert page.is_visible("#figure-timeseries .chart__static svg")
    assert page.get_attribute("#figure-timeseries", "data-interactive") is None
    assert serious_violations(page) == []


def test_axe_api_docs(site, page) -> None:
    page.goto(f"{site}/api/docs")
    assert serious_violations(page) == []
