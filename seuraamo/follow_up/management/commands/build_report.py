"""`seuraamo build_report --round 2026H1 --format pdf|xlsx|html --lang fi --out FILE`: the compiled
report of a round (its accepted reports; other goals listed as missing), written to a file
(written whole or not at all)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from seuraamo.follow_up import exports, selectors
from seuraamo.periods import Frequency, Period, PeriodError


class Command(BaseCommand):
    help = "Write a round's compiled report as a PDF, an XLSX workbook or an HTML file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--round", required=True, help="The round's period, e.g. 2026H1.")
        parser.add_argument("--format", required=True, choices=exports.FORMATS)
        parser.add_argument("--lang", default="fi", choices=[c for c, _ in settings.LANGUAGES])
        parser.add_argument("--out", required=True, help="The file to write.")

    def handle(self, *args: object, **options: object) -> None:
        out = Path(str(options["out"]))
        if not out.parent.is_dir():
            raise CommandError(f"--out: the folder {out.parent} does not exist")
        with translation.override(str(options["lang"])):
            try:
                period = Period.parse(str(options["round"]), Frequency.HALF_YEAR)
            except PeriodError as error:
                raise CommandError(f"--round: {error}") from None
            compiled = selectors.compiled_report(None, period)
            if compiled is None:
                raise CommandError(f"--round: no round has the period {options['round']!r}")
            content = exports.render(compiled, str(options["format"]))
        handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=".build_report-")
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, out)
        self.stdout.write(
            f"{out}: {len(compiled.documents)} accepted reports, {len(compiled.missing)} goals"
            f" without one, {len(content)} bytes ({options['format']})"
        )
