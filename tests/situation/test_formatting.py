"""Numbers and months in each interface language."""

from __future__ import annotations

import pytest

from seuraamo.core.formatting import (
    format_number,
    format_percent,
    month_genitive_fi,
    month_inessive_fi,
    month_name,
    period_date,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "number", "percent"),
    [
        ("fi", f"10{NBSP}153", f"14,4{NBSP}%"),
        ("sv", f"10{NBSP}153", f"14,4{NBSP}%"),
        ("en", "10,153", "14.4%"),
    ],
)
def test_numbers_and_percentages(language, number, percent) -> None:
    assert format_number(10153, 0, language) == number
    assert format_percent(14.36799501867995, 1, language) == percent


def test_rounding_is_half_up_as_statistics_finland_rounds() -> None:
    assert format_number(14.35, 1, "en") == "14.4"
    assert format_number(0.125, 2, "en") == "0.13"
    assert format_number(2.5, 0, "en") == "3"


def test_signs_and_large_numbers() -> None:
    assert format_number(1234567, 0, "en", signed=True) == "+1,234,567"
    assert format_number(-812, 0, "fi", signed=True) == "\u2212812"
    assert format_number(-812, 0, "en") == "-812"
    assert format_number(-0.04, 1, "en") == "0.0"  # no "-0.0"
    assert format_percent(-1.25, 1, "sv", signed=True) == f"\u22121,3{NBSP}%"
    assert format_number(None) == ""


def test_months() -> None:
    assert month_name("2026M06", "fi") == "kesäkuu 2026"
    assert month_name("2026M06", "sv") == "juni 2026"
    assert month_name("2026M06", "en") == "June 2026"
    assert month_inessive_fi("2026M01") == "tammikuussa 2026"
    assert month_genitive_fi("2026M06") == "kesäkuun 2026"
    assert period_date("2021M06") == "2021-06-01"
    assert month_name("2025", "fi") == "2025"


def test_at_month_end() -> None:
    from seuraamo.core.formatting import at_month_end

    assert at_month_end("2026M06", "fi") == "kesäkuun 2026 lopussa"
    assert at_month_end("2026M06", "sv") == "i slutet av juni 2026"
    assert at_month_end("2026M06", "en") == "at the end of June 2026"


@pytest.mark.parametrize("period", ["2026M13", "2026M00", "2026M06\n"])
def test_month_name_leaves_a_non_month_alone(period) -> None:
    assert month_name(period, "en") == period
