"""Whole public answers cached for anonymous visitors, keyed on the data version: nothing stale.

A GET of a programme, situation or service page, or of the data API (statistics and HSDS), by a
visitor who sends no session or message cookie is answered from Django's cache (files shared by
the processes of the machine; shared by every app server when REDIS_URL is set) under a key of the scheme, host, address, language, today's date
(organisations' validity), whether the visitor accepts gzip, for the API the Accept header (its
content negotiation; a page is the same HTML whatever a browser accepts) and the data version. The data
version changes with every write through a service, sync, import and admin edit (see
`seuraamo.core.data_version` and `seuraamo.situation.caching.data_version`), so the next request
after a change renders anew.

The middleware sits right after WhiteNoise, before gzip, sessions, locale, CSRF and
authentication: a hit costs the data-version query and a cache read, and is returned with the
headers (and the gzip encoding) the full stack gave it; the outer middleware still adds the
security headers. A visitor without a session cookie is anonymous (sessions are the only way to
sign in). Answers that set a cookie (a CSRF token, a session) are never stored, so a stored page
holds nothing specific to one visitor. Signed-in users, the admin and every other request get a
fresh rendering.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import TypeGuard

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils import timezone, translation

from seuraamo.situation.caching import data_version, data_version_of_this_request

CACHED_NAMESPACES = frozenset({"programmes", "situation", "catalogue", "api", "hsds"})
#: The answers that depend on the Accept header (the API's formats), so keyed on it too.
NEGOTIATED_NAMESPACES = frozenset({"api", "hsds"})
#: Answers that do not depend on the data (the API's description), rendered each time.
UNCACHED_VIEWS = frozenset({"api:openapi", "api:docs"})
TIMEOUT_SECONDS = 3600
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
#: What the key covers of the headers an answer may vary on (the language through the address or
#: LocaleMiddleware's choice; a cookie only as "no session, no messages"). An answer that varies on
#: anything else is not stored.
KEYED_HEADERS = frozenset({"accept", "accept-encoding", "accept-language", "cookie"})
StoredAnswer = tuple[int, list[tuple[str, str]], bytes]


def _language(request: HttpRequest) -> str:
    """The language LocaleMiddleware will activate: the address's prefix, else the request's."""
    return translation.get_language_from_path(
        request.path_info
    ) or translation.get_language_from_request(request)


def cached_namespace(path: str, language: str) -> str | None:
    """The namespace of the view answering this address when its answers are cached, else None."""
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404:
            return None
    cached = match.namespace in CACHED_NAMESPACES and match.view_name not in UNCACHED_VIEWS
    return match.namespace if cached else None


def page_key(request: HttpRequest) -> tuple[str, str] | None:
    """The cache key of this request's answer and the data version it is keyed on, or None when
    it must be rendered for this request."""
    if (
        request.method != "GET"
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or "messages" in request.COOKIES
    ):
        return None
    language = _language(request)
    namespace = cached_namespace(request.path_info, language)
    if namespace is None:
        return None
    negotiated = namespace in NEGOTIATED_NAMESPACES
    version = data_version()
    raw = "\n".join(
        [
            request.scheme or "",
            request.get_host(),
            request.get_full_path(),
            language,
            str(timezone.localdate()),
            "gzip" if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")) else "",
            request.headers.get("Accept", "") if negotiated else "",  # json-stat by Accept
            version,
        ]
    )
    return "page:" + hashlib.sha256(raw.encode()).hexdigest(), version


def _storable(response: HttpResponseBase) -> TypeGuard[HttpResponse]:
    varies = {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}
    return (
        varies <= KEYED_HEADERS
        and response.status_code == 200
        and isinstance(response, HttpResponse)  # not streamed (StreamingHttpResponse, files)
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _answer(stored: StoredAnswer) -> HttpResponse:
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    return response


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        keyed = page_key(request)
        if keyed is None:
            return self.get_response(request)
        key, version = keyed
        stored = cache.get(key)
        if stored is not None:
            return _answer(stored)
        with data_version_of_this_request(version):
            response = self.get_response(request)
        if _storable(response):
            headers = list(response.headers.items())
            cache.set(key, (response.status_code, headers, response.content), TIMEOUT_SECONDS)
        return response
