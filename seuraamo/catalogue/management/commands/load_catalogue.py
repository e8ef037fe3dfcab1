"""Load the service catalogue draft into an empty catalogue; a catalogue with services is kept."""

from django.core.management.base import BaseCommand, CommandError

from seuraamo.catalogue.services import CatalogueLoadError, load_catalogue


class Command(BaseCommand):
    help = "Load the Kymenlaakso service catalogue draft into an empty catalogue (later edits are kept)."

    def handle(self, *args: object, **options: object) -> None:
        try:
            result = load_catalogue()
        except CatalogueLoadError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(result.message)
