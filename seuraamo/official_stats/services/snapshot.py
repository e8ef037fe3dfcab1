"""The offline snapshot: real Statistics Finland data shipped inside the package (see its README).

`seuraamo load_statistics_snapshot` loads it through the same ingest path as every sync. Loading
is idempotent: a second run finds every cell already stored and writes nothing (no observation,
no revision, no sync run). Once a table has been synced from the API, the snapshot only fills
gaps and never replaces the newer values the API gave.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from seuraamo.official_stats.derived import period_key, shift_period
from seuraamo.official_stats.models import SyncRun
from seuraamo.official_stats.pxweb import (
    Cube,
    Role,
    parse_jsonstat,
    parse_pxweb_json,
    read_csv_long,
)
from seuraamo.official_stats.services.areas import AreaCounts, load_areas
from seuraamo.official_stats.services.ingest import ingest_cubes
from seuraamo.official_stats.services.tables import apply_table_description, ensure_table

SNAPSHOT_DIR = Path(__file__).resolve().parent.parent / "snapshot"
TABLES_JSON = SNAPSHOT_DIR / "tables.json"


@dataclass
class SnapshotResult:
    """What a snapshot load did: areas, and one (possibly unsaved) SyncRun per table."""

    areas: AreaCounts
    runs: list[SyncRun] = field(default_factory=list)

    @property
    def written(self) -> int:
        return self.areas.written + sum(run.inserted + run.changed for run in self.runs)


def snapshot_description(path: Path = TABLES_JSON) -> dict[str, Any]:
    """The snapshot's ``tables.json``: table titles, content labels, files, attribution."""
    description: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))  # the repo's file
    return description


def read_snapshot_file(path: Path, file_format: str) -> Cube:
    """Parse one snapshot file with the PxWeb library."""
    if file_format == "json-stat2-gz":
        return parse_jsonstat(gzip.decompress(path.read_bytes()))
    if file_format == "csv-long":
        return read_csv_long(path)
    if file_format == "pxweb-json":
        return parse_pxweb_json(path.read_text(encoding="utf-8"))
    raise ValueError(f"{path.name}: unknown snapshot format {file_format!r}")


def _latest_period(cube: Cube) -> str:
    time = cube.dimension_for(Role.TIME)
    if time is None or not time.codes:
        raise ValueError("snapshot file has no time variable")
    return max(time.codes, key=period_key)


def load_table_files(
    *,
    table_id: str,
    files: Sequence[Mapping[str, Any]],
    directory: Path = SNAPSHOT_DIR,
    full_history: bool = False,
) -> SyncRun:
    """Ingest a table's snapshot files in one transaction.

    A file entry with ``recent_months`` (12ti) loads only that many latest months unless
    ``full_history``. Returns the SyncRun, unsaved when nothing needed writing.
    """
    table = ensure_table(table_id)
    cubes = []
    periods_from = None
    for entry in files:
        cube = read_snapshot_file(directory / entry["file"], entry["format"])
        if entry.get("recent_months") and not full_history:
            periods_from = shift_period(_latest_period(cube), 1 - int(entry["recent_months"]))
        cubes.append(cube)
    return ingest_cubes(
        table_id=table_id,
        cubes=cubes,
        source="snapshot: " + ", ".join(entry["file"] for entry in files),
        overwrite=table.last_synced_at is None,
        periods_from=periods_from,
        record_unchanged=False,
    )


@transaction.atomic
def load_snapshot(
    *,
    full_occupation_history: bool = False,
    table_ids: Sequence[str] | None = None,
    directory: Path = SNAPSHOT_DIR,
) -> SnapshotResult:
    """Load the areas and every table of the snapshot (or only ``table_ids``); idempotent.

    tyonv/12ti is loaded for its latest 25 months unless ``full_occupation_history``.
    """
    description = snapshot_description(directory / "tables.json")
    result = SnapshotResult(areas=load_areas())
    for entry in description["tables"]:
        if table_ids is not None and entry["table_id"] not in table_ids:
            continue
        table = ensure_table(entry["table_id"])
        apply_table_description(table, entry)
        result.runs.append(
            load_table_files(
                table_id=entry["table_id"],
                files=entry["files"],
                directory=directory,
                full_history=full_occupation_history,
            )
        )
    return result
