"""Running the background jobs in a test: the real worker of the Tasks API's database backend
(`seuraamo db_worker --batch`), in this process, until the queue is empty."""

from __future__ import annotations

import io
from unittest import mock

from django.core.management import call_command


def run_background_jobs() -> str:
    """Run every queued job to its end; returns what the worker printed.

    The worker recycles database connections between jobs as a request does
    (`close_old_connections`); inside a test's transaction that would close the connection the
    test runs in (on PostgreSQL), so here the worker keeps it, as Django's test client does."""
    out = io.StringIO()
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command(
            "db_worker", batch=True, startup_delay=False, reload=False, stdout=out, stderr=out
        )
    return out.getvalue()
