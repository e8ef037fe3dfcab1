"""Compile the .po translation catalogues to .mo with polib, so a fresh machine needs no GNU gettext.

The sources are in `seuraamo/locale/`; the compiled files go to the data folder (LOCALE_PATHS), so
compiling writes nothing into the source tree. Each file is written under a temporary name and
moved into place, so parallel test workers never read half a catalogue."""

import os
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile the interface translation catalogues (.po → .mo) into the data folder."

    def handle(self, *args: object, **options: object) -> None:
        source_dir = Path(settings.CATALOGUE_SOURCE_DIR)
        target_dir = Path(settings.LOCALE_PATHS[0])
        compiled = 0
        for po_path in sorted(source_dir.glob("*/LC_MESSAGES/*.po")):
            mo_path = target_dir / po_path.relative_to(source_dir).with_suffix(".mo")
            mo_path.parent.mkdir(parents=True, exist_ok=True)
            try:
                catalogue = polib.pofile(str(po_path))
            except OSError as error:
                raise CommandError(f"{po_path}: {error}") from None
            handle, temporary = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo.tmp")
            os.close(handle)
            catalogue.save_as_mofile(temporary)
            os.replace(temporary, mo_path)
            compiled += 1
        self.stdout.write(f"Compiled {compiled} catalogue(s) into {target_dir}.")
