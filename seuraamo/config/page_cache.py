"""Whole public pages cached for anonymous visitors, keyed on the data version: nothing stale.

A programme or situation page, asked with GET by a visitor who is not signed in and has no session
or pending message, is served from Django's cache (shared by every app server when REDIS_URL is
set) under a key of its address, language, today's date (organisations' validity) and the data
version. The data version changes with every write through a service, sync, import and admin
edit (see `seuraamo.core.data_version` and `seuraamo.situation.caching.data_version`), so the next
request after a change renders anew.
Signed-in users, the admin, the API and downloads always get a fresh rendering.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.translation import get_language

from seuraamo.situation.caching import data_version

CACHED_NAMESPACES = frozenset({"programmes", "situation"})
TIMEOUT_SECONDS = 3600


def page_key(request: HttpRequest) -> str | None:
    """The cache key of this request's page, or None when it must be rendered for this request."""
    match = request.resolver_match
    if (
        request.method != "GET"
        or match is None
        or match.namespace not in CACHED_NAMESPACES
        or request.user.is_authenticated
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or "messages" in request.COOKIES
    ):
        return None
    raw = "\n".join(
        [request.get_full_path(), get_language(), str(timezone.localdate()), data_version()]
    )
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        key = getattr(request, "public_page_key", None)
        if (
            key
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith("text/html")
        ):
            cache.set(key, response.content, TIMEOUT_SECONDS)
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        key = page_key(request)
        if key is None:
            return None
        content = cache.get(key)
        if content is not None:
            return HttpResponse(content, content_type="text/html; charset=utf-8")
        request.public_page_key = key
        return None
