"""Checks that a schema cannot express: references between organisations, keys unique across the
whole file, business id check digits, successor cycles, dates in order, keys already used by
another programme in the database.

The checks run even when the schema found problems, so one run reports everything; that is why
they read the data defensively and skip values of the wrong type (the schema names those).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from seuraamo.organisations.validators import BUSINESS_ID_PATTERN, is_valid_business_id
from seuraamo.programmes.importer.errors import (
    BUSINESS_ID_CHECK_DIGIT,
    BUSINESS_ID_FORM,
    DUPLICATE_KEY,
    END_BEFORE_START,
    INVALID_BUSINESS_ID,
    INVALID_DECIMAL,
    INVALID_URL,
    KEY_USED_BY_OTHER_PROGRAMME,
    MANUAL_WITH_STATISTIC,
    MISSING_FIELD,
    OFFICIAL_WITHOUT_STATISTIC,
    ORGANISATION_LISTED_TWICE,
    SUCCESSOR_CYCLE,
    TOP_LEVEL_NOT_MAPPING,
    UNKNOWN_ORGANISATION,
    WRONG_FORMAT,
    Path,
    Problem,
)
from seuraamo.programmes.importer.loader import Document
from seuraamo.programmes.importer.schema import FORMAT, describe_value, quote, schema_problems
from seuraamo.programmes.models import Goal, Indicator, IndicatorKind, Measure

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LARGEST_VALUE = Decimal(10) ** 11
VALUE_STEP = Decimal("0.001")


def validate_document(document: Document) -> list[Problem]:
    """Every problem in the file; an empty list means the writer may run."""
    problems = list(document.problems)
    data = document.data
    if not isinstance(data, dict):
        actual = describe_value(data)
        return [*problems, document.problem((), TOP_LEVEL_NOT_MAPPING.format(actual=actual))]
    # A file of another format (or of no format) would drown the one useful message in noise.
    if "format" not in data:
        return [*problems, document.problem(("format",), MISSING_FIELD)]
    if data["format"] != FORMAT:
        message = WRONG_FORMAT.format(expected=FORMAT, actual=quote(data["format"]))
        return [*problems, document.problem(("format",), message)]
    checker = _Checker(document)
    checker.run(data)
    return [*problems, *schema_problems(document), *checker.problems, *checker.database_problems()]


def _mappings(value: object, path: Path) -> Iterator[tuple[Path, dict[str, object]]]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield (*path, index), item


def _text(mapping: dict[str, object], name: str) -> str | None:
    value = mapping.get(name)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _date(mapping: dict[str, object], name: str) -> datetime.date | None:
    value = mapping.get(name)
    if isinstance(value, str) and ISO_DATE.match(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _year(mapping: dict[str, object], name: str) -> int | None:
    value = mapping.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _value_fits(value: object) -> bool:
    """DecimalField(max_digits=14, decimal_places=3): SQLite would store anything, PostgreSQL not."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return True
    try:
        number = Decimal(str(value))
        return abs(number) < LARGEST_VALUE and number == number.quantize(VALUE_STEP)
    except InvalidOperation:
        return False


