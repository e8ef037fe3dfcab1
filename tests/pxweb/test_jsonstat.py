"""json-stat 2.0 / 1.0 parsing: every supported shape and every structural error message."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from seuraamo.official_stats.pxweb import (
    JsonStatError,
    PxWebError,
    Role,
    parse_any,
    parse_jsonstat,
    parse_jsonstat_bundle,
)


def dataset(**changes: Any) -> dict[str, Any]:
    """A valid 2 areas x 3 months json-stat 2.0 dataset; ``changes`` overrides top-level keys."""
    document: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "label": "Test",
        "source": "Tilastokeskus",
        "updated": "2026-07-21T05:00:00Z",
        "id": ["Alue", "timeperiod_m"],
        "size": [2, 3],
        "role": {"time": ["timeperiod_m"]},
        "dimension": {
            "Alue": {
                "label": "Alue",
                "category": {
                    "index": {"MK08": 0, "KU285": 1},
                    "label": {"MK08": "Kymenlaakso", "KU285": "Kotka"},
                },
            },
            "timeperiod_m": {
                "label": "Kuukausi",
                "category": {"index": ["2026M04", "2026M05", "2026M06"]},
            },
        },
        "value": [1, 2, 3, 4, None, 6],
        "status": {"4": "..."},
        "extension": {"px": {"tableid": "12r5"}},
    }
    document.update(changes)
    return document


def test_dense_values_and_metadata() -> None:
    cube = parse_jsonstat(dataset())
    assert cube.ids == ["Alue", "timeperiod_m"]
    assert cube.shape == [2, 3]
    assert cube.values == [1, 2, 3, 4, None, 6]
    assert cube.statuses == {4: "..."}
    assert cube.table_id == "12r5"
    assert cube.updated == "2026-07-21T05:00:00Z"
    assert cube.dimension("Alue").labels == {"MK08": "Kymenlaakso", "KU285": "Kotka"}
    assert cube.dimension("timeperiod_m").labels["2026M05"] == "2026M05"


def test_cell_lookup_by_codes_roles_and_tuple() -> None:
    cube = parse_jsonstat(dataset())
    assert cube.value({"Alue": "KU285", "timeperiod_m": "2026M04"}) == 4
    assert cube.value({"area": "KU285", "time": "2026M06"}) == 6
    assert cube.cell(("KU285", "2026M05")) == (("KU285", "2026M05"), None, "...")
    assert cube.status(("KU285", "2026M05")) == "..."


def test_roles_from_jsonstat_role_and_codes() -> None:
    cube = parse_jsonstat(dataset())
    assert [d.role for d in cube.dimensions] == [Role.AREA, Role.TIME]


def test_text_and_bytes_input() -> None:
    text = json.dumps(dataset())
    assert parse_jsonstat(text).values == parse_jsonstat(text.encode()).values


def test_sparse_values_fill_missing_with_none() -> None:
    cube = parse_jsonstat(dataset(value={"0": 1, "5": 6.5}, status=None))
    assert cube.values == [1, None, None, None, None, 6.5]
    assert cube.statuses == {}


def test_status_string_applies_to_all_cells() -> None:
    cube = parse_jsonstat(dataset(status="p"))
    assert cube.statuses == dict.fromkeys(range(6), "p")


def test_status_array() -> None:
    cube = parse_jsonstat(dataset(status=[None, None, "e", None, "...", None]))
    assert cube.statuses == {2: "e", 4: "..."}


def test_status_array_of_one_applies_to_all() -> None:
    assert parse_jsonstat(dataset(status=["p"])).statuses == dict.fromkeys(range(6), "p")


def test_index_array_and_single_category_without_index() -> None:
    document = dataset(id=["Alue", "timeperiod_m", "contentscode"], size=[2, 3, 1])
    document["dimension"]["contentscode"] = {
        "label": "Tiedot",
        "category": {
            "label": {"TYOTOSUUS": "Työttömien osuus (%)"},
            "unit": {"TYOTOSUUS": {"base": "%", "decimals": 1}},
        },
    }
    cube = parse_jsonstat(document)
    content = cube.dimension("contentscode")
    assert content.codes == ["TYOTOSUUS"]
    assert content.role is Role.CONTENT
    assert content.units["TYOTOSUUS"].label == "%"
    assert content.units["TYOTOSUUS"].decimals == 1
    assert cube.dimension("timeperiod_m").codes == ["2026M04", "2026M05", "2026M06"]


def test_index_object_order_is_by_position_not_key_order() -> None:
    document = dataset()
    document["dimension"]["Alue"]["category"]["index"] = {"KU285": 1, "MK08": 0}
    assert parse_jsonstat(document).dimension("Alue").codes == ["MK08", "KU285"]


def test_json_stat_1_wrapper() -> None:
    two = dataset()
    dimension = dict(two["dimension"], id=two["id"], size=two["size"], role=two["role"])
    document = {
        "dataset": {
            "label": "v1",
            "dimension": dimension,
            "value": two["value"],
            "status": two["status"],
        }
    }
    cube = parse_jsonstat(document)
    assert cube.label == "v1"
    assert cube.values == two["value"]
    assert cube.dimension("time").id == "timeperiod_m"


def test_json_stat_1_bundle_with_named_datasets() -> None:
    two = dataset()
    dimension = dict(two["dimension"], id=two["id"], size=two["size"])
    bundle = {
        "first": {"label": "A", "dimension": dimension, "value": two["value"]},
        "second": {"label": "B", "dimension": copy.deepcopy(dimension), "value": [0] * 6},
    }
    cubes = parse_jsonstat_bundle(bundle)
    assert sorted(cubes) == ["first", "second"]
    assert parse_jsonstat(bundle, dataset="second").values == [0] * 6
    with pytest.raises(JsonStatError, match=r"bundle has 2 datasets \['first', 'second'\]"):
        parse_jsonstat(bundle)
    with pytest.raises(JsonStatError, match="bundle has no dataset 'third'"):
        parse_jsonstat(bundle, dataset="third")


def test_string_values_numbers_and_symbols() -> None:
    cube = parse_jsonstat(dataset(value=["1", "2.5", "..", 4, None, ""], status=None))
    assert cube.values == [1, 2.5, None, 4, None, None]
    assert cube.statuses == {2: ".."}


def test_parse_any_detects_jsonstat() -> None:
    assert parse_any(json.dumps(dataset())).shape == [2, 3]


def test_errors_are_pxweb_errors() -> None:
    assert issubclass(JsonStatError, PxWebError)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"size": [2]}, "'id' has 2 entries but 'size' has 1"),
        (
            {"id": ["Alue", "Kunta"]},
            "dimension 'Kunta' is listed in 'id' but missing from 'dimension'",
        ),
        ({"value": [1, 2, 3]}, "'value' has 3 entries but the sizes [2, 3] give 6 cells"),
        ({"value": {"6": 1}}, "'value' key '6' is out of range 0..5"),
        ({"value": {"x": 1}}, "'value' key 'x' is not an integer index"),
        ({"value": [1, 2, "abc", 4, 5, 6]}, "value[2] is not a number or null: 'abc'"),
        ({"value": [1, 2, True, 4, 5, 6]}, "value[2] is not a number or null: True"),
        ({"value": "1,2"}, "'value' must be an array or an object"),
        ({"status": ["a", "b"]}, "'status' has 2 entries but there are 6 cells"),
        ({"status": {"9": "..."}}, "'status' key '9' is out of range 0..5"),
        ({"size": [2, -3]}, "'size' must be a list of non-negative integers"),
        ({"id": "Alue"}, "'id' must be a list of dimension ids"),
        ({"id": ["Alue", "Alue"]}, "'id' repeats a dimension: ['Alue', 'Alue']"),
        ({"dimension": []}, "'dimension' is missing or not an object"),
    ],
)
def test_structural_errors(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(JsonStatError) as caught:
        parse_jsonstat(dataset(**changes))
    assert str(caught.value) == message


def test_size_disagrees_with_categories() -> None:
    with pytest.raises(JsonStatError) as caught:
        parse_jsonstat(dataset(size=[3, 3], value=[0] * 9))
    assert str(caught.value) == "dimension 'Alue' has 2 categories but 'size' gives 3"


@pytest.mark.parametrize(
    ("index", "message"),
    [
        (
            {"MK08": 0, "KU285": 2},
            "category.index of dimension 'Alue' is not a permutation of 0..1: [0, 2]",
        ),
        (
            {"MK08": 0, "KU285": 0},
            "category.index of dimension 'Alue' is not a permutation of 0..1: [0, 0]",
        ),
        (
            {"MK08": "0", "KU285": 1},
            "category.index of dimension 'Alue' is not a permutation of 0..1: ['0', 1]",
        ),
        (["MK08", "MK08"], "category.index of dimension 'Alue' repeats a code"),
        ("MK08", "category.index of dimension 'Alue' must be an object or an array"),
    ],
)
def test_bad_index(index: Any, message: str) -> None:
    document = dataset()
    document["dimension"]["Alue"]["category"]["index"] = index
    with pytest.raises(JsonStatError) as caught:
        parse_jsonstat(document)
    assert str(caught.value) == message


def test_missing_index_with_several_labels() -> None:
    document = dataset()
    del document["dimension"]["Alue"]["category"]["index"]
    with pytest.raises(JsonStatError) as caught:
        parse_jsonstat(document)
    assert str(caught.value) == (
        "dimension 'Alue' has no category.index and 2 labels; an index is required unless "
        "there is exactly one category"
    )


def test_missing_category() -> None:
    document = dataset()
    del document["dimension"]["Alue"]["category"]
    with pytest.raises(JsonStatError, match="dimension 'Alue' has no 'category' object"):
        parse_jsonstat(document)


def test_not_json_and_not_a_dataset() -> None:
    with pytest.raises(JsonStatError, match="not valid JSON"):
        parse_jsonstat('{"version": "2.0", "value": [1, 2')
    with pytest.raises(JsonStatError, match="expected a JSON object at the top level, got list"):
        parse_jsonstat("[1, 2]")
    with pytest.raises(JsonStatError, match="not a json-stat dataset"):
        parse_jsonstat({"hello": "world"})
    with pytest.raises(JsonStatError, match="json-stat class 'collection' is not a dataset"):
        parse_jsonstat({"class": "collection", "link": {}})


def test_bundle_error_names_the_dataset() -> None:
    two = dataset()
    dimension = dict(two["dimension"], id=two["id"], size=two["size"])
    bundle = {"broken": {"dimension": dimension, "value": [1]}}
    with pytest.raises(JsonStatError) as caught:
        parse_jsonstat(bundle)
    assert str(caught.value) == (
        "dataset 'broken': 'value' has 1 entries but the sizes [2, 3] give 6 cells"
    )


def test_zero_dimensions_is_one_cell() -> None:
    cube = parse_jsonstat(dataset(id=[], size=[], dimension={}, value=[42], status=None))
    assert list(cube.iter_cells()) == [((), 42, None)]


def test_a_role_listing_something_other_than_a_dimension_id_is_a_clear_error() -> None:
    # Found by the property test in test_periods.py: a list inside a role list used to raise TypeError.
    document = {"version": "2.0", "class": "dataset", "id": [], "size": [], "dimension": {}}
    with pytest.raises(JsonStatError, match=r"role\.geo lists \[\], which is not a dimension id"):
        parse_jsonstat({**document, "value": [], "role": {"geo": [[]]}})
