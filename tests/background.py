"""Running the background jobs in a test: the real worker of the Tasks API's database backend
(`seuraamo db_worker --batch`), in this process, until the queue is empty."""

from __future__ import annotations

import io

from django.core.management import call_command


def run_background_jobs() -> str:
    """Run every queued job to its end; returns what the worker printed."""
    out = io.StringIO()
    call_command("db_worker", batch=True, startup_delay=False, reload=False, stdout=out, stderr=out)
    return out.getvalue()
