"""Unemployed jobseekers and open vacancies by 4-digit occupation (tyonv/12ti), for the
training-planning view of theme 4.3: where are there many vacancies per local jobseeker."""

from __future__ import annotations

from dataclasses import dataclass

from seuraamo.areas.region import COUNTRY, REGION
from seuraamo.official_stats.models import Observation, VariableRole, VariableValue
from seuraamo.official_stats.registry import OCCUPATION_TABLE
from seuraamo.official_stats.selectors.figures import occupation_group_labels
from seuraamo.official_stats.selectors.series import latest_period
from seuraamo.periods import Period

UNEMPLOYED, VACANCIES = "TYOTTOMATLOPUSSA", "AVPAIKATLOPUSSA"


@dataclass(frozen=True)
class OccupationLine:
    """One occupation: its Statistics Finland labels when a sync stored them (else empty), the
    label of its major group, and its two counts (None when suppressed or not stored)."""

    code: str
    labels: dict[str, str]
    group_labels: dict[str, str]
    unemployed: float | None
    vacancies: float | None

    @property
    def vacancies_per_unemployed(self) -> float | None:
        if not self.unemployed or self.vacancies is None:
            return None
        return self.vacancies / self.unemployed


@dataclass(frozen=True)
class OccupationLines:
    area_code: str
    period: Period
    lines: list[OccupationLine]


def _labels() -> dict[str, dict[str, str]]:
    values = VariableValue.objects.filter(
        variable__table__table_id=OCCUPATION_TABLE, variable__role=VariableRole.OTHER
    ).values_list("code", "label_fi", "label_sv", "label_en")
    return {
        code: {
            language: text for language, text in zip(("fi", "sv", "en"), texts, strict=True) if text
        }
        for code, *texts in values
    }


def occupation_lines(
    area_code: str = REGION, period: Period | None = None
) -> OccupationLines | None:
    """Every 4-digit occupation stored for ``area_code`` in ``period`` (default: the latest)."""
    period = period or latest_period(OCCUPATION_TABLE)
    if period is None:
        return None
    rows = Observation.objects.filter(
        table__table_id=OCCUPATION_TABLE,
        area_code=area_code,
        period=period,
        content_code__in=[UNEMPLOYED, VACANCIES],
    ).values_list("content_code", "extra_code", "value")
    counts: dict[str, dict[str, float | None]] = {}
    for content, occupation, value in rows:
        if len(occupation) == 4 and occupation.isdigit() and occupation != COUNTRY:
            counts.setdefault(occupation, {})[content] = value
    labels = _labels()
    groups = occupation_group_labels()
    lines = [
        OccupationLine(
            code=code,
            labels=labels.get(code, {}),
            group_labels={
                language: groups.get(code[:1], {}).get(f"label_{language}", "")
                for language in ("fi", "sv", "en")
            },
            unemployed=found.get(UNEMPLOYED),
            vacancies=found.get(VACANCIES),
        )
        for code, found in sorted(counts.items())
    ]
    return OccupationLines(area_code, period, lines)
