"""Load the service system's sections (chapter 3 of the programme) into an empty installation."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seuraamo.programmes.service_system import (
    SERVICE_SYSTEM_FILE,
    ServiceSystemFileError,
    load_service_system,
)


class Command(BaseCommand):
    help = "Load the service system's page sections from their data file, only when there are none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", default=str(SERVICE_SYSTEM_FILE), help="The data file.")

    def handle(self, *args: object, **options: object) -> None:
        try:
            result = load_service_system(Path(str(options["file"])))
        except ServiceSystemFileError as error:
            raise CommandError(str(error)) from error
        if result.kept:
            self.stdout.write(
                "Service system sections are already in the database and are left as they are."
            )
        else:
            self.stdout.write(f"Loaded {result.created} service system sections.")
