"""Rendered page content cached until the statistics change.

The situation pages read many series and format long tables; the result only changes when a sync
or import writes observations or someone edits, e.g., an area's name in the admin. The main content of a page (not the site header, which may one day
show the signed-in user) is cached under a key of the page, its query, the language and the data
version; a new version (new or revised observations, a new sync run) makes every key new.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.db import connection
from django.utils.safestring import SafeString, mark_safe

from seuraamo.areas.models import Area
from seuraamo.core.formatting import current_language
from seuraamo.core.models import AuditEvent
from seuraamo.official_stats.models import Observation, ObservationRevision, StatTable, SyncRun
from seuraamo.publications.models import BarometerLoad, Publication, PublicationFigure
from seuraamo.situation.models import PeerGroup

TIMEOUT_SECONDS = 3600
T = TypeVar("T")


# What the data version is made of: each column's maximum changes when rows are added or revised,
# a sync or import runs, or anything is edited (every admin change leaves a LogEntry, a programme
# import AuditEvents).
VERSION_COLUMNS = [
    (LogEntry, "id"),
    (AuditEvent, "id"),
    (Observation, "id"),
    (ObservationRevision, "id"),
    (SyncRun, "id"),
    (Area, "id"),
    (StatTable, "last_synced_at"),
    (PeerGroup, "updated_at"),  # an analyst changed the peers
    (Publication, "updated_at"),
    (PublicationFigure, "updated_at"),
    (BarometerLoad, "id"),  # a barometer fetch or import
]


def data_version() -> str:
    """Changes whenever the data behind a page may have changed; one query."""
    quote = connection.ops.quote_name
    maxima = ", ".join(
        f"(SELECT MAX({quote(model._meta.get_field(field).column)}) "
        f"FROM {quote(model._meta.db_table)})"
        for model, field in VERSION_COLUMNS
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {maxima}")  # noqa: S608  (names from the models' own metadata)
        return "|".join(str(part) for part in cursor.fetchone())


def cached(name: str, query: str, build: Callable[[], T]) -> T:
    """``build()``'s result, from the cache when the data have not changed since it was built."""
    raw = f"{name}\n{current_language()}\n{query}\n{data_version()}"
    key = "situation:" + hashlib.sha256(raw.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, TIMEOUT_SECONDS)
    return found


def fragment(name: str, query: str, build: Callable[[], str]) -> SafeString:
    """Cached HTML (rendered by our own templates) as a safe string."""
    return mark_safe(cached(name, query, lambda: str(build())))  # noqa: S308
