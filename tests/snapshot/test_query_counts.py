"""What the situation pages cost the database with an empty cache, over the real statistics
snapshot (issue 22 §1): each page's sections share the reads they have in common (core.memo), so
the number of queries is bounded, and sharing them changes nothing a reader sees."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from seuraamo.core.memo import shared_reads
from seuraamo.situation import contexts

#: Each page with an empty cache: the queries of the whole request, the page cache's and the
#: session's included. The situation page was 120 before its sections shared their reads (the
#: analysts' recorded figures and assessments then added three), 36 before one question asked
#: two ways was answered once, a series read once per page, every table's periods in one query,
#: the page cache's data version reused by the page's fragment, both survey tables read in one
#: query and the barometer's latest month in one; a municipality 31, then 18; the review 39, then
#: 24.
BOUNDS = {
    "/fi/situation/": 24,
    "/fi/situation/municipalities/KU285/": 12,
    "/fi/situation/review/": 15,
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", BOUNDS)
def test_a_situation_page_with_an_empty_cache_makes_few_queries(
    statistics_snapshot, client, path: str
) -> None:
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    assert len(queries) <= BOUNDS[path], "\n".join(q["sql"][:200] for q in queries)


@pytest.mark.django_db
def test_shared_reads_answer_as_fresh_reads_do(statistics_snapshot) -> None:
    with translation.override("fi"):
        fresh = contexts.situation("", "")
        with CaptureQueriesContext(connection) as unshared:
            contexts.situation("", "")
        with shared_reads(), CaptureQueriesContext(connection) as shared:
            again = contexts.situation("", "")
    assert repr(again) == repr(fresh)
    assert len(shared) < len(unshared) / 2, (len(shared), len(unshared))
