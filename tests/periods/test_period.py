"""The Period value type: parsing per frequency, labels per language, order and arithmetic;
and property tests that no text makes a parser raise anything but its documented error."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seuraamo.official_stats.pxweb import JsonStatError, parse_any
from seuraamo.official_stats.pxweb.checks import check_cube
from seuraamo.periods import Frequency, Period, PeriodError


@pytest.mark.parametrize(
    ("code", "frequency", "number"),
    [
        ("2026M06", Frequency.MONTH, 6),
        ("2024Q2", Frequency.QUARTER, 2),
        ("2024H1", Frequency.HALF_YEAR, 1),
        ("2025", Frequency.YEAR, 1),
    ],
)
def test_each_frequency_parses_and_writes_back_its_code(code, frequency, number) -> None:
    period = Period.parse(code)
    assert (period.frequency, period.number) == (frequency, number)
    assert period.code == str(period) == code
    assert Period.parse(code, frequency) == period


@pytest.mark.parametrize(
    "code", ["bad-period", "2026M13", "2026M00", "2026M6", "2026Q5", "2026H3", "26", "", "2026M06 "]
)
def test_a_malformed_code_is_an_error_that_quotes_it(code: str) -> None:
    with pytest.raises(PeriodError, match="is not a period like"):
        Period.parse(code)


def test_a_code_of_another_frequency_is_an_error_naming_both() -> None:
    with pytest.raises(PeriodError, match=r"'2026Q2' is a quarter, expected a period like 2026M06"):
        Period.parse("2026Q2", Frequency.MONTH)
    with pytest.raises(PeriodError, match="half-year"):
        Period.parse("2026H1", "Y")


def test_years_outside_the_plausible_range_are_refused() -> None:
    with pytest.raises(PeriodError, match="outside 1800–2200"):
        Period.parse("0001M01")


@pytest.mark.parametrize(
    ("code", "fi", "sv", "en"),
    [
        ("2026M06", "kesäkuu 2026", "juni 2026", "June 2026"),
        ("2024Q2", "2. neljännes 2024", "kvartal 2 2024", "Q2 2024"),
        ("2024H1", "1. vuosipuolisko 2024", "halvår 1 2024", "H1 2024"),
        ("2025", "2025", "2025", "2025"),
    ],
)
def test_labels_per_language(code: str, fi: str, sv: str, en: str) -> None:
    period = Period.parse(code)
    assert [period.label("fi"), period.label("sv"), period.label("en")] == [fi, sv, en]


def test_arithmetic_and_order() -> None:
    june = Period.parse("2026M06")
    assert (june + 7).code == "2027M01"
    assert (june - 6).code == "2025M12"
    assert june.year_earlier().code == "2025M06"
    assert Period.parse("2024H2").shift(1).code == "2025H1"
    assert Period.parse("2024Q1").shift(-1).code == "2023Q4"
    assert june - Period.parse("2025M06") == 12
    assert sorted(Period.parse(c) for c in ["2026M01", "2025M12", "2026M10"]) == [
        Period.parse("2025M12"),
        Period.parse("2026M01"),
        Period.parse("2026M10"),
    ]
    assert june.iso_date() == "2026-06-01" and Period.parse("2024H2").iso_date() == "2024-07-01"
    with pytest.raises(TypeError, match="different frequencies"):
        assert june < Period.parse("2026Q2")


@given(st.integers(1800, 2199), st.sampled_from(list(Frequency)), st.integers(-500, 500))
def test_shifting_there_and_back_is_the_identity(year: int, frequency: Frequency, steps: int):
    period = Period(year, frequency, 1)
    try:
        moved = period.shift(steps)
    except PeriodError:
        return  # beyond the accepted years
    assert moved.shift(-steps) == period
    assert moved - period == steps
    assert Period.parse(moved.code, frequency) == moved


@given(st.text(max_size=12))
def test_any_text_is_a_period_or_a_period_error(text: str) -> None:
    try:
        period = Period.parse(text)
    except PeriodError as error:
        assert "\n" not in str(error)
    else:
        assert period.code == text


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
DOCUMENT_KEYS = st.sampled_from(
    ["version", "class", "id", "size", "dimension", "value", "status", "role", "columns", "data"]
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(DOCUMENT_KEYS, JSON_VALUES, max_size=8))
def test_any_json_document_parses_or_gives_a_one_line_error(document: dict) -> None:
    text = json.dumps(document, allow_nan=True)
    try:
        cube = parse_any(text)
        check_cube(cube)
    except JsonStatError as error:
        assert "\n" not in str(error)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses_or_gives_a_one_line_error(text: str) -> None:
    try:
        cube = parse_any("Alue,timeperiod_m,value\n" + text)
        check_cube(cube)
    except JsonStatError as error:
        assert "\n" not in str(error)
