"""`seuraamo send_reminders`: e-mail coordinators whose half-year report is due soon or late.
Run it daily (cron or a systemd timer); running it twice on a day sends nothing twice."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from seuraamo.follow_up.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail reminders about half-year reports due soon or late (each reminder once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Run as if today were this date (YYYY-MM-DD).")

    def handle(self, *args: object, **options: object) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(str(options["today"]))
            except ValueError:
                raise CommandError(
                    f"--today: {options['today']!r} is not a date like 2026-06-30"
                ) from None
        sent = send_reminders(today)
        for item in sent:
            self.stdout.write(f"{item.kind}: {item.recipient.email} – {item.report}")
        self.stdout.write(f"{len(sent)} reminders sent.")
