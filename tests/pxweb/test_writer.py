"""The json-stat 2.0 writer and the parser agree: what is written reads back as the same cube,
suppressed cells with their status, in the dense and the sparse form. The figures are
constructed for the test, not published ones."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seuraamo.official_stats.pxweb import Role, parse_jsonstat
from seuraamo.official_stats.pxweb.writer import OutCell, OutDimension, OutUnit, write_jsonstat

CONTENT = OutDimension(
    "content",
    "Content",
    (("TYOTTOMAT", "Unemployed"), ("share", "Unemployment share")),
    role="metric",
    units={"TYOTTOMAT": OutUnit("persons", 0), "share": OutUnit("percent", 1, "%", "end")},
)
AREA = OutDimension("area", "Area", (("MK08", "Kymenlaakso"), ("KU285", "Kotka")), role="geo")
MONTH = OutDimension(
    "period", "Month", (("2026M05", "May 2026"), ("2026M06", "June 2026")), role="time"
)


def read_back(dataset: dict) -> object:
    # Through text, as a client gets it.
    return parse_jsonstat(json.dumps(dataset))


def test_a_dense_dataset_reads_back_with_suppressed_cells_and_their_status() -> None:
    cells = {
        ("TYOTTOMAT", "MK08", "2026M05"): OutCell(11480),
        ("TYOTTOMAT", "MK08", "2026M06"): OutCell(11702),
        ("TYOTTOMAT", "KU285", "2026M05"): OutCell(None, "..."),
        ("TYOTTOMAT", "KU285", "2026M06"): OutCell(4101),
        ("share", "MK08", "2026M05"): OutCell(12.9),
        ("share", "MK08", "2026M06"): OutCell(13.1),
        ("share", "KU285", "2026M05"): OutCell(None, "..."),
        ("share", "KU285", "2026M06"): OutCell(14.8),
    }
    dataset = write_jsonstat(
        [CONTENT, AREA, MONTH],
        cells,
        label="Unemployed jobseekers",
        source="KEHA-keskus",
        updated="2026-07-21",
        extension={"licence": "CC BY 4.0"},
    )
    assert isinstance(dataset["value"], list)
    cube = read_back(dataset)

    for key, cell in cells.items():
        assert cube.value(key) == cell.value
        assert cube.status(key) == (cell.status or None)
    assert cube.value(("TYOTTOMAT", "KU285", "2026M05")) is None  # missing, never zero
    assert [d.id for d in cube.dimensions] == ["content", "area", "period"]
    assert cube.dimension("area").category_label("KU285") == "Kotka"
    assert cube.dimension("period").label == "Month"
    assert cube.dimension_for(Role.TIME).id == "period"
    assert cube.dimension_for(Role.AREA).id == "area"
    assert cube.dimension_for(Role.CONTENT).id == "content"
    share = cube.dimension("content").units["share"]
    assert (share.label, share.decimals) == ("percent", 1)
    assert (cube.label, cube.source, cube.updated) == (
        "Unemployed jobseekers",
        "KEHA-keskus",
        "2026-07-21",
    )
    assert cube.extension["licence"] == "CC BY 4.0"


def test_a_mostly_empty_dataset_is_written_sparse_and_reads_back() -> None:
    many_months = OutDimension(
        "period", "Month", tuple((f"2025M{m:02d}", f"{m}/2025") for m in range(1, 13)), role="time"
    )
    cells = {
        ("share", "KU285", "2025M03"): OutCell(14.2),
        ("TYOTTOMAT", "MK08", "2025M12"): OutCell(None, "..."),
    }
    dataset = write_jsonstat([CONTENT, AREA, many_months], cells, label="Sparse")
    assert isinstance(dataset["value"], dict) and len(dataset["value"]) == 2
    cube = read_back(dataset)
    assert len(cube) == 2 * 2 * 12
    assert cube.value(("share", "KU285", "2025M03")) == 14.2
    assert cube.value(("TYOTTOMAT", "MK08", "2025M12")) is None
    assert cube.status(("TYOTTOMAT", "MK08", "2025M12")) == "..."
    # A cell that was not written is missing, not zero, and has no status.
    assert cube.value(("share", "MK08", "2025M01")) is None
    assert cube.status(("share", "MK08", "2025M01")) is None


def test_a_cell_naming_an_unknown_code_is_refused_naming_the_dimension() -> None:
    with pytest.raises(ValueError, match="'KU999', not a category of dimension 'area'"):
        write_jsonstat(
            [CONTENT, AREA, MONTH], {("share", "KU999", "2026M05"): OutCell(1.0)}, label="x"
        )


def test_a_dimension_repeating_a_code_is_refused() -> None:
    twice = OutDimension("area", "Area", (("MK08", "a"), ("MK08", "b")))
    with pytest.raises(ValueError, match="dimension 'area' repeats a code"):
        write_jsonstat([twice], {}, label="x")


values = st.one_of(
    st.none(),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)


@given(
    st.lists(st.tuples(values, st.sampled_from(["", "...", "..", "-"])), min_size=8, max_size=8),
    st.lists(st.booleans(), min_size=8, max_size=8),
)
def test_any_written_cube_reads_back_cell_for_cell(cells: list, present: list[bool]) -> None:
    keys = [(c, a, m) for c, _ in CONTENT.categories for a, _ in AREA.categories
            for m, _ in MONTH.categories]  # fmt: skip
    written = {
        key: OutCell(value, status)
        for key, (value, status), keep in zip(keys, cells, present, strict=True)
        if keep
    }
    cube = read_back(write_jsonstat([CONTENT, AREA, MONTH], written, label="Property"))
    for key in keys:
        cell = written.get(key)
        assert cube.value(key) == (cell.value if cell else None)
        assert cube.status(key) == ((cell.status or None) if cell else None)
