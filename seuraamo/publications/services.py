"""Writing publication figures: the CSV template import (every row checked before anything is
stored; one transaction; a changed value keeps its old one as a revision), and storing a checked
Työvoimabarometri reading."""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from seuraamo.core.data_version import bump_data_version
from seuraamo.periods import Period
from seuraamo.publications.models import (
    BarometerAssessment,
    BarometerLoad,
    Publication,
    PublicationFigure,
    PublicationFigureRevision,
)
from seuraamo.publications.tyovoimabarometri import Reading

#: The CSV template's header (UTF-8, comma-separated, decimal point; see docs/data-sources.md).
TEMPLATE_HEADER = ("publication", "area", "indicator", "period", "value")
CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,59}")
MAX_ROWS = 100_000


class FigureFileError(ValueError):
    """A bad template file; the message names the file and the line."""


@dataclass(frozen=True)
class ImportResult:
    rows: int
    inserted: int
    changed: int
    unchanged: int


def _row_error(name: str, line: int, message: str) -> FigureFileError:
    return FigureFileError(f"{name}:{line}: {message}")


def read_template(path: Path) -> list[tuple[str, str, str, str, float, int]]:
    """The rows of a template file as (publication, area, indicator, period, value, line)."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise FigureFileError(f"{name}: not UTF-8 text ({error.reason})") from None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(cell.strip() for cell in header) != TEMPLATE_HEADER:
        raise _row_error(name, 1, f"the header must be {','.join(TEMPLATE_HEADER)}")
    known = set(Publication.objects.values_list("key", flat=True))
    rows = []
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(TEMPLATE_HEADER):
            raise _row_error(name, line, f"{len(row)} fields, expected {len(TEMPLATE_HEADER)}")
        publication, area, indicator, period, text_value = (cell.strip() for cell in row)
        if publication not in known:
            raise _row_error(name, line, f"unknown publication {publication[:60]!r}")
        for field, value in (("area", area), ("indicator", indicator)):
            if not CODE.fullmatch(value):
                raise _row_error(name, line, f"{field} {value[:60]!r} is not a code")
        if not Period.is_valid(period):
            raise _row_error(name, line, f"period {period[:20]!r} is not like 2026H1 or 2026")
        try:
            number = float(text_value)
        except ValueError:
            raise _row_error(name, line, f"value {text_value[:20]!r} is not a number") from None
        if not math.isfinite(number):
            raise _row_error(name, line, f"value {text_value[:20]!r} is not a finite number")
        rows.append((publication, area, indicator, period, number, line))
        if len(rows) > MAX_ROWS:
            raise _row_error(name, line, f"more than {MAX_ROWS} rows")
    return rows


def keep_previous_value(*, figure: PublicationFigure, value: float, source: str) -> bool:
    """Before a figure's value changes, keep the stored one as a revision naming where the new
    value came from; False when the value does not change (nothing is kept)."""
    stored = PublicationFigure.objects.filter(pk=figure.pk).values_list("value", flat=True).first()
    if stored is None or stored == value:
        return False
    PublicationFigureRevision.objects.create(figure=figure, previous_value=stored, source=source)
    return True


@transaction.atomic
def import_figures(path: Path) -> ImportResult:
    """Import a template file: all rows or none. A changed value is updated and its previous
    value kept as a :class:`PublicationFigureRevision`."""
    rows = read_template(path)
    publications = {p.key: p for p in Publication.objects.all()}
    inserted = changed = unchanged = 0
    for key, area, indicator, period, value, _line in rows:
        figure, created = PublicationFigure.objects.get_or_create(
            publication=publications[key],
            area_code=area,
            indicator=indicator,
            period=period,
            defaults={"value": value},
        )
        if created:
            inserted += 1
        elif keep_previous_value(figure=figure, value=value, source=f"import {path.name}"):
            figure.value = value
            figure.save(update_fields=["value", "updated_at"])
            changed += 1
        else:
            unchanged += 1
    if inserted or changed:
        bump_data_version()
    return ImportResult(len(rows), inserted, changed, unchanged)


@transaction.atomic
def store_barometer(reading: Reading) -> BarometerLoad:
    """Store a checked barometer reading in one transaction: the months it covers replace what
    was stored for them (the barometer republishes a month whole; the load records the source)."""
    names = {occupation.code: occupation.name_fi for occupation in reading.occupations}
    load = BarometerLoad.objects.create(
        source=reading.source[:300],
        months=",".join(reading.months)[:200],
        rows=len(reading.assessments),
        constructed=reading.constructed,
        note=reading.note[:500],
    )
    BarometerAssessment.objects.filter(month__in=reading.months).delete()
    BarometerAssessment.objects.bulk_create(
        (
            BarometerAssessment(
                load=load,
                occupation_code=row.occupation_code,
                occupation_name_fi=names.get(row.occupation_code, "")[:200],
                area_code=row.area_code,
                month=row.month,
                state=row.state,
                severity=row.severity,
                unemployed=row.unemployed,
                employed=row.employed,
                vacancies=row.vacancies,
            )
            for row in reading.assessments
        ),
        batch_size=2000,
    )
    bump_data_version()
    return load
