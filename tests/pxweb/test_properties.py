"""Property tests: random cubes written in every supported shape parse back to the same cells."""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
from dataclasses import dataclass
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from seuraamo.official_stats.pxweb import parse_any, parse_jsonstat, parse_pxweb_json
from seuraamo.official_stats.pxweb.csvlong import parse_csv_long
from seuraamo.official_stats.pxweb.plan import merge_cubes

SYMBOLS = ["...", "..", ".", "-"]


@dataclass
class RandomCube:
    ids: list[str]
    codes: list[list[str]]
    values: list[int | float | None]
    statuses: dict[int, str]

    @property
    def sizes(self) -> list[int]:
        return [len(c) for c in self.codes]

    def cells(self) -> list[tuple[tuple[str, ...], Any, str | None]]:
        coords = itertools.product(*self.codes)
        return [
            (c, v, self.statuses.get(n))
            for n, (c, v) in enumerate(zip(coords, self.values, strict=True))
        ]


code_text = st.text(alphabet="ABCKMSU0123456789_-", min_size=1, max_size=6)
number = st.one_of(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
)


@st.composite
def random_cubes(draw: st.DrawFn) -> RandomCube:
    count = draw(st.integers(min_value=1, max_value=4))
    ids = [f"dim{n}" for n in range(count)]
    codes = [draw(st.lists(code_text, min_size=1, max_size=5, unique=True)) for _ in ids]
    cells = math.prod(len(c) for c in codes)
    values = draw(st.lists(st.one_of(st.none(), number), min_size=cells, max_size=cells))
    statuses = {}
    for n, value in enumerate(values):
        if value is None and draw(st.booleans()):
            statuses[n] = draw(st.sampled_from(SYMBOLS))
    return RandomCube(ids, codes, values, statuses)


def jsonstat2(cube: RandomCube, *, sparse: bool, array_index: bool, status_form: str) -> str:
    dimension = {}
    for dim_id, codes in zip(cube.ids, cube.codes, strict=True):
        if array_index:
            index: Any = list(codes)
        else:
            index = {code: n for n, code in reversed(list(enumerate(codes)))}
        category: dict[str, Any] = {"index": index, "label": {c: f"L{c}" for c in codes}}
        if len(codes) == 1 and array_index:
            del category["index"]
        dimension[dim_id] = {"label": dim_id, "category": category}
    if sparse:
        value: Any = {str(n): v for n, v in enumerate(cube.values) if v is not None}
    else:
        value = cube.values
    document: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "id": cube.ids,
        "size": cube.sizes,
        "dimension": dimension,
        "value": value,
    }
    if cube.statuses:
        if status_form == "array":
            document["status"] = [cube.statuses.get(n) for n in range(len(cube.values))]
        else:
            document["status"] = {str(n): s for n, s in cube.statuses.items()}
    return json.dumps(document)


def as_text(value: int | float | None) -> str:
    return "" if value is None else repr(value)


@settings(max_examples=150, deadline=None)
@given(
    random_cubes(),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["array", "object"]),
)
def test_jsonstat2_round_trip(
    cube: RandomCube, sparse: bool, array_index: bool, status_form: str
) -> None:
    text = jsonstat2(cube, sparse=sparse, array_index=array_index, status_form=status_form)
    parsed = parse_jsonstat(text)
    assert parsed.ids == cube.ids
    assert [d.codes for d in parsed.dimensions] == cube.codes
    assert list(parsed.iter_cells()) == cube.cells()
    assert parse_any(text).values == parsed.values


@settings(max_examples=80, deadline=None)
@given(random_cubes())
def test_jsonstat1_wrapper_round_trip(cube: RandomCube) -> None:
    two = json.loads(jsonstat2(cube, sparse=False, array_index=False, status_form="object"))
    dimension = dict(two["dimension"], id=two["id"], size=two["size"])
    wrapped = {
        "dataset": {"dimension": dimension, "value": two["value"], "status": two.get("status")}
    }
    assert list(parse_jsonstat(json.dumps(wrapped)).iter_cells()) == cube.cells()


@settings(max_examples=80, deadline=None)
@given(random_cubes())
def test_pxweb_json_round_trip(cube: RandomCube) -> None:
    *key_ids, content_id = cube.ids
    *key_codes, content_codes = cube.codes
    columns = [{"code": i, "text": i, "type": "d"} for i in key_ids]
    columns += [{"code": c, "text": c, "type": "c"} for c in content_codes]
    width = len(content_codes)
    rows = []
    for row, key in enumerate(itertools.product(*key_codes)):
        texts = []
        for n in range(row * width, (row + 1) * width):
            texts.append(cube.statuses.get(n) or as_text(cube.values[n]))
        rows.append({"key": list(key), "values": texts})
    parsed = parse_pxweb_json({"columns": columns, "data": rows}, content_id=content_id)
    assert list(parsed.iter_cells()) == cube.cells()


@settings(max_examples=80, deadline=None)
@given(random_cubes())
def test_csv_round_trip(cube: RandomCube) -> None:
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow([*cube.ids, "value", "status"])
    for coords, value, status in cube.cells():
        writer.writerow([*coords, as_text(value), status or ""])
    parsed = parse_csv_long(stream.getvalue())
    assert list(parsed.iter_cells()) == cube.cells()


@settings(max_examples=60, deadline=None)
@given(random_cubes(), st.data())
def test_merge_of_pieces_equals_whole(cube: RandomCube, data: st.DataObject) -> None:
    whole = parse_jsonstat(jsonstat2(cube, sparse=False, array_index=True, status_form="object"))
    axis = data.draw(st.integers(min_value=0, max_value=len(cube.ids) - 1))
    cut = data.draw(st.integers(min_value=0, max_value=len(cube.codes[axis])))
    pieces = []
    for part in (cube.codes[axis][:cut], cube.codes[axis][cut:]):
        if not part:
            continue
        keep = [cube.codes[axis].index(code) for code in part]
        codes = [list(c) for c in cube.codes]
        codes[axis] = part
        values, statuses = [], {}
        for coords in itertools.product(*[range(len(c)) for c in codes]):
            source = list(coords)
            source[axis] = keep[coords[axis]]
            flat = whole.index([cube.codes[n][p] for n, p in enumerate(source)])
            if flat in whole.statuses:
                statuses[len(values)] = whole.statuses[flat]
            values.append(whole.values[flat])
        piece = RandomCube(cube.ids, codes, values, statuses)
        pieces.append(
            parse_jsonstat(jsonstat2(piece, sparse=True, array_index=False, status_form="object"))
        )
    merged = merge_cubes(
        list(reversed(pieces)), {i: c for i, c in zip(cube.ids, cube.codes, strict=True)}
    )
    assert list(merged.iter_cells()) == cube.cells()
