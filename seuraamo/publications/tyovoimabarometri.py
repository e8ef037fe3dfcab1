"""Työvoimabarometri (the labour-force barometer, KEHA-keskus): its monthly matching assessment
by occupation and region, read from the JSON its public web interface uses, or from a saved
file of the same answers. Plain Python, no Django.

The interface is undocumented and unversioned (facts in docs/data-sources.md): every answer is
checked field by field, and a changed shape stops the read with one line naming the answer and
the field (``GET https://…/api/ammatit: [3].koodi: expected a 4-digit occupation code, got
'12'``). Nothing is stored from a read that failed anywhere.

::

    source = HttpSource(settings.TYOVOIMABAROMETRI_BASE_URL)  # pacing, retries: seuraamo.transport
    reading = read_barometer(source, months=1)
    source = BundleSource(Path("tyovoimabarometri-2026-06.json"))  # the same answers, saved

A *bundle* file is ``{"source": …, "note": …, "constructed": false, "answers": {path: answer}}``
with each answer verbatim under its API path (``/api/ammatit``, …); ``HttpSource(record=True)``
keeps what it fetched so that a sync can save one. A bundle whose ``constructed`` is true holds
invented test figures, and what is stored from it is marked so.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from seuraamo.official_stats.pxweb.jsonstat import refuse_json_constant
from seuraamo.official_stats.pxweb.sizes import MAX_DOCUMENT_BYTES
from seuraamo.transport import HttpRequestError, RetryPolicy, SlidingWindowLimiter, Transport

#: Calls per window: the site states no limit, so a polite pace (about 420 calls per month read).
MAX_CALLS, WINDOW_SECONDS = 60, 60.0
#: The largest answer read: a guard against a runaway answer, far above what the lists hold.
MAX_ANSWER_BYTES = 16 * 1024 * 1024

OCCUPATIONS_PATH = "/api/ammatit"
REGIONS_PATH = "/api/Paikka/regions"
LATEST_PATH = "/api/Tyollisyys/kohtaanto/date"

#: kohtaantotila: the matching state of an occupation in a region.
STATES = {0: "balance", 1: "oversupply", 2: "matching-problem", 3: "shortage", 99: "error"}
SEVERITIES = range(1, 6)  # kohtaantoaste: 1 balance … 5 alarming

_OCCUPATION_CODE = re.compile(r"[0-9]{4}")
_REGION_CODE = re.compile(r"[0-9]{2}")
_MONTH = re.compile(r"(20[0-9]{2})-(0[1-9]|1[0-2])")
_ID = re.compile(r"[A-Za-z0-9-]{1,64}")


class BarometerError(Exception):
    """A read that cannot go on; the message names the answer (URL or file and path) and field."""


@dataclass(frozen=True)
class Occupation:
    id: str
    code: str  # Ammattiluokitus 2010, 4 digits
    name_fi: str


@dataclass(frozen=True)
class Region:
    id: str
    area_code: str  # Statistics Finland's region code: "08" -> "MK08"
    name_fi: str


@dataclass(frozen=True)
class Assessment:
    occupation_code: str
    area_code: str
    month: str  # "2026M06"
    state: int  # a key of STATES
    severity: int | None
    unemployed: int | None  # None when suppressed
    employed: int | None
    vacancies: int | None
    forecast: bool = False


@dataclass
class Reading:
    occupations: list[Occupation]
    regions: list[Region]
    assessments: list[Assessment]
    months: list[str]
    source: str
    constructed: bool = False
    note: str = ""


class Source(Protocol):
    name: str
    constructed: bool
    note: str

    def get(self, path: str) -> Any: ...


def _where(source: Source, path: str) -> str:
    return f"{source.name}{path}" if source.name.startswith("http") else f"{source.name}:{path}"


class HttpSource:
    """The live interface, through the project's transport (:mod:`seuraamo.transport`): a
    timeout on every call, retries with back-off on 429/5xx and network errors, pacing under
    ``max_calls``, answers up to :data:`MAX_ANSWER_BYTES`; a failure is one line naming the URL."""

    constructed = False
    note = ""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 30.0,
        max_attempts: int = 5,
        backoff_base: float = 1.0,
        max_calls: int = MAX_CALLS,
        window_seconds: float = WINDOW_SECONDS,
        sleep: Callable[[float], None] | None = None,
        record: bool = False,
    ) -> None:
        self.name = base_url.rstrip("/")
        limiter = SlidingWindowLimiter(max_calls, window_seconds)
        options: dict[str, Any] = {"sleep": sleep} if sleep else {}
        self.transport = Transport(
            limiter=lambda: limiter,
            timeout=timeout,
            retry=RetryPolicy(max_attempts, backoff_base),
            user_agent="seuraamo-barometer/1.0 (Python urllib)",
            max_answer_bytes=MAX_ANSWER_BYTES,
            **options,
        )
        self.answers: dict[str, Any] | None = {} if record else None

    @property
    def calls(self) -> int:
        return self.transport.calls

    def get(self, path: str) -> Any:
        url = self.name + urllib.parse.quote(path)
        try:
            answer = self.transport.request("GET", url).json()
        except HttpRequestError as error:
            raise BarometerError(str(error)) from None
        if self.answers is not None:
            self.answers[path] = answer
        return answer

    def bundle(self) -> dict[str, Any]:
        """What was fetched, as a bundle file's content."""
        return {"source": self.name, "constructed": False, "answers": self.answers or {}}


