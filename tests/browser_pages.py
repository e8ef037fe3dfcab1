"""Browser pages kept open for a whole test process, lent to one test at a time.

A new browser context starts a new renderer process in Chromium: about a second of processor
time, more than most page loads. So a page stays open between tests, one browser context per set
of context options and per page a test holds at once, and is reset when the test ends: it goes to
about:blank (ending any navigation or request still under way, which would otherwise reach the
live server during the next test), and loses its cookies (the signed-in user, the language),
permissions, routes, media emulation and viewport.

What the reset does not undo: listeners on page events (`page.on`), scripts added with
`add_init_script`, and a page left with an unsaved form that asks before leaving. A test that
needs any of these opens a context of its own with `browser.new_context()` and closes it."""

from __future__ import annotations

from collections import defaultdict

DEFAULT_VIEWPORT = {"width": 1280, "height": 720}


class BrowserPages:
    def __init__(self, browser: object) -> None:
        self._browser = browser
        self._idle: dict[tuple, list[object]] = defaultdict(list)
        self._lent: list[tuple[dict, object]] = []

    def open(self, **context_options: object) -> object:
        """A page in a context made with these options, not lent to anyone else this test."""
        idle = self._idle[options_key(context_options)]
        page = idle.pop() if idle else self._browser.new_context(**context_options).new_page()
        self._lent.append((context_options, page))
        return page

    def take_back(self) -> None:
        """Reset the pages lent this test and keep them for the next; closed ones are dropped."""
        for context_options, page in self._lent:
            if not page.is_closed() and reset(page, context_options):
                self._idle[options_key(context_options)].append(page)
        self._lent.clear()


def options_key(context_options: dict) -> tuple:
    return tuple(sorted((name, repr(value)) for name, value in context_options.items()))


def reset(page: object, context_options: dict) -> bool:
    """False if the page could not be reset (it is closed instead)."""
    from playwright.sync_api import Error

    try:
        # Leaving the site ends what the page was still doing (a navigation a click started, its
        # requests): otherwise they would reach the live server while the next test runs.
        page.goto("about:blank", timeout=5000)
    except Error:
        page.context.close()
        return False
    page.context.clear_cookies()
    page.context.clear_permissions()
    page.unroute_all(behavior="ignoreErrors")
    page.emulate_media(media="null")
    viewport = context_options.get("viewport", DEFAULT_VIEWPORT)
    if page.viewport_size != viewport:
        page.set_viewport_size(viewport)
    return True
