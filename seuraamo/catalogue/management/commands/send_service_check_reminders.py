"""`seuraamo send_service_check_reminders`: e-mail each organisation's people the catalogue
services it edits that are due for the yearly check. Run it monthly (cron or a systemd timer)."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from seuraamo.catalogue.reminders import send_check_reminders


class Command(BaseCommand):
    help = "E-mail each organisation its catalogue services due for the yearly check."

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
        sent = send_check_reminders(today)
        for due in sent:
            self.stdout.write(
                f"{due.organisation.key}: {len(due.services)} services to "
                f"{len(due.recipients)} people"
            )
        self.stdout.write(f"{sum(len(due.recipients) for due in sent)} reminders sent.")
