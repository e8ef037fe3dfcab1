"""Load everything a fresh installation shows: the Kymenlaakso programme, the statistics snapshot and the
service catalogue (loaded into an empty catalogue only, so edits made in the app are kept).
Every step is idempotent, so `make run` can call this on every start."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

PROGRAMME_FILE = settings.PACKAGE_DIR / "programmes" / "data" / "kymenlaakso.yaml"


class Command(BaseCommand):
    help = "Load the Kymenlaakso programme, the offline statistics snapshot and the service catalogue (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        call_command("import_programme", str(PROGRAMME_FILE), stdout=self.stdout)
        call_command("load_statistics_snapshot", stdout=self.stdout)
        call_command("load_catalogue", stdout=self.stdout)
