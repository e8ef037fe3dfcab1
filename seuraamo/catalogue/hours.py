"""Opening hours as data: a channel's regular week (`Channel.weekly_hours`, weekday code → [opens,
closes] as "HH:MM"), read from text where a source gives text, and written back as text in the
page's language ("ma–pe 8.00–16.00", "mån–fre 8.00–16.00", "Mon–Fri 8:00–16:00").

The weekday codes are those of RFC 5545 (MO … SU), which the HSDS export writes as they are. One
opening period a day: what the catalogue's sources give, and what an editor edits in the form.
Plain Python like the PTV and HSDS mappers that use it; only `format_hours` asks Django for the
translated weekday names (the model's validators live in models.py)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
#: The spellings the text parser knows (it reads the sources' text, whatever the page's language).
DAY_NAMES = {
    "fi": ("ma", "ti", "ke", "to", "pe", "la", "su"),
    "sv": ("mån", "tis", "ons", "tors", "fre", "lör", "sön"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
#: The full weekday names the text parser reads besides the abbreviations (fi, sv, en).
_FULL_NAMES = (
    ("maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai", "sunnuntai"),
    ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
)
#: Every spelling of a weekday the text parser accepts, lower case.
_DAY_WORDS = {
    name.lower(): code
    for names in (*DAY_NAMES.values(), *_FULL_NAMES)
    for name, code in zip(names, WEEKDAYS, strict=True)
} | {"tor": "TH"}
_TIME = r"\d{1,2}(?:[.:]\d{2})?"
_RANGE = re.compile(rf"^\s*(?P<opens>{_TIME})\s*[-–—]\s*(?P<closes>{_TIME})\s*$")
_DAYS_AND_RANGE = re.compile(rf"^\s*(?P<days>[^\d]*?)\s*(?P<range>{_TIME}\s*[-–—]\s*{_TIME})\s*$")

WeeklyHours = dict[str, list[str]]


def clock(text: str) -> str | None:
    """ "8", "8.00", "08:00" → "08:00"; None when it is not a time of day (24:00 allowed)."""
    match = re.fullmatch(r"(\d{1,2})(?:[.:](\d{2}))?", text.strip())
    if match is None:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        return None
    return f"{hours:02d}:{minutes:02d}"


def parse_range(text: str) -> list[str] | None:
    """ "8.00–16.00" → ["08:00", "16:00"]; None when it is not a range that closes after it opens."""
    match = _RANGE.match(text)
    if match is None:
        return None
    opens, closes = clock(match.group("opens")), clock(match.group("closes"))
    if opens is None or closes is None or closes <= opens:
        return None
    return [opens, closes]


def _days(text: str) -> list[str] | None:
    """ "ma–pe", "Mon Tue", "ke" → weekday codes; None when a word is not a weekday."""
    found: list[str] = []
    for word in text.replace(",", " ").split():
        ends = re.split(r"[-–—]", word.strip().lower().rstrip("."))
        codes = [_DAY_WORDS.get(end) for end in ends]
        if not all(codes) or len(codes) > 2:
            return None
        first, last = WEEKDAYS.index(str(codes[0])), WEEKDAYS.index(str(codes[-1]))
        if last < first:
            return None
        found += WEEKDAYS[first : last + 1]
    return found


def parse_hours_text(text: str) -> WeeklyHours | None:
    """Weekly hours written as text — "Mon, Tue, Thu 8.00–15.30; Wed 12.00–15.30", "ke 8.00–16.00,
    pe 8.00–14.00", "ma–pe 9–15" — or None when any part of it is something else (the caller keeps
    such text for a person to read)."""
    hours: WeeklyHours = {}
    pending: list[str] = []
    parts = [part for part in re.split(r"[;,]", text) if part.strip()]
    for part in parts:
        match = _DAYS_AND_RANGE.match(part)
        if match is None:
            days = _days(part)
            if not days:
                return None
            pending += days
            continue
        days, period = _days(match.group("days")), parse_range(match.group("range"))
        if not days or period is None:
            return None
        for day in [*pending, *days]:
            if day in hours:
                return None
            hours[day] = period
        pending = []
    if pending or not hours:
        return None
    return {day: hours[day] for day in WEEKDAYS if day in hours}


def _clock_text(time: str, language: str) -> str:
    hours, minutes = time.split(":")
    return f"{int(hours)}{':' if language == 'en' else '.'}{minutes}"


def day_abbreviations(language: str) -> list[str]:
    """Mon … Sun as the page's language abbreviates them (fi "ma", sv "mån"): interface words,
    translated in the catalogues like every other."""
    from django.utils import translation  # noqa: PLC0415 (here, so the mappers stay plain Python)

    with translation.override(language):
        return [
            translation.pgettext("weekday", "Mon"),
            translation.pgettext("weekday", "Tue"),
            translation.pgettext("weekday", "Wed"),
            translation.pgettext("weekday", "Thu"),
            translation.pgettext("weekday", "Fri"),
            translation.pgettext("weekday", "Sat"),
            translation.pgettext("weekday", "Sun"),
        ]


def format_period(period: list[str], language: str) -> str:
    """["08:00", "16:00"] → "8.00–16.00" (fi, sv) or "8:00–16:00" (en)."""
    return f"{_clock_text(period[0], language)}–{_clock_text(period[1], language)}"


def _day_runs(days: list[str], language: str) -> str:
    """Weekday codes in week order → "ma–ke, pe": consecutive days as a range."""
    names = day_abbreviations(language)
    indexes = sorted(WEEKDAYS.index(day) for day in days)
    runs: list[list[int]] = []
    for index in indexes:
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return ", ".join(
        names[run[0]] if len(run) == 1 else f"{names[run[0]]}–{names[run[-1]]}" for run in runs
    )


def format_hours(hours: Mapping[str, list[str]], language: str) -> str:
    """The week in the page's language: days with the same hours together, in week order of their
    first day — "ma–ti, to 8.00–15.30; ke 12.00–15.30; pe 8.00–15.00"; "" for no hours."""
    groups: dict[tuple[str, str], list[str]] = {}
    for day in WEEKDAYS:
        if day in hours:
            opens, closes = hours[day]
            groups.setdefault((opens, closes), []).append(day)
    return "; ".join(
        f"{_day_runs(days, language)} {format_period(list(period), language)}"
        for period, days in groups.items()
    )


def format_dates(dates: Iterable[str]) -> str:
    """ISO dates as the pages write dates: "24.12.2026, 31.12.2026"."""
    shown = []
    for item in sorted(dates):
        day = datetime.date.fromisoformat(item)
        shown.append(f"{day.day}.{day.month}.{day.year}")
    return ", ".join(shown)


def parse_dates(text: str) -> list[str] | None:
    """ "24.12.2026, 31.12.2026" (or ISO dates) → sorted ISO dates; None when one is not a date."""
    found = set()
    for part in re.split(r"[,;\s]+", text.strip()):
        if not part:
            continue
        match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", part)
        try:
            if match:
                day = datetime.date(int(match[3]), int(match[2]), int(match[1]))
            else:
                day = datetime.date.fromisoformat(part)
        except ValueError:
            return None
        found.add(day.isoformat())
    return sorted(found)
