"""PxWeb ``json`` answers (real StatFin fixtures) and long CSV."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import pytest

from seuraamo.official_stats.pxweb import (
    JsonStatError,
    Role,
    TableMetadata,
    Variable,
    parse_any,
    parse_pxweb_json,
    read_csv_long,
)
from seuraamo.official_stats.pxweb.csvlong import parse_csv_long

from .conftest import FIXTURES

Read = Callable[[str], str]
KYMENLAAKSO_12R5 = "12r5_2026M06_kymenlaakso.pxweb-json.json"


def test_12r5_mk08_values(fixture_text: Read) -> None:
    cube = parse_pxweb_json(fixture_text(KYMENLAAKSO_12R5))
    assert cube.ids == ["Alue", "timeperiod_m", "contentscode"]
    assert [d.role for d in cube.dimensions] == [Role.AREA, Role.TIME, Role.CONTENT]
    mk08 = {"Alue": "MK08", "timeperiod_m": "2026M06"}
    assert cube.value({**mk08, "contentscode": "TYOTTOMATLOPUSSA"}) == 10153
    assert cube.value({**mk08, "contentscode": "TYOTOSUUS"}) == 14.4
    assert cube.value({**mk08, "contentscode": "TYOVOIMATK"}) == 70664
    assert cube.value({"area": "SSS", "content": "TYOTTOMATLOPUSSA"}) == 352001


def test_12r5_suppressed_cells_are_none_with_status(fixture_text: Read) -> None:
    cube = parse_pxweb_json(fixture_text(KYMENLAAKSO_12R5))
    vacancies = {"area": "KU489", "time": "2026M06", "content": "AVPAIKATLOPUSSA"}
    assert cube.value(vacancies) is None
    assert cube.status(vacancies) == "..."
    virolahti_new = {"area": "KU935", "time": "2026M06", "content": "UUDETAVP"}
    assert cube.cell(virolahti_new).value is None
    assert cube.cell(virolahti_new).status == "..."
    zero = {"area": "KU935", "time": "2026M06", "content": "AVPAIKATLOPUSSA"}
    assert cube.value(zero) == 0
    assert cube.status(zero) is None
    missing = [c for c in cube.iter_cells() if c.value is None]
    assert missing and all(c.status == "..." for c in missing)


def test_12r5_labels_comments_and_updated(fixture_text: Read) -> None:
    cube = parse_pxweb_json(fixture_text(KYMENLAAKSO_12R5))
    content = cube.dimension("content")
    assert content.labels["TYOTOSUUS"] == "Työttömien työnhakijoiden %-osuus työvoimasta (%)"
    assert "kaksi vuotta vanha" in content.notes["TYOVOIMATK"]
    assert cube.updated == "2026-07-21T05:00:00Z"
    assert cube.source == "KEHA-keskus, Työnvälitystilasto"


def test_12r5_role_cells(fixture_text: Read) -> None:
    cube = parse_pxweb_json(fixture_text(KYMENLAAKSO_12R5))
    cells = {(c.area, c.content): c for c in cube.iter_role_cells()}
    assert cells["KU285", "TYOTTOMATLOPUSSA"].value == 3715
    assert cells["KU285", "TYOTTOMATLOPUSSA"].time == "2026M06"
    assert cells["KU285", "TYOTTOMATLOPUSSA"].others == ()
    assert len(cells) == 13 * 23
    assert len(list(cube.iter_cells(skip_missing=True))) < len(cube)


def test_12r5_with_metadata_gives_labels_and_old_content_code(fixture_text: Read) -> None:
    codes = ["SSS", "MK08", "KU285"]
    metadata = TableMetadata(
        table_id="tyonv/12r5",
        title="12r5",
        lang="fi",
        variables=[
            Variable("Alue", "Alue", codes, ["KOKO MAA", "Kymenlaakso", "Kotka"]),
            Variable(
                "timeperiod_m", "Kuukausi", ["2026M06"], ["2026M06"], time=True, role=Role.TIME
            ),
            Variable("Tiedot", "Tiedot", ["TYOTTOMATLOPUSSA"], ["Työttömät"], role=Role.CONTENT),
        ],
    )
    metadata.variables[0].role = Role.AREA
    cube = parse_pxweb_json(fixture_text(KYMENLAAKSO_12R5), metadata=metadata)
    assert cube.ids[-1] == "Tiedot"
    assert cube.dimension("Alue").codes[:3] == ["SSS", "KU075", "KU285"]
    assert cube.dimension("Alue").category_label("MK08") == "Kymenlaakso"
    assert cube.dimension("Alue").lang == "fi"


def test_135z_lfs_national(fixture_text: Read) -> None:
    cube = parse_any(fixture_text("135z_2026M06_lfs-national.pxweb-json.json"))
    assert cube.ids == ["timeperiod_m", "contentscode"]
    assert cube.value({"time": "2026M06", "content": "tyti-Tyottomyysaste"}) == 10.0
    assert cube.value({"time": "2026M06", "content": "Tyollisyysaste_15_64"}) == 73.1
    assert cube.value({"time": "2026M06", "content": "tyti-Tyolliset"}) == 2658
    assert cube.dimension("content").size == 21


def pxweb_json(rows: list[dict], columns: list[dict] | None = None) -> str:
    columns = columns or [
        {"code": "Alue", "text": "Alue", "type": "d"},
        {"code": "A", "text": "a", "type": "c"},
        {"code": "B", "text": "b", "type": "c"},
    ]
    return json.dumps({"columns": columns, "comments": [], "data": rows, "metadata": []})


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [{"key": ["X", "Y"], "values": ["1", "2"]}],
            "PxWeb json: data[0].key has 2 codes but there are 1 dimension columns",
        ),
        (
            [{"key": ["X"], "values": ["1"]}],
            "PxWeb json: data[0].values has 1 entries but there are 2 content columns",
        ),
        (
            [{"key": ["X"], "values": ["1", "abc"]}],
            "PxWeb json: data[0].values[1] is not a number: 'abc'",
        ),
        (
            [{"key": ["X"], "values": ["1", "2"]}, {"key": ["X"], "values": ["1", "2"]}],
            "PxWeb json: data[1] repeats the key ['X']",
        ),
    ],
)
def test_pxweb_json_errors(rows: list[dict], message: str) -> None:
    with pytest.raises(JsonStatError) as caught:
        parse_pxweb_json(pxweb_json(rows))
    assert str(caught.value) == message


def test_pxweb_json_column_errors() -> None:
    with pytest.raises(JsonStatError, match=r"columns\[0\] \('Alue'\) has type 'x'"):
        parse_pxweb_json(pxweb_json([], [{"code": "Alue", "type": "x"}]))
    with pytest.raises(JsonStatError, match=r"no content \('c'\) column"):
        parse_pxweb_json(pxweb_json([], [{"code": "Alue", "type": "d"}]))
    with pytest.raises(JsonStatError, match="'columns' and 'data' must both be lists"):
        parse_pxweb_json({"columns": {}, "data": []})


def test_pxweb_json_absent_rows_stay_missing() -> None:
    cube = parse_pxweb_json(
        pxweb_json([{"key": ["X"], "values": ["1", ".."]}, {"key": ["Y"], "values": ["", "-"]}])
    )
    assert cube.values == [1, None, None, None]
    assert cube.statuses == {1: "..", 3: "-"}


# -- CSV ---------------------------------------------------------------------------------------


def test_csv_history_excerpt() -> None:
    cube = read_csv_long(FIXTURES / "12r5_history_2021_excerpt.csv")
    assert cube.ids == ["Alue", "timeperiod_m", "contentscode"]
    assert [d.role for d in cube.dimensions] == [Role.AREA, Role.TIME, Role.CONTENT]
    assert cube.value({"area": "MK08", "time": "2021M06", "content": "TYOTTOMATLOPUSSA"}) == 9334
    empty = {"area": "KU489", "time": "2021M02", "content": "AVPAIKATLOPUSSA"}
    assert cube.value(empty) is None
    assert cube.status(empty) is None
    assert cube.dimension("time").codes[0] == "2021M01"


def test_csv_gz_path(tmp_path) -> None:
    import gzip

    path = tmp_path / "cells.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write("Alue,timeperiod_m,contentscode,value\nSSS,2020M01,X,5\n")
    assert read_csv_long(path).values == [5]


def test_csv_status_column_and_symbols() -> None:
    cube = parse_csv_long("Alue,value,status\nSSS,...,\nMK08,3,p\nKU285,,\n")
    assert cube.values == [None, 3, None]
    assert cube.statuses == {0: "...", 1: "p"}


def test_csv_absent_combinations_are_missing() -> None:
    cube = parse_csv_long("Alue,Vuosi,value\nSSS,2020,1\nMK08,2021,2\n")
    assert cube.shape == [2, 2]
    assert cube.values == [1, None, None, 2]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "CSV line 1: no header"),
        ("Alue,arvo\nSSS,1\n", "CSV line 1: no 'value' column in header ['Alue', 'arvo']"),
        ("Alue,value\nSSS,1\nMK08\n", "CSV line 3: expected 2 fields, got 1"),
        ("Alue,value\nSSS,1\nMK08,1,5\n", "CSV line 3: expected 2 fields, got 3"),
        ("Alue,value\nSSS,1\nMK08,12x\n", "CSV line 3: value '12x' is not a number"),
        (
            "Alue,Vuosi,value\nSSS,2020,1\nMK08,2020,2\nSSS,2020,3\n",
            "CSV line 4: repeats the cell (SSS, 2020) first given on line 2",
        ),
    ],
)
def test_csv_errors(text: str, message: str) -> None:
    with pytest.raises(JsonStatError) as caught:
        read_csv_long(io.StringIO(text))
    assert str(caught.value) == message


def test_parse_any_detects_csv_text() -> None:
    assert parse_any("Alue,value\nSSS,1\n").values == [1]
