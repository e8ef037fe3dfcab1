"""The width check finds a page that scrolls sideways on a phone, and leaves the window as it was
(tests/page_width.py)."""

from __future__ import annotations

import pytest

from tests.browser_pages import DEFAULT_VIEWPORT
from tests.page_width import wider_than_the_window

pytestmark = pytest.mark.browser


def test_a_page_wider_than_a_phone_is_found_at_that_width_only(page: object) -> None:
    page.set_content('<body style="margin: 0"><div style="width: 375px">375 px</div></body>')
    assert wider_than_the_window(page) == ["375 px wide in a 360 px window"]
    assert page.viewport_size == DEFAULT_VIEWPORT


def test_a_page_that_follows_the_window_fits_every_width(page: object) -> None:
    page.set_content('<body style="margin: 0"><p style="max-width: 40rem">Tekstiä.</p></body>')
    assert wider_than_the_window(page) == []
