"""After every change of the data version the public pages are rendered again in the background
(`installation.tasks`), so the first anonymous visitor after a sync or an edit is answered from the
page cache: one query (the data version), no rendering."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from seuraamo.core.data_version import bump_data_version
from seuraamo.installation import tasks
from seuraamo.installation.tasks import index_pages, warm_public_pages
from tests.background import run_background_jobs
from tests.pages.builders import build_programme

#: The visitor's browser at the site's address (SITE_URL's default in tests).
VISITOR = {"HTTP_HOST": "127.0.0.1:8000", "HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
DATA_VERSION_QUERIES = 1


def queued() -> int:
    return DBTaskResult.objects.filter(
        task_path=warm_public_pages.module_path, status=TaskResultStatus.READY
    ).count()


def test_the_index_pages_are_the_public_pages_without_parameters() -> None:
    pages = index_pages("sv")
    assert {"/sv/", "/sv/programme/", "/sv/situation/", "/sv/services/"} <= set(pages)
    assert not [page for page in pages if not page.startswith("/sv/")]


@pytest.mark.django_db
def test_after_a_change_the_first_visitor_gets_a_page_rendered_in_the_background(
    django_capture_on_commit_callbacks, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Kept cheap: the pages without parameters, not the pages they link to.
    monkeypatch.setattr(tasks, "MAX_PAGES_PER_LANGUAGE", len(index_pages("fi")))
    build_programme(timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        bump_data_version()
        bump_data_version()  # a sync moves the version on many times
    with django_capture_on_commit_callbacks(execute=True):
        bump_data_version()
    assert queued() == 1  # one waits: the next change queues no second
    cache.clear()

    run_background_jobs()

    done = DBTaskResult.objects.get(task_path=warm_public_pages.module_path)
    assert done.status == TaskResultStatus.SUCCESSFUL and queued() == 0
    for page in ["/fi/", "/sv/situation/", "/en/organisations/"]:
        with CaptureQueriesContext(connection) as captured:
            response = Client(**VISITOR).get(page, HTTP_ACCEPT="text/html")
        assert response.status_code == 200
        assert len(captured) == DATA_VERSION_QUERIES, page
