"""Build the offline snapshot from the data collection (a developer tool, not used at run time).

`seuraamo build_statistics_snapshot DIR` reads the real Statistics Finland files in DIR (the
project's shared ``data/statfin`` folder), copies the verbatim PxWeb json files and ``areas.csv``
as they are, and converts the two long history CSVs into json-stat 2.0 (gzip): the same cells,
a third of the size, and parsed in milliseconds instead of seconds. Every converted file is read
back with the PxWeb library and compared cell by cell with its source before it is kept.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seuraamo.official_stats.pxweb import Cube, Role, parse_jsonstat, read_csv_long

SNAPSHOT_DIR = Path(__file__).resolve().parent / "snapshot"

#: Files copied verbatim.
VERBATIM = (
    "areas.csv",
    "12r5_2026M06_all-areas.pxweb-json.json",
    "11ra_2025_key-figures.pxweb-json.json",
    "121w_2025_population-change.pxweb-json.json",
    "135z_2026M06_lfs-national.pxweb-json.json",
)
#: Long CSVs converted to json-stat 2.0: source name -> (target name, table id, provenance).
CONVERTED = {
    "12r5_history_2006M01-2023M10.csv.gz": (
        "12r5_history_2006M01-2023M10.json-stat2.json.gz",
        "12r5",
        "Values fetched from the StatFin API with the R pxweb client and published as "
        "data/tyonv_12r5.rda in the public repository pttry/kohtaantoindeksit (commit ad33418, "
        "2023-12-05). Converted losslessly from long CSV to json-stat 2.0 for Seuraamo.",
    ),
    "12ti_history_MK08_SSS_2006M01-2023M10.csv.gz": (
        "12ti_history_MK08_SSS_2006M01-2023M10.json-stat2.json.gz",
        "12ti",
        "Values fetched from the StatFin API with the R pxweb client and published as "
        "data/tyonv_12ti.rda in the public repository pttry/kohtaantoindeksit (commit ad33418, "
        "2023-12-05). Converted losslessly from long CSV to json-stat 2.0 for Seuraamo.",
    ),
}
SOURCE = "KEHA-keskus, Työnvälitystilasto"
_JSONSTAT_ROLES = {Role.TIME: "time", Role.CONTENT: "metric", Role.AREA: "geo"}
_DIMENSION_LABELS = {"Alue": "Alue", "timeperiod_m": "Kuukausi", "contentscode": "Tiedot"}


@dataclass(frozen=True)
class BuiltFile:
    name: str
    cells: int
    size: int
    sha256_of_source: str


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cube_to_jsonstat2(
    cube: Cube, *, table_id: str, note: str, source_sha256: str
) -> dict[str, Any]:
    """A json-stat 2.0 dataset with the cube's dimensions, values and statuses."""
    roles: dict[str, list[str]] = {}
    for dimension in cube.dimensions:
        if dimension.role in _JSONSTAT_ROLES:
            roles.setdefault(_JSONSTAT_ROLES[dimension.role], []).append(dimension.id)
    document: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "label": cube.label or table_id,
        "source": SOURCE,
        "note": [note],
        "id": cube.ids,
        "size": cube.shape,
        "role": roles,
        "dimension": {
            d.id: {
                "label": _DIMENSION_LABELS.get(d.id, d.label),
                "category": {"index": list(d.codes)},
            }
            for d in cube.dimensions
        },
        "extension": {"px": {"tableid": table_id}, "source_sha256": source_sha256},
        "value": cube.values,
    }
    if cube.statuses:
        document["status"] = {str(index): symbol for index, symbol in cube.statuses.items()}
    return document


def _same(first: Cube, second: Cube) -> bool:
    return (
        first.ids == second.ids
        and [d.codes for d in first.dimensions] == [d.codes for d in second.dimensions]
        and first.values == second.values
        and first.statuses == second.statuses
    )


def convert(source: Path, target: Path, *, table_id: str, note: str) -> BuiltFile:
    cube = read_csv_long(source)
    digest = sha256(source)
    document = cube_to_jsonstat2(cube, table_id=table_id, note=note, source_sha256=digest)
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packed = gzip.compress(body, compresslevel=9, mtime=0)
    if not _same(cube, parse_jsonstat(gzip.decompress(packed))):
        raise ValueError(f"{source.name}: the json-stat 2.0 form does not read back identically")
    target.write_bytes(packed)
    return BuiltFile(target.name, len(cube), len(packed), digest)


def build_snapshot(source_dir: Path, target_dir: Path = SNAPSHOT_DIR) -> list[BuiltFile]:
    """Copy and convert the snapshot files from ``source_dir`` into ``target_dir``."""
    built = []
    for name in VERBATIM:
        shutil.copyfile(source_dir / name, target_dir / name)
        built.append(
            BuiltFile(name, 0, (target_dir / name).stat().st_size, sha256(source_dir / name))
        )
    for name, (target, table_id, note) in CONVERTED.items():
        built.append(convert(source_dir / name, target_dir / target, table_id=table_id, note=note))
    return built
