"""`seuraamo import_statistics FILE --table ID`: every accepted format, and corrupt files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from seuraamo.official_stats.models import SyncRun

from .conftest import stored

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TABLE = "tyonv/12r5"
EXPECTED = {
    ("MK08", "2026M05", "TYOTTOMATLOPUSSA"): 10210.0,
    ("MK08", "2026M06", "TYOTTOMATLOPUSSA"): 10153.0,
    ("MK08", "2026M06", "TYOTOSUUS"): 14.4,
    ("KU285", "2026M05", "TYOTOSUUS"): None,
    ("KU285", "2026M06", "TYOTOSUUS"): 16.4,
}


def run_import(name: str, *extra: str) -> str:
    out = io.StringIO()
    call_command("import_statistics", str(FIXTURES / name), "--table", TABLE, *extra, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    "name",
    [
        "12r5_excerpt.json-stat2.json",
        "12r5_excerpt.json-stat1.json",
        "12r5_excerpt.pxweb-json.json",
        "12r5_excerpt.pxwebapi2.json",
        "12r5_excerpt.csv",
        "12r5_excerpt.csv.gz",
    ],
)
def test_each_format_imports_the_same_cells(name: str) -> None:
    output = run_import(name)
    assert "8 cells, 8 inserted, 0 changed, 0 unchanged" in output
    rows = stored(TABLE)
    assert len(rows) == 8
    assert {key: rows[key][0] for key in EXPECTED} == EXPECTED


def test_the_same_data_in_another_format_changes_nothing() -> None:
    run_import("12r5_excerpt.json-stat2.json")
    output = run_import("12r5_excerpt.pxweb-json.json")
    assert "0 inserted, 0 changed, 8 unchanged" in output
    # The CSV has no status symbols: the suppressed cell loses its "..." and counts as changed.
    output = run_import("12r5_excerpt.csv")
    assert "0 inserted, 1 changed, 7 unchanged" in output


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "corrupt_value_count.json-stat2.json",
            "'value' has 7 entries but the sizes [2, 2, 2] give 8 cells",
        ),
        ("corrupt_truncated.json", "not valid JSON"),
        ("corrupt_csv.csv", "CSV line 3: value 'fourteen' is not a number"),
    ],
)
def test_a_corrupt_file_is_rejected_with_the_reason_and_nothing_is_written(
    name: str, message: str
) -> None:
    run_import("12r5_excerpt.json-stat2.json")
    before = stored(TABLE)
    runs = SyncRun.objects.count()
    with pytest.raises(CommandError) as caught:
        run_import(name)
    assert message in str(caught.value)
    assert name in str(caught.value) and "nothing was imported" in str(caught.value)
    assert stored(TABLE) == before
    assert SyncRun.objects.count() == runs


def test_a_missing_file_is_a_clear_error() -> None:
    with pytest.raises(CommandError, match="cannot read"):
        run_import("no-such-file.json")


def _damaged(data: bytes) -> list[tuple[str, bytes]]:
    middle = len(data) // 2
    flipped = (
        data[:middle] + bytes(b ^ 0xFF for b in data[middle : middle + 16]) + data[middle + 16 :]
    )
    return [
        ("truncated", data[: len(data) // 2]),
        ("header only", data[:10]),
        ("not gzip", b"this is not gzip at all"),
        ("corrupt middle", flipped),
    ]


@pytest.mark.parametrize("case", ["truncated", "header only", "not gzip", "corrupt middle"])
def test_a_damaged_gz_file_is_a_command_error_and_nothing_is_written(
    tmp_path: Path, case: str
) -> None:
    run_import("12r5_excerpt.json-stat2.json")
    before = stored(TABLE)
    runs = SyncRun.objects.count()
    data = dict(_damaged((FIXTURES / "12r5_excerpt.csv.gz").read_bytes()))[case]
    path = tmp_path / "damaged.csv.gz"
    path.write_bytes(data)
    with pytest.raises(CommandError) as caught:
        call_command("import_statistics", str(path), "--table", TABLE, stdout=io.StringIO())
    assert "damaged.csv.gz" in str(caught.value)
    assert "nothing was imported" in str(caught.value)
    assert stored(TABLE) == before
    assert SyncRun.objects.count() == runs