class BundleSource:
    """Answers saved in a bundle file (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.name = path.name
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise BarometerError(f"{path.name}: larger than {MAX_DOCUMENT_BYTES // 2**20} MiB")
        try:
            document = json.loads(
                path.read_text(encoding="utf-8-sig"), parse_constant=refuse_json_constant
            )
        except (ValueError, UnicodeDecodeError, RecursionError) as error:
            raise BarometerError(f"{path.name}: not a JSON file ({error})") from None
        if not isinstance(document, Mapping) or not isinstance(document.get("answers"), Mapping):
            raise BarometerError(f"{path.name}: expected an object with 'answers' by API path")
        constructed = document.get("constructed", False)
        if not isinstance(constructed, bool):
            raise BarometerError(f"{path.name}: constructed: expected true or false")
        self.constructed = constructed
        self.note = str(document.get("note", ""))[:500]
        self.answers: Mapping[str, Any] = document["answers"]

    def get(self, path: str) -> Any:
        if path not in self.answers:
            raise BarometerError(f"{self.name}: there is no answer for {path}")
        return self.answers[path]


# --- checking the answers ----------------------------------------------------------------------


def _list(answer: Any, where: str) -> list[Any]:
    if not isinstance(answer, list):
        raise BarometerError(f"{where}: expected a list, got {type(answer).__name__}")
    return answer


def _text(row: Mapping[str, Any], key: str, where: str, pattern: re.Pattern[str] | None) -> str:
    value = row.get(key)
    if not isinstance(value, str) or (pattern is not None and not pattern.fullmatch(value)):
        raise BarometerError(f"{where}.{key}: unexpected value {str(value)[:40]!r}")
    return value


def _count(row: Mapping[str, Any], key: str, where: str) -> int | None:
    """A count, or None when the answer flags it suppressed (``…Sensuroitu``) or leaves it out."""
    if row.get(key + "Sensuroitu") is True:
        return None
    value = row.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 10**8:
        raise BarometerError(f"{where}.{key}: expected a count, got {str(value)[:40]!r}")
    if value != int(value):
        raise BarometerError(f"{where}.{key}: expected a whole number, got {value!r}")
    return int(value)


def _coded_rows(
    answer: Any, where: str, pattern: re.Pattern[str], expected: str
) -> list[tuple[str, str, str]]:
    """The (id, koodi, nimi) of each row of a list answer, every field checked."""
    rows = []
    for index, row in enumerate(_list(answer, where)):
        here = f"{where}: [{index}]"
        if not isinstance(row, Mapping):
            raise BarometerError(f"{here}: expected an object")
        code = row.get("koodi")
        if not isinstance(code, str) or not pattern.fullmatch(code):
            raise BarometerError(f"{here}.koodi: expected {expected}, got {str(code)[:40]!r}")
        name = _text(row, "nimi", here, None).strip()[:200]
        rows.append((_text(row, "id", here, _ID), code, name))
    return rows


def parse_occupations(answer: Any, where: str) -> list[Occupation]:
    rows = _coded_rows(answer, where, _OCCUPATION_CODE, "a 4-digit occupation code")
    if not rows:
        raise BarometerError(f"{where}: the list of occupations is empty")
    return [Occupation(identifier, code, name) for identifier, code, name in rows]


def parse_regions(answer: Any, where: str) -> list[Region]:
    rows = _coded_rows(answer, where, _REGION_CODE, "a 2-digit region number")
    return [Region(identifier, f"MK{code}", name) for identifier, code, name in rows]


def month_code(text: Any, where: str) -> str:
    """ "2026-06" -> "2026M06"."""
    match = _MONTH.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise BarometerError(f"{where}: expected a month like 2026-06, got {str(text)[:40]!r}")
    return f"{match.group(1)}M{match.group(2)}"


def parse_latest_month(answer: Any, where: str) -> str:
    if not isinstance(answer, Mapping):
        raise BarometerError(f"{where}: expected an object with 'value'")
    return month_code(answer.get("value"), f"{where}: value")


def parse_assessments(
    answer: Any, where: str, occupation: Occupation, regions: Mapping[str, Region], month: str
) -> list[Assessment]:
    found = []
    for index, row in enumerate(_list(answer, where)):
        here = f"{where}: [{index}]"
        if not isinstance(row, Mapping):
            raise BarometerError(f"{here}: expected an object")
        region = regions.get(str(row.get("groupingId")))
        if region is None:
            raise BarometerError(
                f"{here}.groupingId: {str(row.get('groupingId'))[:40]!r} is not a listed region"
            )
        state = row.get("kohtaantotila")
        if isinstance(state, bool) or state not in STATES:
            raise BarometerError(
                f"{here}.kohtaantotila: expected one of 0, 1, 2, 3, 99, got {str(state)[:20]!r}"
            )
        severity = row.get("kohtaantoaste")
        if severity is not None and (isinstance(severity, bool) or severity not in SEVERITIES):
            raise BarometerError(f"{here}.kohtaantoaste: expected 1–5, got {str(severity)[:20]!r}")
        if "kohtaantoTime" in row and month_code(row["kohtaantoTime"], here) != month:
            raise BarometerError(f"{here}.kohtaantoTime: {row['kohtaantoTime']!r} is not {month}")
        found.append(
            Assessment(
                occupation_code=occupation.code,
                area_code=region.area_code,
                month=month,
                state=int(state),
                severity=int(severity) if severity is not None else None,
                unemployed=_count(row, "tyottomat", here),
                employed=_count(row, "toissa", here),
                vacancies=_count(row, "tyopaikat", here),
            )
        )
    return found


def _api_month(month: str) -> str:
    return f"{month[:4]}-{month[5:]}"


def _earlier_months(latest: str, count: int) -> list[str]:
    year, month = int(latest[:4]), int(latest[5:])
    found = []
    for _ in range(count):
        found.append(f"{year:04d}M{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return sorted(found)


def read_barometer(source: Source, months: int = 1) -> Reading:
    """The latest ``months`` months of every occupation in every region, all checked."""
    occupations = parse_occupations(source.get(OCCUPATIONS_PATH), _where(source, OCCUPATIONS_PATH))
    regions = parse_regions(source.get(REGIONS_PATH), _where(source, REGIONS_PATH))
    by_id = {region.id: region for region in regions}
    latest = parse_latest_month(source.get(LATEST_PATH), _where(source, LATEST_PATH))
    wanted = _earlier_months(latest, months)
    assessments: list[Assessment] = []
    seen: set[tuple[str, str, str]] = set()
    for occupation in occupations:
        for month in wanted:
            path = f"/api/Tyollisyys/kohtaanto/Ammatti/{occupation.id}/{_api_month(month)}"
            where = _where(source, path)
            for row in parse_assessments(source.get(path), where, occupation, by_id, month):
                key = (row.occupation_code, row.area_code, row.month)
                if key in seen:
                    raise BarometerError(
                        f"{where}: {row.area_code} {row.occupation_code} {row.month} twice"
                    )
                seen.add(key)
                assessments.append(row)
    return Reading(
        occupations=occupations,
        regions=regions,
        assessments=assessments,
        months=wanted,
        source=source.name,
        constructed=source.constructed,
        note=source.note,
    )
