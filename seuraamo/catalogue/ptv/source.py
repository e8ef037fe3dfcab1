"""Reading PTV v11 records from a saved file or the paged list API, all of it before anything is
written. Plain Python (no Django).

The API (``…/api/v11/Service/list/area/Municipality/code/285``, ``…/ServiceChannel/list/area/…``)
is read page by page (``?page=N``, following ``pageCount`` up to :data:`MAX_PAGES`) through the
project's HTTP transport (:mod:`seuraamo.transport`): a timeout on every call, retries with
back-off on 429, 502, 503, 504, timeouts and cut-off answers (honouring ``Retry-After``), a polite
pace, and at most :data:`MAX_PAGE_BYTES` a page. Whatever goes wrong is one
:class:`~.mapping.PtvImportError` naming the page's URL, and the import has not begun."""

from __future__ import annotations

import json
import time
import urllib.parse
from pathlib import Path
from typing import Any

from seuraamo.catalogue.ptv.mapping import PtvImportError, items
from seuraamo.transport import HttpRequestError, RetryPolicy, SlidingWindowLimiter, Transport

MAX_PAGES = 200
TIMEOUT_SECONDS = 30.0
MAX_ATTEMPTS = 5
BACKOFF_BASE = 1.0
#: The largest page read: a guard against a runaway answer.
MAX_PAGE_BYTES = 64 * 1024 * 1024
#: Calls per window: a polite pace, which an import of a few pages never reaches.
MAX_CALLS, WINDOW_SECONDS = 60, 60.0
USER_AGENT = "seuraamo-ptv/1.0 (Python urllib)"
#: How the transport waits between attempts (tests replace it).
sleep = time.sleep


def read_source(source: str) -> list[tuple[str, Any]]:
    """(where, record) pairs from a file or the paged API."""
    if source.startswith(("http://", "https://")):
        return _read_pages(source, _transport())
    path = Path(source)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PtvImportError(f"{source}: file not found") from None
    except json.JSONDecodeError as error:
        raise PtvImportError(f"{path.name}:{error.lineno}: not valid JSON: {error.msg}") from None
    return [(f"{path.name}:{where}", item) for where, item in items(data, path.name)]


def _transport() -> Transport:
    limiter = SlidingWindowLimiter(MAX_CALLS, WINDOW_SECONDS)
    return Transport(
        limiter=lambda: limiter,
        timeout=TIMEOUT_SECONDS,
        retry=RetryPolicy(MAX_ATTEMPTS, BACKOFF_BASE),
        sleep=sleep,
        user_agent=USER_AGENT,
        max_answer_bytes=MAX_PAGE_BYTES,
    )


def _read_pages(url: str, transport: Transport) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    page, page_count = 1, 1
    while page <= page_count:
        page_url = _with_page(url, page)
        try:
            body = transport.request("GET", page_url).json()
        except HttpRequestError as error:
            raise PtvImportError(str(error)) from None
        if not isinstance(body, dict) or not isinstance(body.get("itemList"), list):
            raise PtvImportError(f"{page_url}: no itemList in the answer")
        count = body.get("pageCount")
        if not isinstance(count, int) or count < 0 or count > MAX_PAGES:
            raise PtvImportError(f"{page_url}: pageCount {count!r} is not a page count")
        page_count = count
        found += [(f"{page_url} itemList[{i}]", item) for i, item in enumerate(body["itemList"])]
        page += 1
    return found


def _with_page(url: str, page: int) -> str:
    parts = urllib.parse.urlsplit(url)
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k != "page"]
    query.append(("page", str(page)))
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))
