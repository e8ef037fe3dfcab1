"""The one HTTP transport of the project, for every client of another service's API: Statistics
Finland's PxWeb (:mod:`seuraamo.official_stats.pxweb`), Työvoimabarometri
(:mod:`seuraamo.publications.tyovoimabarometri`) and PTV (:mod:`seuraamo.catalogue.ptv.source`).

A timeout on every attempt, pacing under a number of calls per time window
(:class:`SlidingWindowLimiter`, one per host per process with :func:`shared_limiter`), bounded
retries with back-off honouring ``Retry-After``, a limit on the answer's size, a call counter, and
one-line errors naming the URL (:class:`HttpRequestError`). :mod:`.http` has the rules.

Plain Python: the standard library only, no Django, nothing of the project outside this package,
so the PxWeb library (which must stay plain Python and import no app) and every app may import it
(docs/architecture.md, "One HTTP transport").
"""

from __future__ import annotations

from .http import (
    HttpRequestError,
    RequestLog,
    Response,
    RetryPolicy,
    Transport,
    describe_size,
    parse_retry_after,
)
from .limiter import SlidingWindowLimiter, forget_shared_limiters, shared_limiter

__all__ = [
    "HttpRequestError",
    "RequestLog",
    "Response",
    "RetryPolicy",
    "SlidingWindowLimiter",
    "Transport",
    "describe_size",
    "forget_shared_limiters",
    "parse_retry_after",
    "shared_limiter",
]
