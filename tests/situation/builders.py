"""A small but complete situation picture, written with the ORM: table 12r5 for the six
Kymenlaakso municipalities, the sub-regions, the region and the whole country over 18 months
(2025M01–2026M06), the employment areas as unions of municipalities (computed by the selectors),
one suppressed cell, and table 12ti by occupation for one month. The numbers are invented but
consistent: the region is the sum of its municipalities."""

from __future__ import annotations

import datetime
from functools import cache

from seuraamo.areas.models import Area, AreaMembership
from seuraamo.official_stats.derived import shift_period
from seuraamo.official_stats.models import Observation, StatTable, TableVariable, VariableValue

LATEST = "2026M06"
FIRST = "2025M01"
MUNICIPALITIES = {
    # code: (name_fi, name_sv, unemployed 2026M06, labour force, long-term, under 25, foreign, vacancies)
    "KU075": ("Hamina", "Fredrikshamn", 1159, 8550, 494, 156, 179, 61),
    "KU285": ("Kotka", "Kotka", 3715, 22636, 1399, 523, 674, 141),
    "KU286": ("Kouvola", "Kouvola", 4765, 35274, 2025, 588, 474, 287),
    "KU489": ("Miehikkälä", "Miehikkälä", 98, 701, 46, 15, 14, None),
    "KU624": ("Pyhtää", "Pyttis", 249, 2316, 111, 22, 18, 3),
    "KU935": ("Virolahti", "Virolax", 167, 1187, 85, 11, 18, 0),
}
SOUTH = ["KU075", "KU285", "KU489", "KU624", "KU935"]
COUNTRY_2026 = (352001, 2743596, 144461, 48257, 53812, 26641)
CODES = (
    "TYOTTOMATLOPUSSA",
    "TYOVOIMATK",
    "PITKAAIKAISTYOTTOMAT",
    "TYOTTOMAT25",
    "TYOTTOMATULK",
    "AVPAIKATLOPUSSA",
)
LABELS = {
    "TYOTTOMATLOPUSSA": ("Työttömät työnhakijat", "Arbetslösa arbetssökande", "Unemployed"),
    "TYOVOIMATK": ("Työvoima", "Arbetskraft", "Labour force"),
    "PITKAAIKAISTYOTTOMAT": ("Pitkäaikaistyöttömät", "Långtidsarbetslösa", "Long-term unemployed"),
    "TYOTTOMAT25": ("Alle 25-v. työttömät", "Arbetslösa under 25 år", "Unemployed under 25"),
    "TYOTTOMATULK": ("Ulkomaalaiset työttömät", "Utländska arbetslösa", "Foreign unemployed"),
    "AVPAIKATLOPUSSA": ("Avoimet työpaikat", "Lediga arbetsplatser", "Open vacancies"),
}


@cache
def months() -> tuple[str, ...]:
    found, period = [], FIRST
    while period <= LATEST:
        found.append(period)
        period = shift_period(period, 1)
    return tuple(found)


def municipality_value(code: str, content: str, period: str) -> float | None:
    """2026M06 as in MUNICIPALITIES; earlier months scaled down a little (unemployment grew)."""
    values = MUNICIPALITIES[code][2:]
    base = values[CODES.index(content)]
    if base is None:
        return None
    if content == "TYOVOIMATK":
        return float(base)
    index = months().index(period)
    factor = 0.90 + 0.10 * index / (len(months()) - 1)  # 0.90 … 1.00
    return float(round(base * factor))


def _areas() -> None:
    Area.objects.create(
        code="SSS",
        level="country",
        name_fi="Koko maa",
        name_sv="Hela landet",
        name_en="Whole country",
    )
    region = Area.objects.create(
        code="MK08",
        level="region",
        name_fi="Kymenlaakso",
        name_sv="Kymmenedalen",
        name_en="Kymenlaakso",
    )
    kouvola = Area.objects.create(
        code="SK081",
        level="subregion",
        name_fi="Kouvolan seutukunta",
        name_sv="Kouvola",
        name_en="Kouvola sub-region",
        region=region,
    )
    south = Area.objects.create(
        code="SK082",
        level="subregion",
        name_fi="Kotka-Haminan seutukunta",
        name_sv="Kotka-Fredrikshamn",
        name_en="Kotka-Hamina sub-region",
        region=region,
    )
    south_area = Area.objects.create(
        code="TA04",
        level="employment_area",
        name_fi="Etelä-Kymenlaakson työllisyysalue",
        name_sv="Södra Kymmenedalens sysselsättningsområde",
        name_en="South Kymenlaakso employment area",
    )
    kouvola_area = Area.objects.create(
        code="TA16",
        level="employment_area",
        name_fi="Kouvolan työllisyysalue",
        name_sv="Kouvola sysselsättningsområde",
        name_en="Kouvola employment area",
    )
    for code, (fi, sv, *_values) in MUNICIPALITIES.items():
        municipality = Area.objects.create(
            code=code,
            level="municipality",
            name_fi=fi,
            name_sv=sv,
            name_en=fi,
            region=region,
            subregion=kouvola if code == "KU286" else south,
        )
        AreaMembership.objects.create(
            parent=kouvola_area if code == "KU286" else south_area,
            member=municipality,
            valid_from=datetime.date(2025, 1, 1),
        )


