"""Serve Seuraamo with gunicorn, the production application server, and the background worker
beside it (docs/deployment.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, connections
from django.urls import get_resolver

from seuraamo.config.gunicorn_app import GunicornApplication
from seuraamo.installation.tasks import warm_public_pages_soon
from seuraamo.situation.charts.svg import render_svg

#: The smallest chart: rendering it starts the chart engine.
WARM_UP_CHART = {
    "mark": "bar",
    "data": {"values": [{"x": 1}]},
    "encoding": {"x": {"field": "x", "type": "quantitative"}},
}


def default_workers() -> int:
    """gunicorn's rule of thumb, two per core plus one, capped so a small server keeps its memory."""
    return min(2 * (os.cpu_count() or 1) + 1, 8)


class Command(BaseCommand):
    help = "Serve the site with gunicorn (sync workers) and WhiteNoise for the static files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000", help="host:port or unix:/path")
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY") or default_workers()),
            help="worker processes (default: WEB_CONCURRENCY, else 2 per core + 1, at most 8)",
        )
        parser.add_argument(
            "--timeout", type=int, default=60, help="seconds before a stuck worker is restarted"
        )
        parser.add_argument(
            "--no-background-worker",
            action="store_true",
            help="do not start the background worker (statistics syncs and reverts) beside the "
            "server: when another process on the machine already runs `seuraamo db_worker`",
        )
        parser.add_argument(
            "--no-warm-up",
            action="store_true",
            help="do not queue the rendering of the public pages at start (a second server of a "
            "site whose pages another server warms, or a test server)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        manifest = settings.STATIC_ROOT / getattr(staticfiles_storage, "manifest_name", "")
        if not settings.DEBUG and not manifest.is_file():
            raise CommandError(
                f"No collected static files in {settings.STATIC_ROOT}: run `seuraamo collectstatic` first."
            )
        problem = fresh_page_cache(warm_up=not options["no_warm_up"])
        if problem:
            self.stderr.write(problem)
        # Workers are forked from this process: no database connection may be shared with them.
        connections.close_all()
        background = None if options["no_background_worker"] else start_background_worker()
        try:
            self._serve(options)
        finally:
            if background is not None:
                background.terminate()
                background.wait(timeout=30)

    def _serve(self, options: dict[str, Any]) -> None:
        preload()
        GunicornApplication(
            {
                "bind": options["bind"],
                "workers": options["workers"],
                "timeout": options["timeout"],
                "accesslog": "-",
                # The app, its URLs and views are loaded once, before the workers fork; each
                # worker then starts the chart engine before it takes a request (`start_worker`).
                "preload_app": True,
                "post_worker_init": start_worker,
                # Which proxy to believe about https is the app's one setting, PROXY_SSL_HEADER.
                "forwarded_allow_ips": "",
                # No control socket under $HOME: several servers may run on one machine.
                "control_socket_disable": True,
            }
        ).run()


def fresh_page_cache(*, warm_up: bool = True) -> str:
    """The machine's cache files emptied (pages rendered by the code that ran before: a restart
    after an upgrade shows the new templates at once) and the public pages queued for rendering by
    the background worker. A shared Redis is left alone: other servers may still run. Returns
    what went wrong, or an empty string."""
    if isinstance(cache, FileBasedCache):
        cache.clear()
    if not warm_up:
        return ""
    try:
        warm_public_pages_soon()
    except DatabaseError as error:  # not migrated yet: the server still starts
        return f"The public pages were not queued for rendering: {error}"
    return ""


def preload() -> None:
    """Import every view (and so the chart library) in gunicorn's master, before it forks."""
    get_resolver().url_patterns  # noqa: B018 (imports the URL conf and its views)


def start_worker(worker: object) -> None:
    """In each worker after the fork, before its first request: start the chart engine
    (vl-convert's JavaScript runtime, about a second), so that no visitor waits for it. It cannot
    start in the master: a runtime started before a fork hangs in the forked worker."""
    render_svg(WARM_UP_CHART, "fi")


def start_background_worker() -> subprocess.Popen[bytes]:
    """`seuraamo db_worker` as a child process: it runs the queued background jobs (Tasks API,
    database backend) and ends with the server."""
    command = [sys.executable, "-c", "from seuraamo.cli import main; main()", "db_worker"]
    return subprocess.Popen([*command, "--no-reload", "--interval", "2", "--verbosity", "1"])
