"""Occupations for training planning (programme theme 4.3): the occupations with the most open
vacancies per unemployed jobseeker in Kymenlaakso, among those with local jobseekers, from
tyonv/12ti, with Työvoimabarometri's assessment beside each where it is loaded."""

from __future__ import annotations

from django.utils.translation import gettext as _

from seuraamo.core.formatting import current_language, month_name
from seuraamo.official_stats.selectors.occupations import OccupationLine, OccupationLines
from seuraamo.publications.models import BarometerAssessment, BarometerState
from seuraamo.situation.datasets import area_dimension, period_dimension, statistic_dimension
from seuraamo.situation.tables import Category, Column, DataTable, Dimension, Fixed, Row, make_cell

#: An occupation is listed when it has at least this many unemployed jobseekers and vacancies.
MIN_COUNT = 10
SHOWN = 15


def ranked(lines: list[OccupationLine]) -> list[OccupationLine]:
    """The occupations with at least MIN_COUNT unemployed and vacancies, most vacancies per
    unemployed jobseeker first (then most vacancies), at most SHOWN."""
    found = [
        line
        for line in lines
        if (line.unemployed or 0) >= MIN_COUNT and (line.vacancies or 0) >= MIN_COUNT
    ]
    found.sort(key=lambda line: (-(line.vacancies_per_unemployed or 0), -(line.vacancies or 0)))
    return found[:SHOWN]


def occupation_label(line: OccupationLine, barometer: dict[str, BarometerAssessment]) -> str:
    """ "Kodinhoitajat" from Statistics Finland's or the barometer's name (the code is in the
    table's details and downloads), else the code with its major group; with the barometer's
    assessment when one is loaded."""
    language = current_language()
    assessed = barometer.get(line.code)
    name = line.labels.get(language) or line.labels.get("fi")
    if not name and assessed is not None and assessed.occupation_name_fi:
        name = assessed.occupation_name_fi
    if not name:
        group = line.group_labels.get(language) or line.group_labels.get("fi", "")
        name = f"{line.code} ({group})" if group else line.code
    label = name
    if assessed is not None:
        label = _("%(occupation)s – barometer: %(state)s") % {
            "occupation": label,
            "state": BarometerState(assessed.state).label,
        }
    return label


def training_table(
    found: OccupationLines,
    area_name: str,
    barometer: dict[str, BarometerAssessment],
    source: str = "",
    updated: str = "",
) -> DataTable:
    month = month_name(found.period)
    rows = tuple(
        Row(
            line.code,
            occupation_label(line, barometer),
            (
                make_cell(line.unemployed, "", 0),
                make_cell(line.vacancies, "", 0),
                make_cell(line.vacancies_per_unemployed, "", 2),
            ),
        )
        for line in ranked(found.lines)
    )
    return DataTable(
        key="training",
        title=_("Most open vacancies per unemployed jobseeker by occupation, %(area)s, %(month)s")
        % {"area": area_name, "month": month},
        row_dimension=Dimension("occupation", _("Occupation")),
        column_dimension=statistic_dimension(),
        columns=(
            Column("TYOTTOMATLOPUSSA", _("Unemployed jobseekers"), "persons", 0),
            Column("AVPAIKATLOPUSSA", _("Open vacancies"), "vacancies", 0),
            Column("vacancies_per_unemployed", _("Vacancies per unemployed"), "ratio", 2),
        ),
        rows=rows,
        fixed=(
            Fixed(period_dimension(), Category(found.period, month)),
            Fixed(area_dimension(), Category(found.area_code, area_name)),
        ),
        source=source,
        updated=updated,
        note=_(
            "Occupations with at least %(count)s unemployed jobseekers and %(count)s open "
            "vacancies; Statistics Finland does not publish the figures of very small occupations."
        )
        % {"count": MIN_COUNT},
        file_stem=f"seuraamo-training-{found.area_code}-{found.period}",
    )
