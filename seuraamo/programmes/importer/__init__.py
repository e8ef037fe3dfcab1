"""The programme file importer: loader (YAML with line numbers) → schema and semantic validation
→ writer (idempotent upsert with audit events), all behind `programme_import`."""

from __future__ import annotations

from seuraamo.programmes.importer.errors import Problem, ProgrammeFileError
from seuraamo.programmes.importer.journal import ImportCounts
from seuraamo.programmes.importer.service import ImportSummary, programme_import

__all__ = ["ImportCounts", "ImportSummary", "Problem", "ProgrammeFileError", "programme_import"]
