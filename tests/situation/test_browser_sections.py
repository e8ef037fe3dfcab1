"""The barometer, early-warning and training-planning sections in Chromium: the values written at
the ends of the occupation bars inside the drawn chart (they were cut off), and map labels that do
not overlap. The sections shown on a 390 px phone in fi/sv/en, axe-core and the width: the situation
page over the same data in tests/test_axe_and_width.py. Data: the builders' invented statistics and
the constructed barometer sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from tests.situation.builders import build_situation
from tests.situation.test_browser import wait_interactive

pytestmark = pytest.mark.browser

SAMPLE = (
    Path(__file__).parents[1] / "publications" / "samples" / "tyovoimabarometri_constructed.json"
)


@pytest.fixture
def site(live_site: str) -> str:
    build_situation()
    call_command("import_barometer", SAMPLE, verbosity=0)
    return live_site


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("figure", ["figure-occupations", "figure-training"])
def test_bar_values_are_not_cut_off(site, open_page, figure, width) -> None:
    """Every value and name is inside the drawn chart and inside the visible part of its
    container (a chart wider than a phone would hide its values behind a sideways scroll)."""
    page = open_page(viewport={"width": width, "height": 900})
    page.goto(f"{site}/en/situation/")
    wait_interactive(page, figure)
    overflow = page.eval_on_selector(
        f"#{figure} .chart__interactive svg",
        """svg => {
            const box = svg.closest('.chart__interactive').getBoundingClientRect();
            const edge = Math.min(svg.getBoundingClientRect().right, box.right);
            return [...svg.querySelectorAll('text')]
                .filter(t => t.textContent.trim() !== '')
                .map(t => [t.textContent, t.getBoundingClientRect().right - edge])
                .filter(([text, over]) => over > 0.5);
        }""",
    )
    assert overflow == [], f"values run past the chart's edge: {overflow}"


@pytest.mark.parametrize(("language", "width"), [("fi", 390), ("sv", 390), ("en", 1280)])
def test_map_labels_do_not_overlap(site, open_page, language, width) -> None:
    page = open_page(viewport={"width": width, "height": 900})
    page.goto(f"{site}/{language}/situation/")
    wait_interactive(page, "figure-map")
    boxes = page.eval_on_selector(
        "#figure-map .chart__interactive svg",
        """svg => [...svg.querySelectorAll('g.mark-text text')]
            .filter(t => !t.closest('.role-legend, .role-title, .role-axis'))
            .filter(t => /%/.test(t.textContent) && /[A-Za-zÄÖäö]/.test(t.textContent))
            .map(t => { const b = t.getBoundingClientRect();
                        return [t.textContent, b.left, b.top, b.right, b.bottom]; })""",
    )
    assert len(boxes) == 6, boxes
    crossing = [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]
    assert crossing == [], boxes
