"""`seuraamo send_service_check_reminders`: e-mail each organisation's people the catalogue
services it edits that are due for the yearly check. Run it monthly (cron or a systemd timer)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from seuraamo.catalogue.reminders import send_check_reminders
from seuraamo.core.commands import add_today_argument, today_from


class Command(BaseCommand):
    help = "E-mail each organisation its catalogue services due for the yearly check."

    def add_arguments(self, parser: CommandParser) -> None:
        add_today_argument(parser)

    def handle(self, *args: object, **options: object) -> None:
        sent = send_check_reminders(today_from(options))
        for due in sent:
            self.stdout.write(
                f"{due.organisation.key}: {len(due.services)} services to "
                f"{len(due.recipients)} people"
            )
        self.stdout.write(f"{sum(len(due.recipients) for due in sent)} reminders sent.")
