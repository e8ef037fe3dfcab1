"""The pages lent to browser tests come back as a new visitor's: no cookie, routes, print media or
changed viewport carries over to the next test (tests/browser_pages.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.browser_pages import DEFAULT_VIEWPORT, BrowserPages

pytestmark = pytest.mark.browser


class Hello(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path != "/":  # the browser's own request for /favicon.ico sets no cookie
            self.send_error(404)
            return
        body = b"<!doctype html><title>hello</title><p>hello</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Set-Cookie", "visited=yes; Path=/")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_a_page_comes_back_without_what_the_last_test_left(browser: object, site: str) -> None:
    pages = BrowserPages(browser)
    page = pages.open(locale="fi-FI")
    page.goto(site)
    page.set_viewport_size({"width": 390, "height": 844})
    page.emulate_media(media="print")
    page.route("**/*", lambda route: route.abort())
    assert page.context.cookies() != []
    pages.take_back()

    again = pages.open(locale="fi-FI")
    assert again is page
    assert again.url == "about:blank"
    assert again.context.cookies() == []
    assert again.viewport_size == DEFAULT_VIEWPORT
    assert again.goto(site).status == 200  # the route that refused every request is gone
    assert again.evaluate("matchMedia('print').matches") is False
    pages.take_back()


def test_pages_held_at_once_and_pages_of_other_options_are_separate(browser: object) -> None:
    pages = BrowserPages(browser)
    first, second = pages.open(locale="fi-FI"), pages.open(locale="fi-FI")
    swedish = pages.open(locale="sv-FI")
    assert len({first.context, second.context, swedish.context}) == 3
    assert swedish.evaluate("navigator.language") == "sv-FI"
    second.context.close()
    pages.take_back()
    assert pages.open(locale="fi-FI") is first  # the closed one is not lent again
    assert pages.open(locale="fi-FI") not in (first, second)
    pages.take_back()
