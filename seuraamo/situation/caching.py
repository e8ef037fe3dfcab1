"""Rendered page content cached until the statistics change.

The situation pages read many series and format long tables; the result only changes when a sync
or import writes observations or someone edits, e.g., an area's name in the admin. The main content of a page (not the site header, which may one day
show the signed-in user) is cached under a key of the page, its query, the language and the data
version; a new version (any write through a service, see ``core.data_version``) makes every key new.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.db import connection
from django.utils.safestring import SafeString, mark_safe

from seuraamo.areas.models import Area, AreaMembership
from seuraamo.core.formatting import current_language
from seuraamo.core.memo import shared_reads
from seuraamo.core.models import AuditEvent, DataVersion
from seuraamo.official_stats.models import Observation, ObservationRevision, StatTable, SyncRun
from seuraamo.publications.models import BarometerLoad, Publication, PublicationFigure
from seuraamo.situation.models import PeerGroup

TIMEOUT_SECONDS = 3600
T = TypeVar("T")


# What the data version is made of: the counter every writing service moves on
# (``core.data_version.bump_data_version``), and as a net for writes that bypass the services,
# each column's maximum, which changes when rows are added or revised, a sync or import runs, or
# anything is edited in the admin (every admin change leaves a LogEntry).
VERSION_COLUMNS = [
    (DataVersion, "number"),
    (LogEntry, "id"),
    (AuditEvent, "id"),
    (Observation, "id"),
    (ObservationRevision, "id"),
    (SyncRun, "id"),
    (Area, "id"),
    (AreaMembership, "id"),
    (StatTable, "last_synced_at"),
    (PeerGroup, "updated_at"),  # an analyst changed the peers
    (Publication, "updated_at"),
    (PublicationFigure, "updated_at"),
    (BarometerLoad, "id"),  # a barometer fetch or import
]


@functools.cache
def _version_query(vendor: str) -> str:
    quote = connection.ops.quote_name
    maxima = ", ".join(
        f"(SELECT MAX({quote(model._meta.get_field(field).column)}) "
        f"FROM {quote(model._meta.db_table)})"
        for model, field in VERSION_COLUMNS
    )
    return f"SELECT {maxima}"  # noqa: S608  (names from the models' own metadata)


#: The data version a public page's request was keyed on (``data_version_of_this_request``).
_request_version: ContextVar[str | None] = ContextVar("request_data_version", default=None)


@contextmanager
def data_version_of_this_request(version: str) -> Iterator[None]:
    """Within the block ``data_version()`` answers ``version``: the page cache has just read it
    for the request's key, and a page's fragments need not ask the database again."""
    token = _request_version.set(version)
    try:
        yield
    finally:
        _request_version.reset(token)


def data_version() -> str:
    """Changes whenever the data behind a page may have changed; one query."""
    known = _request_version.get()
    if known is not None:
        return known
    with connection.cursor() as cursor:
        cursor.execute(_version_query(connection.vendor))
        return "|".join(str(part) for part in cursor.fetchone())


def cached(name: str, query: str, build: Callable[[], T]) -> T:
    """``build()``'s result, from the cache when the data have not changed since it was built."""
    raw = f"{name}\n{current_language()}\n{query}\n{data_version()}"
    key = "situation:" + hashlib.sha256(raw.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        with shared_reads():
            found = build()
        cache.set(key, found, TIMEOUT_SECONDS)
    return found


def fragment(name: str, query: str, build: Callable[[], str]) -> SafeString:
    """Cached HTML (rendered by our own templates) as a safe string."""
    return mark_safe(cached(name, query, lambda: str(build())))  # noqa: S308
