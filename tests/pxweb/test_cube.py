"""The Cube API the Django sync builds on: lookups, iteration by role, columns, merging."""

from __future__ import annotations

import pytest

from seuraamo.official_stats.pxweb import (
    Cube,
    Dimension,
    JsonStatError,
    Role,
    TableChangedError,
    merge_cubes,
)


def cube() -> Cube:
    return Cube(
        dimensions=[
            Dimension("Alue", "Alue", ["MK08", "KU285"], role=Role.AREA),
            Dimension("Sukupuoli", "Sukupuoli", ["1", "2"]),
            Dimension("timeperiod_m", "Kuukausi", ["2026M05", "2026M06"], role=Role.TIME),
            Dimension("contentscode", "Tiedot", ["A"], role=Role.CONTENT),
        ],
        values=[1, 2, 3, 4, 5, 6, 7, None],
        statuses={7: "..."},
    )


def test_strides_index_and_coords() -> None:
    c = cube()
    assert c.strides == [4, 2, 1, 1]
    assert c.index(("KU285", "2", "2026M05", "A")) == 6
    assert c.coords_of(6) == ("KU285", "2", "2026M05", "A")
    assert c.value({"area": "KU285", "Sukupuoli": "2", "time": "2026M05"}) == 7


def test_lookup_errors_name_the_problem() -> None:
    c = cube()
    with pytest.raises(KeyError, match="dimension 'Alue' has no category 'SSS'"):
        c.value({"area": "SSS", "Sukupuoli": "1", "time": "2026M05"})
    with pytest.raises(KeyError, match=r"no code given for dimension\(s\) \['Sukupuoli'\]"):
        c.value({"area": "MK08", "time": "2026M05"})
    with pytest.raises(KeyError, match="cube has no dimension or role 'geo'"):
        c.dimension("geo")


def test_iter_role_cells_picks_out_roles_and_others() -> None:
    cells = list(cube().iter_role_cells())
    assert cells[0] == ("MK08", "2026M05", "A", ("1",), 1, None)
    assert cells[-1] == ("KU285", "2026M06", "A", ("2",), None, "...")
    assert [d.id for d in cube().other_dimensions()] == ["Sukupuoli"]
    assert len(list(cube().iter_role_cells(skip_missing=True))) == 7


def test_to_columns() -> None:
    columns = cube().to_columns()
    assert columns["Alue"] == ["MK08"] * 4 + ["KU285"] * 4
    assert columns["timeperiod_m"] == ["2026M05", "2026M06"] * 4
    assert columns["status"][-1] == "..."
    assert columns["value"][-1] is None


def test_cube_checks_value_count() -> None:
    with pytest.raises(JsonStatError, match=r"cube has 1 values but the sizes \[2\] give 2 cells"):
        Cube([Dimension("x", "x", ["a", "b"])], [1])


def test_translations_fall_back() -> None:
    area = Dimension("Alue", "Alue", ["MK08"], labels={"MK08": "Kymenlaakso"}, lang="fi")
    area.add_translation("sv", "Område", {"MK08": "Kymmenedalen"})
    assert area.category_label("MK08", "sv") == "Kymmenedalen"
    assert area.category_label("MK08", "en") == "Kymenlaakso"
    assert area.category_label("SSS") == "SSS"
    assert area.label_in("sv") == "Område"
    assert area.label_in("en") == "Alue"


def test_merge_rejects_different_dimensions() -> None:
    other = Cube([Dimension("Kuukausi", "k", ["x"])], [1])
    first = Cube([Dimension("timeperiod_m", "k", ["y"])], [2])
    with pytest.raises(TableChangedError, match="answers disagree on the dimensions"):
        merge_cubes([first, other])


def test_merge_non_contiguous_last_dimension() -> None:
    first = Cube(
        [Dimension("t", "t", ["1"]), Dimension("c", "c", ["a", "c"])], [1, 3], statuses={1: "p"}
    )
    second = Cube([Dimension("t", "t", ["1"]), Dimension("c", "c", ["b"])], [2])
    merged = merge_cubes([first, second], {"t": ["1"], "c": ["a", "b", "c"]})
    assert merged.values == [1, 2, 3]
    assert merged.statuses == {2: "p"}
