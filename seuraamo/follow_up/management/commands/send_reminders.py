"""`seuraamo send_reminders`: e-mail coordinators whose half-year report is due soon or late.
Run it daily (cron or a systemd timer); running it twice on a day sends nothing twice."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from seuraamo.core.commands import add_today_argument, today_from
from seuraamo.follow_up.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail reminders about half-year reports due soon or late (each reminder once)."

    def add_arguments(self, parser: CommandParser) -> None:
        add_today_argument(parser)

    def handle(self, *args: object, **options: object) -> None:
        sent = send_reminders(today_from(options))
        for item in sent:
            self.stdout.write(f"{item.kind}: {item.recipient.email} – {item.report}")
        self.stdout.write(f"{len(sent)} reminders sent.")
