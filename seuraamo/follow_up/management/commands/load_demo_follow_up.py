"""`seuraamo load_demo_follow_up`: example rounds, reports and demo users for `make run` (see
seuraamo/follow_up/demo.py). Does nothing in a database that already has a reporting round; prints
the demo users (from DATA_DIR/demo-users.txt) every time."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from seuraamo.follow_up.demo import create_demo_content, demo_users_file
from seuraamo.programmes.demo import create_demo_targets


class Command(BaseCommand):
    help = "Create example follow-up content and demo users in a database without rounds."

    def handle(self, *args: object, **options: object) -> None:
        path = demo_users_file(settings.DATA_DIR)
        lines = create_demo_content(timezone.localdate(), settings.DATA_DIR)
        if lines is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w") as file:
                file.write("\n".join(lines) + "\n")
            self.stdout.write("Example follow-up content created (rounds 2025H2 and 2026H1).")
            targets = create_demo_targets(timezone.localdate())
            self.stdout.write(f"Example yearly targets created: {targets}.")
        if path.exists():
            self.stdout.write(f"Demo users for trying the follow-up out ({path}):")
            for line in path.read_text().splitlines():
                self.stdout.write(f"  {line}")
