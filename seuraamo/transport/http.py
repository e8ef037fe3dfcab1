"""HTTP requests to another service's API: a timeout on every attempt, pacing, bounded retries,
a limit on the answer's size, a call counter, and one-line errors.

Retried: HTTP 429, 502, 503, 504, timeouts, connection resets/refusals, truncated bodies. The wait
before the next attempt is the server's ``Retry-After`` (seconds or an HTTP date) when given,
else ``backoff_base * 2 ** (attempt - 1)`` capped at ``backoff_max``. Every attempt is a call: it
goes through the limiter and is counted. Other HTTP errors (400/403/404 ...) are raised at once
with the body text; so is an answer larger than ``max_answer_bytes`` (nothing beyond the limit is
read). Every failure is an :class:`HttpRequestError` whose message is one line naming the method
and the URL (or the ``subject`` the caller gives instead, e.g. ``table tyonv/12r5``)::

    GET https://api.example/list?page=2 failed after 5 attempts; last: HTTP 503 service unavailable or time-out
    GET https://api.example/list?page=2: the answer is larger than 64 MiB; nothing beyond that is read
    answer from https://api.example/list?page=2 is not valid JSON (812 bytes; truncated or not JSON?): …
"""

from __future__ import annotations

import email.utils
import http.client
import json
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .limiter import SlidingWindowLimiter

RETRY_STATUSES = frozenset({429, 502, 503, 504})
#: What a status means, for the messages; a caller may add its own (``Transport.meanings``).
MEANINGS: Mapping[int, str] = {
    429: "too many calls",
    503: "service unavailable or time-out",
}
#: The largest answer read unless a caller says otherwise (``Transport.max_answer_bytes``).
DEFAULT_MAX_ANSWER_BYTES = 128 * 1024 * 1024
USER_AGENT = "seuraamo/1.0 (Python urllib)"


class HttpRequestError(Exception):
    """A request that failed for good: after the retries allowed, at once for an HTTP error that
    is not retried or an answer too large, or an answer that is not the JSON asked for."""

    def __init__(
        self,
        message: str,
        *,
        url: str,
        status: int | None = None,
        body: str = "",
        attempts: int = 1,
    ) -> None:
        super().__init__(message)
        self.url = url
        self.status = status
        self.body = body
        self.attempts = attempts


class _AnswerTooLargeError(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 5
    backoff_base: float = 1.0
    backoff_max: float = 60.0
    retry_after_max: float = 120.0

    def delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.retry_after_max)
        return min(self.backoff_base * 2.0 ** (attempt - 1), self.backoff_max)


@dataclass
class Response:
    status: int
    body: bytes
    headers: Mapping[str, str]
    url: str

    def json(self) -> Any:
        """The body as JSON; :class:`HttpRequestError` naming the URL when it is not JSON (NaN
        and Infinity are refused: they are not JSON numbers)."""
        try:
            return json.loads(self.body, parse_constant=_refuse_constant)
        except RecursionError:
            problem = "nested more deeply than the parser allows"
        except (ValueError, UnicodeDecodeError) as error:
            problem = str(error)
        preview = self.body[:80].decode("utf-8", "replace")
        raise HttpRequestError(
            f"answer from {self.url} is not valid JSON ({len(self.body)} bytes; "
            f"truncated or not JSON?): {problem}; starts with {preview!r}",
            url=self.url,
            status=self.status,
            body=self.body[:2000].decode("utf-8", "replace"),
        )


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


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
    max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES
    meanings: Mapping[int, str] = field(default_factory=lambda: MEANINGS)
    calls: int = 0
    log: deque[RequestLog] = field(default_factory=lambda: deque(maxlen=1000))
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def request(
        self,
        method: str,
        url: str,
        *,
        body: bytes | None = None,
        subject: str | None = None,
        detail: str | None = None,
    ) -> Response:
        """Send with retries; raise :class:`HttpRequestError` when it cannot succeed.

        ``subject`` names what was asked in the messages instead of the URL (the error's ``url``
        keeps the URL); ``detail`` is appended to them (``query: …``)."""
        named = subject or url
        suffix = f"; {detail}" if detail else ""
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
                last_reason = f"HTTP {error.code} {self.meanings.get(error.code, error.reason)}"
                self._note(method, url, started, last_reason)
                if error.code not in RETRY_STATUSES:
                    shown = f": {last_body[:500]!r}" if last_body else ""
                    raise HttpRequestError(
                        f"{method} {named} failed: {last_reason}{shown}{suffix}",
                        url=url,
                        status=last_status,
                        body=last_body,
                        attempts=attempt,
                    ) from None
                retry_after = parse_retry_after(error.headers.get("Retry-After"))
            except _AnswerTooLargeError as error:
                limiter.release(slot)
                self._note(method, url, started, "answer too large")
                raise HttpRequestError(
                    f"{method} {named}: the answer is larger than {describe_size(error.limit)}; "
                    "nothing beyond that is read",
                    url=url,
                    attempts=attempt,
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
        raise HttpRequestError(
            f"{method} {named} failed after {self.retry.max_attempts} attempts; "
            f"last: {last_reason}{suffix}",
            url=url,
            status=last_status,
            body=last_body,
            attempts=self.retry.max_attempts,
        )

    def _send(self, method: str, url: str, body: bytes | None) -> Response:
        headers = {"User-Agent": self.user_agent, "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310 - callers pass http(s)
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


def describe_size(size: int) -> str:
    """``128 MiB``, ``64 KiB`` or ``100 bytes``."""
    for unit, factor in (("MiB", 2**20), ("KiB", 2**10)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


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
