"""Query parameters of the data API, checked one by one: a bad value is a `ParamError` naming the
parameter, the value and what would be accepted."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import QueryDict

from seuraamo.official_stats.pxweb.periods import Period

CODE_CHARACTERS = r"[A-Za-z0-9_./\-]{1,80}"
CODE = re.compile(CODE_CHARACTERS)
#: A comma-separated list of codes, as the OpenAPI document states it.
CODE_LIST_PATTERN = f"^{CODE_CHARACTERS}(,{CODE_CHARACTERS})*$"
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
            if not CODE.fullmatch(code):
                raise ParamError(name, f"{code!r} is not a valid code.")
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
