"""The public pages rendered again after every change of the data version, in the background, so
that the first visitor after a sync, an import or an edit is answered from the page cache.

`core.data_version.bump_data_version` calls `warm_public_pages_soon` after its transaction commits
(wired by `settings.AFTER_DATA_VERSION_CHANGE`: `core` imports no other app). It queues
`warm_public_pages` for the background worker (`seuraamo db_worker`, which `seuraamo serve` starts)
unless one is already waiting: a sync that moves the version on many times queues one job, which
renders the version current when it runs. The job asks for each page as an anonymous browser at
the site's address (`SITE_URL`) would, through the whole middleware stack, so the page cache
(`config/page_cache.py`) stores each answer under the key a visitor's request will have.

The pages: every page without a parameter of the programme, the situation picture and the service
catalogue, in fi, sv and en, and the pages of those namespaces they link to, and those these link to
(themes, goals, organisations, municipalities, services), without query strings.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from html import unescape
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseBase
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from seuraamo.config.page_cache import NEGOTIATED_NAMESPACES, cached_namespace

#: The namespaces whose pages are rendered (the API's answers depend on each query: not guessed).
WARMED_NAMESPACES = frozenset({"programmes", "situation", "catalogue"})
#: What a browser sends; the cache key covers only whether gzip is accepted.
BROWSER_HEADERS = {
    "HTTP_ACCEPT": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "HTTP_ACCEPT_ENCODING": "gzip, deflate, br",
}
#: How far links are followed from the pages without parameters (home → theme → goal).
LINK_DEPTH = 2
#: The most pages of one language a warm-up renders (the real installation has about 100).
MAX_PAGES_PER_LANGUAGE = 400
_HREF = re.compile(r'href="(/[^"#?]*)"')


def _index_names(
    patterns: Iterable[URLPattern | URLResolver], namespace: str | None = None
) -> list[str]:
    """The view names, with their namespace, of the patterns of the warmed namespaces that take
    no parameter."""
    names = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if not entry.pattern.converters and not entry.pattern.regex.groups:
                names += _index_names(entry.url_patterns, inner)
        elif (
            namespace in WARMED_NAMESPACES
            and entry.name
            and not entry.pattern.converters
            and not entry.pattern.regex.groups
        ):
            names.append(f"{namespace}:{entry.name}")
    return names


def index_pages(language: str) -> list[str]:
    """The addresses of the warmed namespaces' pages without parameters, in the language."""
    with translation.override(language):
        paths = [reverse(name) for name in _index_names(get_resolver().url_patterns)]
    return [path for path in dict.fromkeys(paths) if _warmed(path, language)]


def _warmed(path: str, language: str) -> bool:
    namespace = cached_namespace(path, language)
    return namespace is not None and namespace not in NEGOTIATED_NAMESPACES


def _client() -> Client:
    """A client that asks as a browser at the site's address (SITE_URL) does."""
    site = urlsplit(settings.SITE_URL)
    meta: dict[str, Any] = {"HTTP_HOST": site.netloc, **BROWSER_HEADERS}
    if settings.SECURE_PROXY_SSL_HEADER and site.scheme == "https":
        header, value = settings.SECURE_PROXY_SSL_HEADER
        meta[header] = value
    return Client(secure=site.scheme == "https", raise_request_exception=False, **meta)


def _links(response: HttpResponseBase, language: str) -> list[str]:
    content = getattr(response, "content", b"")
    if response.get("Content-Encoding") == "gzip":
        content = gzip.decompress(content)
    prefix = f"/{language}/"
    return [
        path
        for path in (unescape(found) for found in _HREF.findall(content.decode(errors="replace")))
        if path.startswith(prefix) and _warmed(path, language)
    ]


def warm_language(client: Client, language: str) -> tuple[int, int]:
    """Render the language's index pages and the pages they link to, to `LINK_DEPTH` links;
    (rendered, answered 200)."""
    queue = [(path, 0) for path in index_pages(language)]
    seen = {path for path, _depth in queue}
    rendered = ok = 0
    while queue and rendered < MAX_PAGES_PER_LANGUAGE:
        path, depth = queue.pop(0)
        client.cookies.clear()  # an anonymous visitor: no session, no messages
        response = client.get(path)
        rendered += 1
        if response.status_code != 200:
            continue
        ok += 1
        if depth < LINK_DEPTH:
            for link in _links(response, language):
                if link not in seen:
                    seen.add(link)
                    queue.append((link, depth + 1))
    return rendered, ok


@task()
def warm_public_pages() -> dict[str, int]:
    """Render the public pages of the current data version in fi, sv and en (see the module)."""
    client = _client()
    result = {}
    for language in settings.CONTENT_LANGUAGES:
        rendered, ok = warm_language(client, language)
        result[language] = ok
        result[f"{language}_other"] = rendered - ok
    return result


def warm_public_pages_soon() -> None:
    """Queue the warm-up unless one waits already (one that runs may render an older version, so
    then a new one is queued). Called after the commit of every data-version change."""
    waiting = DBTaskResult.objects.filter(
        task_path=warm_public_pages.module_path, status=TaskResultStatus.READY
    ).exists()
    if not waiting:
        warm_public_pages.enqueue()
