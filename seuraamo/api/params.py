"""Query parameters of the data API, checked one by one: a bad value is a `ParamError` naming the
parameter, the value and what would be accepted. An observation query is then checked against what
is stored (`checked_observation_query`: tables, areas, the tables' period frequency, content codes
and derived statistics), read through the statistics selectors."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.http import QueryDict

from seuraamo.official_stats import selectors as statistics
from seuraamo.periods import Frequency, Period, PeriodError

#: A code: 1–80 printable characters but the comma that separates codes (stored codes hold
#: ``+``, spaces, ``/``, ``*`` and letters beyond ASCII: ``100+``, ``65 - 69``). Control
#: characters are refused; a code is quoted where it goes into a URL.
CODE_CHARACTERS = r"[^,\u0000-\u001f\u007f-\u009f]{1,80}"
CODE = re.compile(CODE_CHARACTERS)
#: A comma-separated list of codes, as the OpenAPI document states it. The document leaves out the
#: 80-character bound of each code (its description says it; a longer code gets the documented
#: 400): a bounded repeat inside a repeated group made every schema tool that expands patterns
#: slow (schemathesis spent 20 of its 34 s canonicalising it).
CODE_LIST_PATTERN = r"^[^,\u0000-\u001f\u007f-\u009f]+(,[^,\u0000-\u001f\u007f-\u009f]+)*$"
PERIOD_HELP = "use 2021M06 (month 01–12), 2024Q2, 2024H1 or 2025"
FORMATS = {
    "json": "json",
    "csv": "csv",
    "json-stat2": "json-stat2",
    "jsonstat2": "json-stat2",
    "jsonstat": "json-stat2",
}
ACCEPT = {
    "text/csv": "csv",
    "application/json-stat+json": "json-stat2",
    "application/vnd.json-stat+json": "json-stat2",
    "application/json": "json",
}
LANGUAGES = ("fi", "sv", "en")
DEFAULT_LIMIT = 1000
MAX_LIMIT = 10000
#: At most this many (area × derived statistic) series are computed for one request.
MAX_DERIVED_SERIES = 60


class ParamError(ValueError):
    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


def check_known(query: QueryDict, allowed: tuple[str, ...]) -> None:
    for name in query:
        if name not in allowed:
            raise ParamError(
                name, f"unknown parameter. This endpoint takes: {', '.join(sorted(allowed))}."
            )


def single(query: QueryDict, name: str, default: str = "") -> str:
    values = query.getlist(name)
    if len(values) > 1:
        raise ParamError(name, "give this parameter once (separate several values with commas).")
    return values[0].strip() if values else default


def codes(query: QueryDict, name: str, *, required: bool = False) -> list[str]:
    """Comma-separated codes; the parameter may also be repeated. Order kept, duplicates dropped.
    A parameter given empty (``level=``) is an error, not "no filter"."""
    found: list[str] = []
    for raw in query.getlist(name):
        if not raw.strip(", "):
            raise ParamError(
                name, "empty; give one or more comma-separated codes, or leave it out."
            )
        for part in raw.split(","):
            code = part.strip()
            if not code:
                continue
            if not CODE.fullmatch(code) or not code.isprintable():
                raise ParamError(
                    name,
                    f"{code!r} is not a valid code (1–80 printable characters; "
                    "separate several codes with commas).",
                )
            if code not in found:
                found.append(code)
    if required and not found:
        raise ParamError(name, "required; give one or more comma-separated codes.")
    return found


def period(query: QueryDict, name: str) -> str:
    value = single(query, name)
    if value and not Period.is_valid(value):
        raise ParamError(name, f"{value!r} is not a period; {PERIOD_HELP}.")
    return value


def periods(query: QueryDict, name: str) -> list[str]:
    found = codes(query, name)
    for value in found:
        if not Period.is_valid(value):
            raise ParamError(name, f"{value!r} is not a period; {PERIOD_HELP}.")
    return found


def integer(query: QueryDict, name: str, default: int, minimum: int, maximum: int) -> int:
    raw = single(query, name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ParamError(name, f"{raw!r} is not a whole number.") from None
    if not minimum <= value <= maximum:
        raise ParamError(name, f"{value} is out of range; use {minimum}–{maximum}.")
    return value


def output_format(query: QueryDict, accept: str) -> str:
    """``format=`` wins; otherwise the first Accept media type that the API can write; JSON."""
    raw = single(query, "format")
    if "format" in query:
        if raw not in FORMATS:
            raise ParamError("format", f"{raw!r} is not supported; use json, csv or json-stat2.")
        return FORMATS[raw]
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        if media in ACCEPT:
            return ACCEPT[media]
    return "json"


def language(query: QueryDict, accept_language: str = "") -> str:
    """``lang=`` wins; otherwise the first of fi, sv, en in the Accept-Language header (by its
    q-values); Finnish by default."""
    raw = single(query, "lang")
    if "lang" in query:  # given empty or in capitals is an error too, as the OpenAPI enum says
        if raw not in LANGUAGES:
            raise ParamError("lang", f"{raw!r} is not supported; use fi, sv or en.")
        return raw
    wanted = []
    for order, part in enumerate(accept_language.split(",")[:20]):
        tag, _semicolon, rest = part.strip().partition(";")
        weight = 1.0
        if rest.strip().startswith("q="):
            try:
                weight = float(rest.strip()[2:])
            except ValueError:
                weight = 0.0
        primary = tag.split("-")[0].strip().lower()
        if primary in LANGUAGES and weight > 0:
            wanted.append((-weight, order, primary))
    return min(wanted)[2] if wanted else "fi"


@dataclass(frozen=True)
class ObservationQuery:
    tables: list[str]
    contents: list[str]
    areas: list[str]
    extras: list[str]
    start: str
    end: str
    periods: list[str]
    format: str
    language: str
    limit: int
    offset: int


OBSERVATION_PARAMS = (
    "table",
    "content",
    "area",
    "extra",
    "from",
    "to",
    "period",
    "format",
    "lang",
    "limit",
    "offset",
)


def observation_query(query: QueryDict, accept: str, accept_language: str = "") -> ObservationQuery:
    check_known(query, OBSERVATION_PARAMS)
    start, end = period(query, "from"), period(query, "to")
    if start and end:
        if len(start) != len(end) or start[4:5] != end[4:5]:
            raise ParamError("to", f"{end} is not the same kind of period as from={start}.")
        if start > end:
            raise ParamError("from", f"{start} is after to={end}.")
    return ObservationQuery(
        tables=codes(query, "table", required=True),
        contents=codes(query, "content"),
        areas=codes(query, "area"),
        extras=codes(query, "extra"),
        start=start,
        end=end,
        periods=periods(query, "period"),
        format=output_format(query, accept),
        language=language(query, accept_language),
        limit=integer(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
        offset=integer(query, "offset", 0, 0, 10**9),
    )


def check_levels(levels: list[str]) -> None:
    """``level=`` names levels of areas (``municipality``, ``employment_area`` …)."""
    for level in levels:
        if level not in statistics.AREA_LEVELS:
            raise ParamError(
                "level", f"{level!r} is not a level; use {', '.join(statistics.AREA_LEVELS)}."
            )


# -- an observation query against what is stored -------------------------------------------------

EXAMPLES = {"year": "2025", "month": "2025M06", "quarter": "2025Q2", "half-year": "2025H1"}


def _frequency_word(frequency: Frequency | None) -> str:
    return frequency.name.lower().replace("_", "-") if frequency is not None else ""


def frequency(period: str) -> str:
    """``2025`` -> year, ``2025M06`` -> month, ``2025Q2`` -> quarter, ``2025H1`` -> half-year;
    "" for a code that is not a period."""
    try:
        return _frequency_word(Period.parse(period).frequency)
    except PeriodError:
        return ""


@dataclass(frozen=True)
class CheckedQuery:
    """An observation query whose tables, areas and contents are known: the stored content codes
    asked (``None``: every one) apart from the derived statistics, and the tables whose derived
    statistics are computed for each ``extra=`` code (those with a further dimension)."""

    query: ObservationQuery
    contents: list[str] | None
    statistics: list[str]
    per_extra: frozenset[str]


def _check_tables(tables: list[str]) -> None:
    known = statistics.stored_table_ids()
    for code in tables:
        if code not in known:
            listed = ", ".join(known) or "none loaded"
            raise ParamError("table", f"no table {code!r}. Tables: {listed}.")


def _check_areas(tables: list[str], areas: list[str]) -> None:
    if not areas:
        return
    known = statistics.known_area_codes(tables, areas)
    unknown = [code for code in areas if code not in known]
    if unknown:
        raise ParamError(
            "area", f"unknown area code(s): {', '.join(unknown)}. See /api/areas for the codes."
        )


def _check_bounds(query: ObservationQuery) -> None:
    """``from``/``to`` must be periods of the tables' own frequency: periods of one frequency
    compare correctly as text (stored rows) and as keys (derived rows), mixed ones do not."""
    if not (query.start or query.end):
        return
    frequencies = statistics.period_frequencies(query.tables)
    for name, value in (("from", query.start), ("to", query.end)):
        if not value:
            continue
        for table in query.tables:
            kind = _frequency_word(frequencies[table])
            if not kind or kind == frequency(value):
                continue
            raise ParamError(
                name,
                f"{value!r} is a {frequency(value)} but {table} has {kind}ly periods; "
                f"use a {kind} such as {EXAMPLES[kind]}.",
            )


def _split_contents(tables: list[str], contents: list[str]) -> tuple[list[str], list[str]]:
    stored: set[str] = set()
    for codes in statistics.stored_content_codes(tables).values():
        stored |= codes
    plain, derived = [], []
    for content in contents:
        if content in stored:
            plain.append(content)
        elif statistics.is_derived_statistic(content, stored):
            derived.append(content)
        else:
            raise ParamError(
                "content",
                f"{content!r} is neither a content code of {', '.join(tables)} nor a derived "
                f"statistic. Derived statistics: {', '.join(statistics.ratio_statistic_names())}, "
                "and any content code or derived statistic with _ma12, _yoy or _yoy_pct. See "
                "/api/tables.",
            )
    return plain, derived


def _check_derived(query: ObservationQuery, derived: list[str]) -> frozenset[str]:
    """Derived statistics are computed per area (and per extra code of a table with a further
    dimension), at most `MAX_DERIVED_SERIES` series; the tables with a further dimension."""
    if not derived:
        return frozenset()
    if not query.areas:
        raise ParamError("area", "derived statistics need one or more area codes (e.g. area=MK08).")
    found = statistics.further_dimension_tables(query.tables)
    further = [table for table in query.tables if table in found]
    if further and not query.extras:
        raise ParamError(
            "extra",
            f"{', '.join(further)} has a further dimension (occupation); derived statistics need "
            "one or more extra= codes (e.g. extra=SSS for all occupations).",
        )
    count = len(query.tables) * len(query.areas) * len(derived) * len(query.extras or [""])
    if count > MAX_DERIVED_SERIES:
        raise ParamError(
            "area",
            f"{count} derived series requested; at most {MAX_DERIVED_SERIES} per request "
            "(areas × extra codes × derived statistics). Ask for fewer areas or extra codes.",
        )
    return found


def _check_cells(query: ObservationQuery, contents: list[str] | None, max_cells: int) -> None:
    """A query may match at most ``max_cells`` stored cells (``settings.API_MAX_CELLS``): each
    page of a larger one would count and sort them all. Counted before anything is read, and
    only up to the bound; the refusal names the filters not yet given."""
    found = statistics.stored_cells_at_most(
        query.tables,
        contents=contents,
        areas=query.areas,
        extras=query.extras,
        start=query.start,
        end=query.end,
        periods=query.periods,
        cap=max_cells,
    )
    if found <= max_cells:
        return
    missing = [
        name
        for name, given in (
            ("area", query.areas),
            ("content", query.contents),
            ("from", query.start or query.periods),
            ("to", query.end or query.periods),
        )
        if not given
    ]
    narrow = ", ".join(f"{name}=" for name in missing) or "fewer codes or a shorter span"
    raise ParamError(
        missing[0] if missing else "area",
        f"the query matches more than {max_cells} stored cells, more than one request reads; "
        f"narrow it with {narrow} (e.g. area=MK08, from=2025M01), then page with limit and offset.",
    )


def checked_observation_query(
    query: ObservationQuery, max_cells: int | None = None
) -> CheckedQuery:
    """The query checked against the stored tables, in this order: tables, areas, the bounds'
    frequency, contents, what derived statistics need, then how many stored cells it matches
    (at most ``max_cells``, by default ``settings.API_MAX_CELLS``)."""
    _check_tables(query.tables)
    _check_areas(query.tables, query.areas)
    _check_bounds(query)
    if query.contents:
        plain, derived = _split_contents(query.tables, query.contents)
    else:
        plain, derived = [], []
    contents = plain if query.contents else None
    per_extra = _check_derived(query, derived)
    _check_cells(query, contents, settings.API_MAX_CELLS if max_cells is None else max_cells)
    return CheckedQuery(
        query=query,
        contents=contents,
        statistics=derived,
        per_extra=per_extra,
    )
