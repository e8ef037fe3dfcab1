"""HTTP for both clients: timeout on every request, pacing, bounded retries, a call counter.

Retried: HTTP 429, 502, 503, 504, timeouts, connection resets/refusals, truncated bodies. The wait
before the next attempt is the server's ``Retry-After`` (seconds or an HTTP date) when given,
else ``backoff_base * 2 ** (attempt - 1)`` capped at ``backoff_max``. Every attempt is a call: it
goes through the limiter and is counted. Other HTTP errors (400/403/404 ...) are raised at once
with the body text.
"""

from __future__ import annotations

import email.utils
import http.client
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .errors import PxWebRequestError
from .limiter import SlidingWindowLimiter
from .sizes import MAX_DOCUMENT_BYTES


class _AnswerTooLargeError(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


RETRY_STATUSES = frozenset({429, 502, 503, 504})
USER_AGENT = "seuraamo-pxweb/1.0 (Python urllib)"
_MEANINGS = {
    400: "bad request (unknown table, variable or value?)",
    403: "forbidden (too many cells in one query?)",
    404: "not found (wrong URL or query syntax?)",
    429: "too many calls",
    503: "service unavailable or time-out",
}


@dataclass(frozen=True)
class Limits:
    """Server limits: cells per query and calls per time window (StatFin defaults)."""

    max_cells: int = 120_000
    max_calls: int = 40
    window_seconds: float = 60.0
    from_server: bool = False


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 5
    backoff_base: float = 1.0
    backoff_max: float = 60.0
    retry_after_max: float = 120.0

    def delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.retry_after_max)
        return min(self.backoff_base * 2 ** (attempt - 1), self.backoff_max)


@dataclass
class Response:
    status: int
    body: bytes
    headers: Mapping[str, str]
    url: str


@dataclass
class RequestLog:
    """One attempt, for diagnostics: what was asked, how it ended and when it started.

    ``Transport.log`` keeps the last 1 000 attempts."""

    method: str
    url: str
    started: float
    outcome: str


@dataclass
class Transport:
    """Sends requests; ``limiter`` is a callable so the limiter can follow limits read later."""

    limiter: Callable[[], SlidingWindowLimiter]
    timeout: float = 30.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    sleep: Callable[[float], None] = time.sleep
    user_agent: str = USER_AGENT
    max_answer_bytes: int = MAX_DOCUMENT_BYTES
    calls: int = 0
    log: deque[RequestLog] = field(default_factory=lambda: deque(maxlen=1000))
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def request(
        self,
        method: str,
        url: str,
        *,
        body: bytes | None = None,
        table_id: str | None = None,
        query: str | None = None,
    ) -> Response:
        """Send with retries; raise :class:`PxWebRequestError` when it cannot succeed."""
        last_reason = ""
        last_status: int | None = None
        last_body = ""
        for attempt in range(1, self.retry.max_attempts + 1):
            limiter = self.limiter()
            slot = limiter.acquire()
            started = time.monotonic()
            with self._lock:
                self.calls += 1
            try:
                response = self._send(method, url, body)
            except urllib.error.HTTPError as error:
                limiter.release(slot)
                last_status, last_body = error.code, _read_error_body(error)
                last_reason = f"HTTP {error.code} {_MEANINGS.get(error.code, error.reason)}"
                self._note(method, url, started, last_reason)
                if error.code not in RETRY_STATUSES:
                    raise self._error(
                        f"{method} {_subject(table_id, url)} failed: {last_reason}: "
                        f"{last_body[:500]!r}" + (f"; query: {query}" if query else ""),
                        url,
                        table_id,
                        query,
                        last_status,
                        last_body,
                        attempt,
                    ) from None
                retry_after = parse_retry_after(error.headers.get("Retry-After"))
            except _AnswerTooLargeError as error:
                limiter.release(slot)
                self._note(method, url, started, "answer too large")
                raise self._error(
                    f"{method} {_subject(table_id, url)}: the answer is larger than "
                    f"{error.limit // 2**20} MiB; nothing beyond that is read",
                    url,
                    table_id,
                    query,
                    None,
                    "",
                    attempt,
                ) from None
            except _TRANSIENT as error:
                limiter.release(slot)
                last_status, last_body = None, ""
                last_reason = describe_transient(error)
                self._note(method, url, started, last_reason)
                retry_after = None
            else:
                limiter.release(slot)
                self._note(method, url, started, f"HTTP {response.status}")
                return response
            if attempt < self.retry.max_attempts:
                self.sleep(self.retry.delay(attempt, retry_after))
        raise self._error(
            f"{method} {_subject(table_id, url)} failed after {self.retry.max_attempts} attempts; "
            f"last: {last_reason}" + (f"; query: {query}" if query else ""),
            url,
            table_id,
            query,
            last_status,
            last_body,
            self.retry.max_attempts,
        )

    def _send(self, method: str, url: str, body: bytes | None) -> Response:
        headers = {"User-Agent": self.user_agent, "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        with urllib.request.urlopen(request, timeout=self.timeout) as answer:
            data = answer.read(self.max_answer_bytes + 1)
            if len(data) > self.max_answer_bytes:
                raise _AnswerTooLargeError(self.max_answer_bytes)
            declared = answer.headers.get("Content-Length")
            if declared and declared.isdigit() and len(data) < int(declared):
                # read(amt) returns what came instead of raising on a cut-off body.
                raise http.client.IncompleteRead(data, int(declared) - len(data))
            return Response(answer.status, data, dict(answer.headers.items()), url)

    def _note(self, method: str, url: str, started: float, outcome: str) -> None:
        with self._lock:
            self.log.append(RequestLog(method, url, started, outcome))

    @staticmethod
    def _error(
        message: str,
        url: str,
        table_id: str | None,
        query: str | None,
        status: int | None,
        body: str,
        attempts: int,
    ) -> PxWebRequestError:
        return PxWebRequestError(
            message,
            url=url,
            table_id=table_id,
            query=query,
            status=status,
            body=body,
            attempts=attempts,
        )


_TRANSIENT = (
    TimeoutError,
    ConnectionError,
    http.client.IncompleteRead,
    http.client.BadStatusLine,
    urllib.error.URLError,
)


def describe_transient(error: BaseException) -> str:
    """A short reason for a network failure (timeout, reset, truncated body ...)."""
    if isinstance(error, http.client.IncompleteRead):
        expected = len(error.partial) + (error.expected or 0)
        return f"response body truncated: received {len(error.partial)} of {expected} bytes"
    if isinstance(error, urllib.error.URLError) and not isinstance(error, TimeoutError):
        reason = error.reason
        if isinstance(reason, TimeoutError):
            return "timed out while connecting"
        return f"connection failed: {reason}"
    if isinstance(error, TimeoutError):
        return "timed out waiting for the answer"
    return f"connection error: {error.__class__.__name__}: {error}"


def parse_retry_after(value: str | None) -> float | None:
    """``Retry-After`` in seconds (delta-seconds or an HTTP date), or ``None``."""
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


def _read_error_body(error: urllib.error.HTTPError) -> str:
    try:
        return error.read().decode("utf-8", "replace").strip()
    except (OSError, http.client.HTTPException):
        return ""


def _subject(table_id: str | None, url: str) -> str:
    return f"table {table_id}" if table_id else url
