"""HTTP for both clients: the project's one transport (:mod:`seuraamo.transport`: timeouts,
pacing, bounded retries honouring ``Retry-After``, a size limit, a call counter) with what PxWeb
adds: the meaning of its 400/403/404, messages naming the table and the query rather than the URL,
answers up to :data:`~.sizes.MAX_DOCUMENT_BYTES`, and :class:`PxWebRequestError` for every
failure."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from seuraamo.transport import (
    HttpRequestError,
    Response,
    RetryPolicy,
    SlidingWindowLimiter,
    Transport,
)
from seuraamo.transport.http import MEANINGS

from .errors import PxWebRequestError
from .sizes import MAX_DOCUMENT_BYTES

USER_AGENT = "seuraamo-pxweb/1.0 (Python urllib)"
PXWEB_MEANINGS = {
    **MEANINGS,
    400: "bad request (unknown table, variable or value?)",
    403: "forbidden (too many cells in one query?)",
    404: "not found (wrong URL or query syntax?)",
}


@dataclass(frozen=True)
class Limits:
    """Server limits: cells per query and calls per time window (StatFin defaults)."""

    max_cells: int = 120_000
    max_calls: int = 40
    window_seconds: float = 60.0
    from_server: bool = False


class PxWebTransport:
    """The shared :class:`~seuraamo.transport.Transport` with PxWeb's messages and errors;
    ``limiter`` is a callable so the limiter can follow limits read later."""

    def __init__(
        self,
        limiter: Callable[[], SlidingWindowLimiter],
        *,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.http = Transport(
            limiter=limiter,
            timeout=timeout,
            retry=retry or RetryPolicy(),
            sleep=sleep,
            user_agent=user_agent,
            max_answer_bytes=MAX_DOCUMENT_BYTES,
            meanings=PXWEB_MEANINGS,
        )

    @property
    def calls(self) -> int:
        return self.http.calls

    @property
    def timeout(self) -> float:
        return self.http.timeout

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
        try:
            return self.http.request(
                method,
                url,
                body=body,
                subject=f"table {table_id}" if table_id else None,
                detail=f"query: {query}" if query else None,
            )
        except HttpRequestError as error:
            raise PxWebRequestError(
                str(error),
                url=error.url,
                table_id=table_id,
                query=query,
                status=error.status,
                body=error.body,
                attempts=error.attempts,
            ) from None
