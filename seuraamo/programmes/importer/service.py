"""`programme_import`: read, validate and write a programme file as one unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from seuraamo.programmes.importer.errors import ProgrammeFileError
from seuraamo.programmes.importer.journal import ImportCounts, Journal
from seuraamo.programmes.importer.loader import read_document
from seuraamo.programmes.importer.validation import validate_document
from seuraamo.programmes.importer.writer import ProgrammeWriter

ACTOR_DESCRIPTION = "import_programme {file}"


@dataclass(frozen=True)
class ImportSummary:
    programme_key: str
    counts: ImportCounts
    plan: list[str]


class _DryRunRollbackError(Exception):
    """Raised inside the transaction to roll a dry run back."""


def programme_import(
    *,
    path: Path,
    file: str | None = None,
    delete_missing: bool = False,
    dry_run: bool = False,
) -> ImportSummary:
    """Import the programme file at `path`, or raise ProgrammeFileError listing every problem.

    `file` is the name used in messages and the audit trail (the path as the user typed it).
    Validation runs inside the same transaction as the writes: its database checks (keys used
    by other programmes) then see exactly the state the writer changes. Rows the file no longer
    contains are deleted only with `delete_missing`; `dry_run` computes the plan and rolls back.
    """
    file = file if file is not None else str(path)
    document = read_document(path=path, file=file)
    journal = Journal(actor_description=ACTOR_DESCRIPTION.format(file=file))
    try:
        with transaction.atomic():
            problems = validate_document(document)
            if problems:
                raise ProgrammeFileError(file, problems)
            writer = ProgrammeWriter(
                document=document, file=file, journal=journal, delete_missing=delete_missing
            )
            programme = writer.write()
            journal.save()
            if dry_run:
                raise _DryRunRollbackError
    except _DryRunRollbackError:
        pass
    return ImportSummary(programme_key=programme.key, counts=journal.counts(), plan=journal.plan())
