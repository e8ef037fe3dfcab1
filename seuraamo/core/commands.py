"""Pieces the management commands share: the `--today` option of the commands run by a timer."""

from __future__ import annotations

import datetime

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone


def add_today_argument(parser: CommandParser) -> None:
    parser.add_argument("--today", help="Run as if today were this date (YYYY-MM-DD).")


def today_from(options: dict[str, object]) -> datetime.date:
    """The `--today` given, or the local date; a value that is not a date stops the command."""
    if not options.get("today"):
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(str(options["today"]))
    except ValueError:
        raise CommandError(f"--today: {options['today']!r} is not a date like 2026-06-30") from None