def _table(table_id: str, title: str, contents: list[str]) -> StatTable:
    table = StatTable.objects.create(
        table_id=table_id,
        title_fi=title,
        title_sv=title,
        title_en=title,
        source="KEHA-keskus, Työnvälitystilasto",
        licence="CC BY 4.0",
        updated_at_source=datetime.datetime(2026, 7, 21, 5, 0, tzinfo=datetime.UTC),
    )
    variable = TableVariable.objects.create(table=table, code="contentscode", role="content")
    for order, code in enumerate(contents):
        fi, sv, en = LABELS[code]
        VariableValue.objects.create(
            variable=variable,
            code=code,
            label_fi=fi,
            label_sv=sv,
            label_en=en,
            unit="persons",
            order=order,
        )
    return table


def _sum(values: list[float | None]) -> float | None:
    return None if any(v is None for v in values) else float(sum(values))  # type: ignore[arg-type]


def build_situation() -> None:
    _areas()
    table = _table("tyonv/12r5", "Työttömät työnhakijat", list(CODES))
    rows: list[Observation] = []

    def add(content: str, area: str, period: str, value: float | None) -> None:
        rows.append(
            Observation(
                table=table,
                content_code=content,
                area_code=area,
                period=period,
                value=value,
                status="" if value is not None else "...",
            )
        )

    for period in months():
        # Monthly series of unemployed, labour force and vacancies; the other codes only in June.
        codes = (
            CODES
            if period.endswith("M06")
            else ("TYOTTOMATLOPUSSA", "TYOVOIMATK", "AVPAIKATLOPUSSA")
        )
        for content in codes:
            by_code = {code: municipality_value(code, content, period) for code in MUNICIPALITIES}
            for code, value in by_code.items():
                add(content, code, period, value)
            add(content, "SK081", period, by_code["KU286"])
            add(content, "SK082", period, _sum([by_code[c] for c in SOUTH]))
            region = _sum(list(by_code.values()))
            if content == "AVPAIKATLOPUSSA":
                region = 494.0 if period == LATEST else 450.0
            add(content, "MK08", period, region)
            country = COUNTRY_2026[CODES.index(content)]
            add(
                content,
                "SSS",
                period,
                float(
                    country
                    if period == LATEST or content == "TYOVOIMATK"
                    else round(country * 0.95)
                ),
            )
    Observation.objects.bulk_create(rows)
    _occupations()


OCCUPATIONS = {
    # occupation code: (unemployed, vacancies); None = suppressed
    "1120": (40, 2),
    "2512": (30, None),
    "5131": (900, 120),
    "5322": (500, 214),
    "7212": (1400, 47),
    "9112": (600, 92),
    "X0000": (1600, 8),
}


def _occupations() -> None:
    table = _table(
        "tyonv/12ti",
        "Työttömät ja avoimet työpaikat ammateittain",
        ["TYOTTOMATLOPUSSA", "AVPAIKATLOPUSSA"],
    )
    rows = []
    for code, values in {**OCCUPATIONS, "SSS": (5070, 483)}.items():
        for content, value in zip(("TYOTTOMATLOPUSSA", "AVPAIKATLOPUSSA"), values, strict=True):
            rows.append(
                Observation(
                    table=table,
                    content_code=content,
                    area_code="MK08",
                    extra_code=code,
                    period=LATEST,
                    value=value,
                    status="" if value is not None else "...",
                )
            )
    Observation.objects.bulk_create(rows)


def expected_unemployed(area: str, period: str = LATEST) -> float:
    codes = {
        "MK08": list(MUNICIPALITIES),
        "SK082": SOUTH,
        "TA04": SOUTH,
        "TA16": ["KU286"],
        "SK081": ["KU286"],
    }.get(area, [area])
    return float(sum(municipality_value(c, "TYOTTOMATLOPUSSA", period) or 0 for c in codes))
