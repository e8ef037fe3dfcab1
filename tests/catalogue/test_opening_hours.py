"""Opening hours as data: the one formatter in fi, sv and en, the text parser the seed, the
migration and the PTV and HSDS mappings rely on, and the editor's form fields."""

from __future__ import annotations

import importlib

import pytest

from seuraamo.catalogue import hours
from seuraamo.catalogue.hsds.reading import weekly_hours

WEEKDAYS_8_16 = {day: ["08:00", "16:00"] for day in ("MO", "TU", "WE", "TH", "FR")}
#: The seed's early integration services (kotka.fi), as the draft writes them.
SEED_TEXT = "Mon, Tue, Thu 8.00–15.30; Wed 12.00–15.30; Fri 8.00–15.00"
SEED_WEEK = {
    "MO": ["08:00", "15:30"],
    "TU": ["08:00", "15:30"],
    "WE": ["12:00", "15:30"],
    "TH": ["08:00", "15:30"],
    "FR": ["08:00", "15:00"],
}


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi", "ma–pe 8.00–16.00"), ("sv", "mån–fre 8.00–16.00"), ("en", "Mon–Fri 8:00–16:00")],
)
def test_a_working_week_in_the_pages_language(language: str, expected: str) -> None:
    assert hours.format_hours(WEEKDAYS_8_16, language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "ma–ti, to 8.00–15.30; ke 12.00–15.30; pe 8.00–15.00"),
        ("sv", "mån–tis, tors 8.00–15.30; ons 12.00–15.30; fre 8.00–15.00"),
        ("en", "Mon–Tue, Thu 8:00–15:30; Wed 12:00–15:30; Fri 8:00–15:00"),
    ],
)
def test_days_with_the_same_hours_go_together_in_week_order(language: str, expected: str) -> None:
    assert hours.format_hours(SEED_WEEK, language) == expected


def test_no_hours_is_no_text_and_a_lone_day_has_no_range() -> None:
    assert hours.format_hours({}, "fi") == ""
    assert hours.format_hours({"SA": ["10:00", "14:00"]}, "sv") == "lör 10.00–14.00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SEED_TEXT, SEED_WEEK),
        ("ke 8.00–16.00, pe 8.00–14.00", {"WE": ["08:00", "16:00"], "FR": ["08:00", "14:00"]}),
        ("ma–pe 9–15", {day: ["09:00", "15:00"] for day in ("MO", "TU", "WE", "TH", "FR")}),
        ("Monday-Friday 8:00-16:00", WEEKDAYS_8_16),
        ("mån–fre 8.00–16.00", WEEKDAYS_8_16),
    ],
)
def test_hours_written_as_text_are_read(text: str, expected: dict[str, list[str]]) -> None:
    assert hours.parse_hours_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "by appointment",
        "ma–pe 8–16, la sopimuksen mukaan",
        "ma 16.00–8.00",  # closes before it opens
        "ma 8.00–16.00; ma 9.00–10.00",  # the same day twice
        "Mon, Tue",  # days without hours
        "ma 25.00–26.00",
    ],
)
def test_text_that_is_not_plain_weekly_hours_is_not_guessed(text: str) -> None:
    assert hours.parse_hours_text(text) is None


def test_closed_dates_read_and_written_as_the_pages_write_dates() -> None:
    assert hours.parse_dates("31.12.2026, 24.12.2026 2026-12-24") == ["2026-12-24", "2026-12-31"]
    assert hours.parse_dates("31.2.2026") is None
    assert hours.format_dates(["2026-12-31", "2026-12-24"]) == "24.12.2026, 31.12.2026"


def test_hsds_weekly_schedules_become_the_week() -> None:
    schedules = [
        {"freq": "WEEKLY", "byday": "MO,TU,TH", "opens_at": "08:00", "closes_at": "15:30"},
        {"freq": "WEEKLY", "byday": "WE", "opens_at": "12:00:00", "closes_at": "15:30:00"},
        {"freq": "WEEKLY", "byday": "FR", "opens_at": "08:00", "closes_at": "15:00"},
        {"freq": "MONTHLY", "byday": "1SA", "opens_at": "10:00", "closes_at": "12:00"},
        {"description": "Closed on public holidays"},
    ]
    assert weekly_hours(schedules) == SEED_WEEK


class _Stored:
    """A channel row as migration 0007 finds it: free-text hours, not yet the week."""

    def __init__(self, text: str, note: str = "") -> None:
        self.opening_hours, self.internal_note = text, note
        self.weekly_hours: dict[str, list[str]] = {}
        self.verified = True
        self.saved: list[str] = []

    def save(self, update_fields: list[str]) -> None:
        self.saved = update_fields


class _Rows:
    def __init__(self, *rows: _Stored) -> None:
        self.rows = rows

    def exclude(self, opening_hours: str) -> list[_Stored]:
        return [row for row in self.rows if row.opening_hours != opening_hours]


def test_the_migration_converts_the_text_that_parses_and_keeps_the_rest_for_checking() -> None:
    migration = importlib.import_module(
        "seuraamo.catalogue.migrations.0007_reachable_services_and_structured_hours"
    )
    seed = _Stored(SEED_TEXT, "address not in the draft")
    odd = _Stored("ma–pe 8–16, la sopimuksen mukaan")
    empty = _Stored("")
    migration._convert_hours(type("Channel", (), {"objects": _Rows(seed, odd, empty)}))
    assert seed.weekly_hours == SEED_WEEK and seed.verified
    assert seed.internal_note == "address not in the draft"
    assert odd.weekly_hours == {} and not odd.verified
    assert odd.internal_note == "Opening hours to check: ma–pe 8–16, la sopimuksen mukaan"
    assert empty.saved == []
