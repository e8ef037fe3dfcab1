"""Problems found in a programme file and the messages that describe them.

Every message is a module constant so that tests assert the exact wording users see, and the
wording lives in one place (docs/programme-file.md quotes these). A problem renders as

    FILE: message                      (the file as a whole: size, encoding, emptiness)
    FILE:LINE:COLUMN: message          (YAML syntax)
    FILE:LINE PATH: message            (a field; PATH starts at the document root)
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_REPORTED_PROBLEMS = 50

# The file as a whole.
FILE_UNREADABLE = "cannot read the file: {reason}"
FILE_TOO_LARGE = "the file is {size} bytes; a programme file may be at most {limit} bytes (2 MB)"
FILE_EMPTY = "the file is empty; expected a programme file (format: seuraamo-programme/1)"
FILE_HAS_NUL_BYTE = "binary file: NUL byte at byte offset {offset}; a programme file is UTF-8 text"
FILE_NOT_UTF8 = "not UTF-8 text: invalid byte 0x{byte:02x} at byte offset {offset}"

# YAML syntax and the YAML features the format does not allow.
YAML_SYNTAX = "invalid YAML: {problem}"
YAML_ALIAS = "anchors and aliases (*name) are not supported; write the value out"
YAML_COMPLEX_KEY = "a mapping key must be plain text"
YAML_DUPLICATE_FIELD = 'duplicate field "{name}"; it already appears on line {first_line}'

# Structure (schema).
TOP_LEVEL_NOT_MAPPING = (
    "the top level must be a mapping (format, organisations, programme), not {actual}"
)
WRONG_FORMAT = 'expected "{expected}", got {actual}'
UNKNOWN_FIELD = "unknown field; expected one of: {allowed}"
MISSING_FIELD = "missing required field"
WRONG_TYPE = "expected {expected}, got {actual}"
UNKNOWN_VALUE = "unknown value {actual}; expected one of: {allowed}"
EMPTY_TEXT = "must not be empty"
TEXT_TOO_LONG = "is {length} characters long; at most {limit} are allowed"
NUMBER_OUT_OF_RANGE = "{actual} is out of range; expected {low}–{high}"
INVALID_DATE = "expected a date (YYYY-MM-DD), got {actual}"
INVALID_SLUG = "invalid key {actual}; use letters, digits, hyphens and underscores"
INVALID_THEME_NUMBER = (
    'invalid theme number {actual}; expected digits separated by dots, e.g. "4.3"'
)
INVALID_AREA_CODE = "invalid municipality code {actual}; expected KU + 3 digits, e.g. KU285"
DUPLICATE_LIST_ITEM = "lists the same value twice"
SCHEMA_OTHER = "{detail}"

# Meaning (semantic checks).
DUPLICATE_KEY = 'duplicate {kind} "{key}"; it is already defined on line {first_line}'
UNKNOWN_ORGANISATION = 'unknown organisation "{key}"'
ORGANISATION_LISTED_TWICE = 'organisation "{key}" is already listed on line {first_line}'
SUCCESSOR_CYCLE = "successor cycle: {cycle}"
INVALID_BUSINESS_ID = 'invalid business id (Y-tunnus) "{value}": {reason}'
BUSINESS_ID_FORM = "expected seven digits, a hyphen and a check digit, e.g. 0160225-7"
BUSINESS_ID_CHECK_DIGIT = "the check digit does not match"
INVALID_URL = 'invalid web address "{value}"; expected e.g. https://www.kotka.fi'
END_BEFORE_START = "{end_field} {end} is before {start_field} {start}"
OFFICIAL_WITHOUT_STATISTIC = (
    "an official indicator needs statistic: {table: ..., content_code: ..., area: ...}"
)
MANUAL_WITH_STATISTIC = "a manual indicator must not have statistic"
INVALID_DECIMAL = "{actual} does not fit: at most 11 digits before and 3 after the decimal point"
KEY_USED_BY_OTHER_PROGRAMME = '{kind} key "{key}" is already used by programme "{programme}"'
DATABASE_REJECTED = "the database rejected the {kind}: {detail}"

# Summary lines.
MORE_PROBLEMS = "... and {count} more problem(s) not shown"
NOTHING_IMPORTED = "{file}: {count} problem(s) found; the database was not changed"

PathPart = str | int
Path = tuple[PathPart, ...]


def format_path(path: Path) -> str:
    """Dotted keys and [index] for list items, as a reader would type it to find the spot."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "(document)"


@dataclass(frozen=True, order=True)
class Problem:
    line: int | None
    path: Path | None
    message: str
    column: int | None = None

    def render(self, file: str) -> str:
        if self.line is None:
            return f"{file}: {self.message}"
        if self.path is None:
            return f"{file}:{self.line}:{self.column or 1}: {self.message}"
        return f"{file}:{self.line} {format_path(self.path)}: {self.message}"


class ProgrammeFileError(Exception):
    """Raised with every problem found, so one run shows the author all that needs fixing."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = sorted(set(problems), key=_sort_key)
        super().__init__(self.summary())

    def messages(self, limit: int = MAX_REPORTED_PROBLEMS) -> list[str]:
        shown = [problem.render(self.file) for problem in self.problems[:limit]]
        hidden = len(self.problems) - limit
        if hidden > 0:
            shown.append(MORE_PROBLEMS.format(count=hidden))
        return shown

    def summary(self) -> str:
        return NOTHING_IMPORTED.format(file=self.file, count=len(self.problems))


def _sort_key(problem: Problem) -> tuple[int, str, str]:
    path = format_path(problem.path) if problem.path is not None else ""
    return (problem.line or 0, path, problem.message)
