"""No sideways scrolling: a page open in Chromium is no wider than its window, at desktop width and
on two phones (390 px, and 360 px, the narrowest the public pages were checked at).

The window is narrowed around the page already loaded: the layout follows the window (media
queries, and the charts redraw through a ResizeObserver), so one load serves every width."""

from __future__ import annotations

from tests.browser_pages import DEFAULT_VIEWPORT

DESKTOP = DEFAULT_VIEWPORT["width"]
PHONES = (390, 360)
PHONE_HEIGHT = 844

#: The page's width once what redraws on a resize (the charts) has drawn: two frames later.
WIDTH_AFTER_REDRAW = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(
    () => done(document.documentElement.scrollWidth))))"""
WIDTH = "document.documentElement.scrollWidth"


def wider_than_the_window(
    page: object, widths: tuple[int, ...] = (DESKTOP, *PHONES), *, redraws: bool = False
) -> list[str]:
    """One line for each width at which the page scrolls sideways; the window is left as it was.
    ``redraws``: the page draws something again when the window changes (the situation's charts),
    measured once that is drawn; any other layout follows the window before the width is read."""
    before = page.viewport_size
    found = []
    for width in widths:
        if width != page.viewport_size["width"]:
            height = before["height"] if width == before["width"] else PHONE_HEIGHT
            page.set_viewport_size({"width": width, "height": height})
        scrolled = page.evaluate(WIDTH_AFTER_REDRAW if redraws else WIDTH)
        if scrolled > width:
            found.append(f"{scrolled} px wide in a {width} px window")
    if page.viewport_size != before:
        page.set_viewport_size(before)
    return found
