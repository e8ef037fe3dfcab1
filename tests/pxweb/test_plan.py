"""Query planning: fewest requests under the cell limit, exact coverage, since, nesting."""

from __future__ import annotations

import itertools
import math

import pytest

from seuraamo.official_stats.pxweb import PxWebError, TableMetadata, Variable, plan_queries
from seuraamo.official_stats.pxweb.metadata import count_cells
from seuraamo.official_stats.pxweb.roles import Role
from tests.fakepxweb.tables import month_codes


def metadata(areas: int, months: int, contents: int, *, time: bool = True) -> TableMetadata:
    area_codes = ["SSS"] + [f"KU{n:03d}" for n in range(1, areas)]
    month_list = month_codes("2009M01", months)
    content_codes = [f"C{n:02d}" for n in range(contents)]
    return TableMetadata(
        table_id="tyonv/12r5",
        title="12r5",
        variables=[
            Variable("Alue", "Alue", area_codes, area_codes, role=Role.AREA),
            Variable(
                "timeperiod_m",
                "Kuukausi",
                month_list,
                month_list,
                time=time,
                role=Role.TIME if time else Role.OTHER,
            ),
            Variable("contentscode", "Tiedot", content_codes, content_codes, role=Role.CONTENT),
        ],
    )


def disjoint(first: dict, second: dict) -> bool:
    return any(not set(first[code]) & set(second[code]) for code in first)


def assert_exact_cover(plan, max_cells: int) -> None:
    """Every query fits; queries are pairwise disjoint boxes inside the selection whose sizes add
    up to the selection's size, so together they cover it exactly once."""
    assert all(count_cells(q) <= max_cells for q in plan.queries)
    for query in plan.queries:
        assert all(set(values) <= set(plan.selection[code]) for code, values in query.items())
    for first, second in itertools.combinations(plan.queries, 2):
        assert disjoint(first, second)
    assert sum(count_cells(q) for q in plan.queries) == plan.total_cells


def test_12r5_full_history_gives_lower_bound_17() -> None:
    plan = plan_queries(metadata(421, 210, 23), None, 120_000)
    assert plan.total_cells == 2_033_430
    assert plan.lower_bound == 17
    assert len(plan) == 17
    assert plan.strategy == "two-group:Alue"
    assert_exact_cover(plan, 120_000)


def test_12r5_full_history_time_only_gives_18_of_12_months() -> None:
    plan = plan_queries(metadata(421, 210, 23), None, 120_000, allow_group_split=False)
    assert len(plan) == 18 == math.ceil(210 / (120_000 // (421 * 23)))
    assert plan.strategy == "time"
    assert [len(q["timeperiod_m"]) for q in plan.queries] == [12] * 17 + [6]
    assert_exact_cover(plan, 120_000)


def test_time_chunking_reaches_ceil_when_possible() -> None:
    plan = plan_queries(metadata(10, 210, 23), None, 120_000)
    assert plan.total_cells == 48_300
    assert len(plan) == 1
    plan = plan_queries(metadata(100, 120, 10), None, 100_000)
    assert len(plan) == plan.lower_bound == 2
    assert plan.strategy == "time"


def test_since_keeps_later_periods_only() -> None:
    plan = plan_queries(metadata(421, 210, 23), {"area": ["SSS"]}, 120_000, since="2026M01")
    assert plan.selection["timeperiod_m"] == month_codes("2026M01", 6)
    assert len(plan) == 1


def test_selection_by_role_name_and_unknown_values() -> None:
    meta = metadata(5, 12, 3)
    plan = plan_queries(meta, {"content": ["C01"], "time": "*"}, 1000)
    assert plan.selection["contentscode"] == ["C01"]
    with pytest.raises(PxWebError, match=r"variable 'Alue' has no value\(s\) \['KU999'\]"):
        plan_queries(meta, {"Alue": ["KU999"]}, 1000)
    with pytest.raises(PxWebError, match="has no variable or role 'Kuukausi'"):
        plan_queries(meta, {"Kuukausi": ["2009M01"]}, 1000)


def test_one_time_value_over_the_limit_splits_jointly() -> None:
    plan = plan_queries(metadata(421, 24, 23), None, 5_000)
    assert plan.strategy == "nested"
    assert_exact_cover(plan, 5_000)
    assert len(plan) <= math.ceil(421 / (5_000 // 23)) * 24


def test_deep_nesting_when_one_area_month_is_too_big() -> None:
    plan = plan_queries(metadata(3, 4, 23), None, 10)
    assert_exact_cover(plan, 10)
    # one month x one content x 3 areas = 3 cells: groups of 3 contents (9 cells) per month
    assert len(plan) == math.ceil(23 / 3) * 4 == 32
    assert plan.lower_bound == 28


def test_no_time_variable_chunks_largest() -> None:
    # 421 areas x 12 months (not marked as time) x 23 contents = 116 196 cells, over 10 000: with
    # no time variable the largest one, the areas, is chunked instead (guarantee 4). One area is
    # 12 x 23 = 276 cells, so a query takes 10 000 // 276 = 36 areas: 12 queries, the lower bound,
    # so no plan cutting another variable into two groups is tried.
    plan = plan_queries(metadata(421, 12, 23, time=False), None, 10_000)
    assert plan.strategy == "chunk:Alue"
    assert [len(query["Alue"]) for query in plan] == [36] * 11 + [25]
    assert [len(query["timeperiod_m"]) * len(query["contentscode"]) for query in plan] == [276] * 12
    assert len(plan) == plan.lower_bound == 12
    assert_exact_cover(plan, 10_000)


def test_no_time_variable_and_under_the_limit_is_one_query() -> None:
    # The same 116 196 cells fit in one query at 120 000.
    plan = plan_queries(metadata(421, 12, 23, time=False), None, 120_000)
    assert (plan.strategy, len(plan)) == ("single", 1)
    assert plan.queries == [plan.selection]


@pytest.mark.parametrize(
    ("areas", "months", "contents", "limit"),
    [
        (421, 210, 23, 120_000),
        (421, 210, 23, 100_000),
        (7, 200, 23, 1_000),
        (50, 13, 3, 77),
        (1, 1, 1, 1),
        (2, 5, 2, 3),
    ],
)
def test_plans_never_exceed_time_only(areas: int, months: int, contents: int, limit: int) -> None:
    meta = metadata(areas, months, contents)
    best = plan_queries(meta, None, limit)
    time_only = plan_queries(meta, None, limit, allow_group_split=False)
    assert len(best) <= len(time_only)
    assert len(best) >= best.lower_bound
    assert_exact_cover(best, limit)
