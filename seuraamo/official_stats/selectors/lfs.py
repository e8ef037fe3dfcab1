"""The labour force survey (tyti): the national key figures (tyti/135z, monthly) and, once
synced, the regional employment rate (tyti/13lx, quarterly) of Kymenlaakso and the country."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from seuraamo.areas.region import COUNTRY, REGION
from seuraamo.core.memo import once_per_build, sharing
from seuraamo.official_stats.derived import readable
from seuraamo.official_stats.models import Observation, StatTable
from seuraamo.official_stats.registry import LFS_NATIONAL_TABLE, LFS_REGIONAL_TABLE
from seuraamo.official_stats.selectors.series import latest_period
from seuraamo.periods import Period

#: The national key figures shown: key -> (measured, trend, seasonally adjusted) content codes.
NATIONAL_CODES: dict[str, tuple[str, str, str]] = {
    "employment_rate": ("Tyollisyysaste_15_64", "tyollaste_15_64_trendi", "Tyollaste_15_64_kausi"),
    "employment_rate_20_64": (
        "Tyollisyysaste_20_64",
        "Tyollaste_20_64_trendi",
        "Tyollaste_20_64_kausi",
    ),
    "unemployment_rate": ("tyti-Tyottomyysaste", "tyottaste_trendi", "Tyottaste_kausi"),
    "youth_unemployment_rate": (
        "Tyottomyysaste_15_24",
        "Tyottaste_15_24_trendi",
        "Tyottaste_15_24_kausi",
    ),
    "employed": ("tyti-Tyolliset", "tyolliset_trendi", "Tyolliset_kausi"),
    "unemployed": ("tyti-Tyottomat", "tyottomat_trendi", "Tyottomat_kausi"),
}


@dataclass(frozen=True)
class LfsFigure:
    key: str
    value: float | None  # as measured
    trend: float | None
    adjusted: float | None  # seasonally adjusted
    unit: str  # "percent" or "thousand persons"


@dataclass(frozen=True)
class NationalLfs:
    period: Period
    updated_at_source: datetime | None
    source: str
    figures: list[LfsFigure]


@dataclass(frozen=True)
class RegionalRate:
    """The employment rate of Kymenlaakso and the whole country in one period (tyti/13lx)."""

    period: Period
    content_code: str
    region: float | None
    country: float | None
    updated_at_source: datetime | None


def _stat_table(table_id: str) -> StatTable | None:
    """The stored table; within a page's build both survey tables come in one query."""
    if sharing():
        return _survey_tables().get(table_id)
    return StatTable.objects.filter(table_id=table_id).first()


@once_per_build
def _survey_tables() -> dict[str, StatTable]:
    tables = StatTable.objects.filter(table_id__in=[LFS_NATIONAL_TABLE, LFS_REGIONAL_TABLE])
    return {table.table_id: table for table in tables}


def national_lfs() -> NationalLfs | None:
    """The latest month of the national labour force survey key figures, or None."""
    table = _stat_table(LFS_NATIONAL_TABLE)
    period = latest_period(LFS_NATIONAL_TABLE)
    if table is None or period is None:
        return None
    codes = [code for triple in NATIONAL_CODES.values() for code in triple]
    values = {
        code: readable(value, status)[0]
        for code, value, status in Observation.objects.filter(
            table=table, period=period, area_code=COUNTRY, content_code__in=codes
        ).values_list("content_code", "value", "status")
    }
    figures = [
        LfsFigure(
            key,
            values.get(measured),
            values.get(trend),
            values.get(adjusted),
            "thousand persons" if key in ("employed", "unemployed") else "percent",
        )
        for key, (measured, trend, adjusted) in NATIONAL_CODES.items()
        if measured in values
    ]
    return NationalLfs(period, table.updated_at_source, table.source, figures)


def _employment_rate_code(codes: list[str]) -> str | None:
    """The content code of the employment rate of 15–64-year-olds as measured (not a trend or a
    seasonally adjusted series): the regional table's codes are read from its metadata at sync."""
    for code in sorted(codes):
        lowered = code.lower()
        measured = not any(word in lowered for word in ("trendi", "kausi"))
        if "tyollisyysaste" in lowered and "15_64" in lowered and measured:
            return code
    return None


def regional_employment_rate(area_code: str = REGION) -> RegionalRate | None:
    """The employment rate of ``area_code`` and the country in the latest stored period of the
    regional labour force survey table, or None when it has not been synced."""
    table = _stat_table(LFS_REGIONAL_TABLE)
    if table is None:
        return None
    stored = Observation.objects.filter(table=table)
    code = _employment_rate_code(list(stored.values_list("content_code", flat=True).distinct()))
    if code is None:
        return None
    period = latest_period(LFS_REGIONAL_TABLE, code)
    if period is None:
        return None
    values = {
        area: readable(value, status)[0]
        for area, value, status in stored.filter(
            content_code=code, period=period, area_code__in=[area_code, COUNTRY]
        ).values_list("area_code", "value", "status")
    }
    return RegionalRate(
        period, code, values.get(area_code), values.get(COUNTRY), table.updated_at_source
    )
