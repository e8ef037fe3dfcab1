"""Load everything a fresh installation shows: the Kymenlaakso programme, the statistics snapshot and the
service catalogue.

`make run` calls this on every start. The programme file only seeds an empty installation: once the
database holds a programme, it is the source of truth (edits made in the app are kept) and
`seuraamo import_programme FILE` is the explicit way to apply a file. The snapshot load is
idempotent (a re-load with no changes writes nothing). The catalogue seed, like the programme file, loads
into an empty catalogue only, and so do the service system's sections (chapter 3 of the programme). With --demo (`make load`), a database without reporting rounds also gets
example follow-up content and demo users (seuraamo/follow_up/demo.py)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from seuraamo.programmes.models import Programme

PROGRAMME_FILE = settings.PACKAGE_DIR / "programmes" / "data" / "kymenlaakso.yaml"
PROGRAMME_KEPT = (
    "Programme content is already in the database and is left as it is "
    "(seuraamo import_programme FILE applies a file)."
)


class Command(BaseCommand):
    help = "Load the Kymenlaakso programme, the offline statistics snapshot and the service catalogue (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Also create example follow-up content and demo users when there is no round yet "
            "(make load/run; never in tests).",
        )

    def handle(self, *args: object, **options: object) -> None:
        if Programme.objects.exists():
            self.stdout.write(PROGRAMME_KEPT)
        else:
            call_command("import_programme", str(PROGRAMME_FILE), stdout=self.stdout)
        call_command("load_statistics_snapshot", stdout=self.stdout)
        call_command("load_catalogue", stdout=self.stdout)
        call_command("load_service_system", stdout=self.stdout)
        if options["demo"]:
            call_command("load_demo_follow_up", stdout=self.stdout)
