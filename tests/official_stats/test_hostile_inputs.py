"""Hostile statistics files and API answers (issue 11 §1): each is refused with one line naming the
file and the cell or field, nothing is stored, and the pages and the API still answer 200.

The documents are constructed here from the 12r5 excerpt fixture; their numbers are not real.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from seuraamo.official_stats.models import Observation, StatTable, SyncRun
from seuraamo.official_stats.pxweb import sizes
from tests.situation.builders import build_situation

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXCERPT = json.loads((FIXTURES / "12r5_excerpt.json-stat2.json").read_text(encoding="utf-8"))
TABLE = "tyonv/12r5"


def excerpt(change: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    document = json.loads(json.dumps(EXCERPT))
    if change:
        change(document)
    return document


def rename(dimension: str, old: str, new: str) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        category = document["dimension"][dimension]["category"]
        category["index"] = {new if k == old else k: v for k, v in category["index"].items()}
        category["label"] = {new if k == old else k: v for k, v in category["label"].items()}

    return change


def set_value(position: int, value: object) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        document["value"][position] = value

    return change


def sparse_declaring(sizes_: list[int]) -> dict[str, Any]:
    """A json-stat 2.0 dataset whose dimensions have ``sizes_`` categories but only two values."""
    ids = ["Alue", "timeperiod_m", "contentscode"]
    codes = [
        [f"KU{n:03d}" for n in range(sizes_[0])],
        [f"{2000 + n // 12}M{n % 12 + 1:02d}" for n in range(sizes_[1])],
        [f"C{n}" for n in range(sizes_[2])],
    ]
    return {
        "version": "2.0",
        "class": "dataset",
        "id": ids,
        "size": sizes_,
        "dimension": {
            dim: {"category": {"index": cats}} for dim, cats in zip(ids, codes, strict=True)
        },
        "role": {"time": ["timeperiod_m"], "geo": ["Alue"], "metric": ["contentscode"]},
        "value": {"0": 1, "1": 2},
    }


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


# name -> (file name, content, words the message must contain)
HOSTILE: dict[str, tuple[str, Callable[[], str | bytes], list[str]]] = {
    "bad period": (
        "bad-period.json",
        lambda: json.dumps(excerpt(rename("timeperiod_m", "2026M06", "bad-period"))),
        ["timeperiod_m", "'bad-period' is not a period like 2026M06"],
    ),
    "month 13": (
        "month13.json",
        lambda: json.dumps(excerpt(rename("timeperiod_m", "2026M06", "2026M13"))),
        ["'2026M13' is not a period"],
    ),
    "quarter in a monthly table": (
        "quarter.json",
        lambda: json.dumps(excerpt(rename("timeperiod_m", "2026M06", "2026Q2"))),
        ["'2026Q2' is a quarter, expected a period like 2026M06"],
    ),
    "Infinity": (
        "infinity.json",
        lambda: json.dumps(excerpt(set_value(2, float("inf")))),
        ["Infinity is not a number JSON allows"],
    ),
    "NaN": (
        "nan.json",
        lambda: json.dumps(excerpt(set_value(2, float("nan")))),
        ["NaN is not a number JSON allows"],
    ),
    "1e999": (
        "overflowing-float.json",
        lambda: json.dumps(excerpt(set_value(2, 0))).replace('"value": [10210', '"value": [1e999'),
        [
            "cell (Alue=MK08, timeperiod_m=2026M05, contentscode=TYOTTOMATLOPUSSA)",
            "is not a finite number",
        ],
    ),
    "integer above 2^63": (
        "big-integer.json",
        lambda: json.dumps(excerpt(set_value(2, 2**63 + 1))),
        ["cell (Alue=MK08, timeperiod_m=2026M06, contentscode=TYOTTOMATLOPUSSA)", "out of range"],
    ),
    "huge declared sparse size": (
        "sparse.json",
        lambda: json.dumps(sparse_declaring([1000, 200, 500])),
        ["declare 100000000 cells"],
    ),
    "declared 3000 cubed": (
        "cube3000.json",
        lambda: json.dumps({**sparse_declaring([3000, 3000, 3000]), "value": []}),
        ["declare 27000000000 cells", "at most 10000000"],
    ),
    "deep nesting": (
        "deep.json",
        lambda: '{"a": ' + "[" * 200_000 + "]" * 200_000 + "}",
        ["nested more deeply than the parser allows"],
    ),
    "control character in an area code": (
        "control.json",
        lambda: json.dumps(excerpt(rename("Alue", "KU285", "KU285\n<script>"))),
        ["dimension 'Alue'", "holds a control character"],
    ),
    "control character in a CSV": (
        "control.csv",
        lambda: "Alue,timeperiod_m,contentscode,value\nKU\x1b285,2026M06,TYOTTOMATLOPUSSA,1\n",
        ["dimension 'Alue'", "'KU\\x1b285' holds a control character"],
    ),
    "a period in 2099": (
        "2099.json",
        lambda: json.dumps(excerpt(rename("timeperiod_m", "2026M06", "2099M12"))),
        ["period 2099M12 begins more than a year from today"],
    ),
    "overlong code": (
        "long-code.json",
        lambda: json.dumps(excerpt(rename("Alue", "KU285", "K" * 300))),
        ["is longer than 20 characters"],
    ),
}


def everything() -> tuple[dict[tuple[str, str, str, str], tuple[float | None, str]], list, int]:
    rows = {
        (o.table.table_id, o.area_code, o.period, o.content_code): (o.value, o.status)
        for o in Observation.objects.select_related("table")
    }
    return (
        rows,
        sorted(StatTable.objects.values_list("table_id", flat=True)),
        SyncRun.objects.count(),
    )


def assert_pages_answer(client: Any) -> None:
    for url in (
        "/fi/situation/",
        "/sv/situation/review/",
        "/en/situation/data/timeseries.csv",
        "/api/observations?table=tyonv/12r5&area=MK08",
        "/api/observations?table=tyonv/12r5&format=jsonstat2&area=MK08",
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_file_is_refused_in_one_line_and_nothing_is_stored(
    client: Any, tmp_path: Path, case: str
) -> None:
    build_situation()
    before = everything()
    name, content, words = HOSTILE[case]
    path = write(tmp_path, name, content())
    with pytest.raises(CommandError) as caught:
        call_command("import_statistics", str(path), "--table", TABLE, stdout=io.StringIO())
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path)) and message.endswith("nothing was imported")
    for word in words:
        assert word in message
    assert everything() == before
    assert_pages_answer(client)


def test_nan_never_overwrites_a_stored_figure(tmp_path: Path) -> None:
    call_command(
        "import_statistics", str(FIXTURES / "12r5_excerpt.json-stat2.json"), "--table", TABLE,
        stdout=io.StringIO(),
    )  # fmt: skip
    path = write(tmp_path, "nan.json", json.dumps(excerpt(set_value(2, float("nan")))))
    with pytest.raises(CommandError):
        call_command("import_statistics", str(path), "--table", TABLE, stdout=io.StringIO())
    kept = Observation.objects.get(
        area_code="MK08", period="2026M06", content_code="TYOTTOMATLOPUSSA"
    )
    assert kept.value == 10153


def test_a_gzip_bomb_stops_at_the_cap(tmp_path: Path) -> None:
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = b" " * (4 * 2**20)
    parts = [compressor.compress(block) for _ in range(sizes.MAX_DOCUMENT_BYTES // len(block) + 2)]
    bomb = b"".join(parts) + compressor.flush()
    assert len(bomb) < 2**20  # well under a megabyte on disk
    path = write(tmp_path, "bomb.json.gz", bomb)
    with pytest.raises(
        CommandError, match=r"bomb\.json\.gz: the file expands to more than 128 MiB"
    ):
        call_command("import_statistics", str(path), "--table", TABLE, stdout=io.StringIO())
    assert not Observation.objects.exists() and not StatTable.objects.exists()


def test_a_normal_gzip_file_still_reads(tmp_path: Path) -> None:
    path = write(tmp_path, "ok.json.gz", gzip.compress(json.dumps(excerpt()).encode()))
    call_command("import_statistics", str(path), "--table", "12r5", stdout=io.StringIO())
    assert Observation.objects.filter(table__table_id=TABLE).count() == 8


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ("tyonv/12r6", ["unknown table 'tyonv/12r6'", "known tables: tyonv/12r5, tyonv/12ti"]),
        ("", ["the table id is empty", "known tables:"]),
        ("x" * 500, ["longer than 50 characters"]),
        ("=cmd|' /C calc'!A0", ["is not a table id like tyonv/12r5"]),
        ("../12r5", ["is not a table id"]),
    ],
)
def test_a_bad_table_id_is_refused_and_no_table_is_created(table: str, words: list[str]) -> None:
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_statistics", str(FIXTURES / "12r5_excerpt.json-stat2.json"), "--table", table,
            stdout=io.StringIO(),
        )  # fmt: skip
    message = str(caught.value)
    assert "\n" not in message and message.startswith("--table: ")
    for word in words:
        assert word in message
    assert not StatTable.objects.exists()


def test_a_new_table_is_created_only_when_asked(tmp_path: Path) -> None:
    source = str(FIXTURES / "12r5_excerpt.json-stat2.json")
    with pytest.raises(CommandError, match="--new-table creates a new table"):
        call_command("import_statistics", source, "--table", "test/copy", stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_statistics", source, "--table", "test/copy", "--new-table", stdout=out)
    assert out.getvalue().startswith("test/copy: 8 cells, 8 inserted")
    # Once stored, the table is known: its short id resolves without --new-table.
    call_command("import_statistics", source, "--table", "copy", stdout=out)
    assert "test/copy: 8 cells, 0 inserted, 0 changed, 8 unchanged" in out.getvalue()


def test_an_unknown_sync_table_lists_the_tracked_ids_and_a_short_id_resolves() -> None:
    with pytest.raises(CommandError) as caught:
        call_command("sync_statistics", "--table", "12r6", stdout=io.StringIO())
    assert str(caught.value) == (
        "--table: unknown table '12r6'; known tables: tyonv/12r5, tyonv/12ti, tyti/135z, "
        "tyti/13lx, vaerak/11ra"
    )
    with pytest.raises(CommandError, match=r"--since: '2026-06' is not a period like"):
        call_command("sync_statistics", "--since", "2026-06", stdout=io.StringIO())


def test_a_live_answer_with_infinity_is_refused_and_the_failure_recorded(fake_pxweb) -> None:
    from fakepxweb import make_12r5_table

    server = fake_pxweb(make_12r5_table(3, start="2026M01", cell=lambda positions: float("inf")))
    with pytest.raises(CommandError) as caught:
        call_command(
            "sync_statistics", "--base-url", server.base_url, "--table", "12r5",
            stdout=io.StringIO(),
        )  # fmt: skip
    assert "\n" not in str(caught.value)
    assert "tyonv/12r5" in str(caught.value) and "Infinity" in str(caught.value)
    assert not Observation.objects.exists()
    failure = SyncRun.objects.get()
    assert "Infinity" in failure.error and failure.inserted == 0