class _Checker:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.problems: list[Problem] = []
        self.first_paths: dict[tuple[str, str], Path] = {}
        self.organisations: set[str] = set()
        self.programme_key: str | None = None

    def add(self, path: Path, message: str) -> None:
        self.problems.append(self.document.problem(path, message))

    def unique(self, kind: str, key: str | None, path: Path) -> None:
        if key is None:
            return
        first = self.first_paths.setdefault((kind, key), path)
        if first != path:
            line = self.document.line_of(first)
            self.add(path, DUPLICATE_KEY.format(kind=kind, key=key, first_line=line))

    def dates_in_order(self, mapping: dict[str, object], path: Path, start: str, end: str) -> None:
        first, last = _date(mapping, start), _date(mapping, end)
        if first and last and last < first:
            message = END_BEFORE_START.format(
                end_field=end, end=last, start_field=start, start=first
            )
            self.add((*path, end), message)

    def reference(self, mapping: dict[str, object], path: Path, listed: dict[str, Path]) -> None:
        key = _text(mapping, "organisation")
        if key is None:
            return
        if key not in self.organisations:
            self.add((*path, "organisation"), UNKNOWN_ORGANISATION.format(key=key))
        elif key in listed:
            line = self.document.line_of(listed[key])
            self.add(
                (*path, "organisation"), ORGANISATION_LISTED_TWICE.format(key=key, first_line=line)
            )
        else:
            listed[key] = (*path, "organisation")

    def run(self, data: dict[str, object]) -> None:
        self.check_organisations(data.get("organisations"))
        programme = data.get("programme")
        if not isinstance(programme, dict):
            return
        path: Path = ("programme",)
        self.programme_key = _text(programme, "key")
        start, end = _year(programme, "start_year"), _year(programme, "end_year")
        if start is not None and end is not None and end < start:
            message = END_BEFORE_START.format(
                end_field="end_year", end=end, start_field="start_year", start=start
            )
            self.add((*path, "end_year"), message)
        members: dict[str, Path] = {}
        for member_path, member in _mappings(
            programme.get("steering_group"), (*path, "steering_group")
        ):
            self.reference(member, member_path, members)
            self.dates_in_order(member, member_path, "valid_from", "valid_until")
        for theme_path, theme in _mappings(programme.get("themes"), (*path, "themes")):
            self.check_theme(theme, theme_path)

    def check_organisations(self, organisations: object) -> None:
        successors: dict[str, dict[str, Path]] = {}
        for path, organisation in _mappings(organisations, ("organisations",)):
            key = _text(organisation, "key")
            self.unique("organisation key", key, (*path, "key"))
            if key is not None:
                self.organisations.add(key)
            business_id = _text(organisation, "business_id")
            if business_id and not is_valid_business_id(business_id):
                reason = (
                    BUSINESS_ID_CHECK_DIGIT
                    if BUSINESS_ID_PATTERN.match(business_id)
                    else BUSINESS_ID_FORM
                )
                message = INVALID_BUSINESS_ID.format(value=business_id, reason=reason)
                self.add((*path, "business_id"), message)
            website = _text(organisation, "website")
            if website:
                try:
                    URLValidator()(website)
                except ValidationError:
                    self.add((*path, "website"), INVALID_URL.format(value=website))
            self.dates_in_order(organisation, path, "valid_from", "valid_until")
            targets: dict[str, Path] = {}
            for succession_path, succession in _mappings(
                organisation.get("successors"), (*path, "successors")
            ):
                target = _text(succession, "organisation")
                if target is None:
                    continue
                if target in targets:
                    first = self.document.line_of(targets[target])
                    message = ORGANISATION_LISTED_TWICE.format(key=target, first_line=first)
                    self.add((*succession_path, "organisation"), message)
                    continue
                targets[target] = (*succession_path, "organisation")
            if key is not None:
                successors.setdefault(key, targets)
        for targets in successors.values():
            for target, path in targets.items():
                if target not in self.organisations:
                    self.add(path, UNKNOWN_ORGANISATION.format(key=target))
        self.check_cycles(successors)

    def check_cycles(self, successors: dict[str, dict[str, Path]]) -> None:
        """Report each cycle once, at its member that comes first in the file."""
        reported: set[frozenset[str]] = set()
        for start in successors:
            chain = _path_back(start, successors)
            if chain is None or frozenset(chain) in reported:
                continue
            reported.add(frozenset(chain))
            path = successors[start][chain[1] if len(chain) > 1 else start]
            self.add(path, SUCCESSOR_CYCLE.format(cycle=" → ".join([*chain, start])))

    def check_theme(self, theme: dict[str, object], path: Path) -> None:
        self.unique("theme number", _text(theme, "number"), (*path, "number"))
        for indicator_path, indicator in _mappings(theme.get("indicators"), (*path, "indicators")):
            self.check_indicator(indicator, indicator_path)
        for goal_path, goal in _mappings(theme.get("goals"), (*path, "goals")):
            self.unique("goal key", _text(goal, "key"), (*goal_path, "key"))
            coordinators: dict[str, Path] = {}
            for coordinator_path, coordinator in _mappings(
                goal.get("coordinators"), (*goal_path, "coordinators")
            ):
                self.reference(coordinator, coordinator_path, coordinators)
            for measure_path, measure in _mappings(goal.get("measures"), (*goal_path, "measures")):
                self.unique("measure key", _text(measure, "key"), (*measure_path, "key"))
            for indicator_path, indicator in _mappings(
                goal.get("indicators"), (*goal_path, "indicators")
            ):
                self.check_indicator(indicator, indicator_path)

    def check_indicator(self, indicator: dict[str, object], path: Path) -> None:
        self.unique("indicator key", _text(indicator, "key"), (*path, "key"))
        kind = indicator.get("kind")
        if kind == IndicatorKind.OFFICIAL and "statistic" not in indicator:
            self.add((*path, "statistic"), OFFICIAL_WITHOUT_STATISTIC)
        if kind == IndicatorKind.MANUAL and "statistic" in indicator:
            self.add((*path, "statistic"), MANUAL_WITH_STATISTIC)
        baseline = indicator.get("baseline")
        if isinstance(baseline, dict) and not _value_fits(baseline.get("value")):
            self.add((*path, "baseline", "value"), INVALID_DECIMAL.format(actual=baseline["value"]))
        years: dict[tuple[int, str], Path] = {}
        for target_path, target in _mappings(indicator.get("targets"), (*path, "targets")):
            if not _value_fits(target.get("value")):
                self.add((*target_path, "value"), INVALID_DECIMAL.format(actual=target["value"]))
            year = _year(target, "year")
            if year is None:
                continue
            area = str(target.get("area") or "")
            if (year, area) in years:
                line = self.document.line_of(years[(year, area)])
                shown = f"{year} {area}".strip()
                message = DUPLICATE_KEY.format(kind="target year", key=shown, first_line=line)
                self.add((*target_path, "year"), message)
            else:
                years[(year, area)] = (*target_path, "year")

    def database_problems(self) -> list[Problem]:
        """Goal, measure and indicator keys are unique across all programmes: importing one
        programme must not quietly take over another programme's rows."""
        if self.programme_key is None:
            return []
        problems = []
        lookups: dict[str, tuple[type[Goal | Measure | Indicator], list[str]]] = {
            "goal key": (Goal, ["theme__programme__key"]),
            "measure key": (Measure, ["goal__theme__programme__key"]),
            "indicator key": (Indicator, ["goal__theme__programme__key", "theme__programme__key"]),
        }
        for kind, (model, programme_fields) in lookups.items():
            paths = {key: path for (k, key), path in self.first_paths.items() if k == kind}
            if not paths:
                continue
            rows = model.objects.filter(key__in=paths).values_list("key", *programme_fields)
            for key, *programmes in rows:
                owner = next((p for p in programmes if p), None)
                if owner != self.programme_key:
                    message = KEY_USED_BY_OTHER_PROGRAMME.format(
                        kind=kind.split()[0], key=key, programme=owner
                    )
                    problems.append(self.document.problem(paths[key], message))
        return problems


def _path_back(start: str, successors: dict[str, dict[str, Path]]) -> list[str] | None:
    """The organisations on a succession path from `start` back to itself, or None."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        current, chain = stack.pop()
        for following in successors.get(current, {}):
            if following == start:
                return chain
            if following not in seen:
                seen.add(following)
                stack.append((following, [*chain, following]))
    return None
