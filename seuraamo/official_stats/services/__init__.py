"""Writes to the official statistics: areas, the snapshot, imports and syncs (one ingest path)."""

from __future__ import annotations

from seuraamo.official_stats.services.areas import AreaCounts, load_areas
from seuraamo.official_stats.services.ingest import (
    IngestCounts,
    ingest_cube,
    ingest_cubes,
    record_failure,
)
from seuraamo.official_stats.services.revert import RevertError, RevertResult, revert_run
from seuraamo.official_stats.services.snapshot import SnapshotResult, load_snapshot

__all__ = [
    "AreaCounts",
    "IngestCounts",
    "RevertError",
    "RevertResult",
    "SnapshotResult",
    "ingest_cube",
    "ingest_cubes",
    "load_areas",
    "load_snapshot",
    "record_failure",
    "revert_run",
]
