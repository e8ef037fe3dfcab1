"""Small statistics data for API and page tests, written with the ORM: table 12r5 for Kymenlaakso,
the whole country and two municipalities over a few months, with one suppressed cell."""

from __future__ import annotations

from seuraamo.areas.models import Area
from seuraamo.official_stats.models import Observation, StatTable, TableVariable, VariableValue

TABLE = "tyonv/12r5"
#: (content, area, period) -> value; None = suppressed ("...").
CELLS: dict[tuple[str, str, str], float | None] = {
    ("TYOTTOMATLOPUSSA", "MK08", "2021M06"): 9334,
    ("TYOVOIMATK", "MK08", "2021M06"): 72357,
    ("TYOTTOMATLOPUSSA", "MK08", "2021M07"): 9500,
    ("TYOVOIMATK", "MK08", "2021M07"): 72357,
    ("TYOTTOMATLOPUSSA", "MK08", "2020M06"): 11209,
    ("TYOVOIMATK", "MK08", "2020M06"): 73000,
    ("TYOTTOMATLOPUSSA", "SSS", "2021M06"): 293000,
    ("TYOVOIMATK", "SSS", "2021M06"): 2700000,
    ("AVPAIKATLOPUSSA", "MK08", "2021M06"): 900,
    ("TYOTTOMATLOPUSSA", "KU489", "2021M06"): 100,
    ("AVPAIKATLOPUSSA", "KU489", "2021M06"): None,
}
AREAS = [
    ("SSS", "country", "Koko maa", "Hela landet", "Whole country"),
    ("MK08", "region", "Kymenlaakso", "Kymmenedalen", "Kymenlaakso"),
    ("KU489", "municipality", "Miehikkälä", "Miehikkälä", "Miehikkälä"),
    ("KU285", "municipality", "Kotka", "Kotka", "Kotka"),
]
CONTENTS = [
    (
        "TYOTTOMATLOPUSSA",
        "Työttömät työnhakijat",
        "Arbetslösa arbetssökande",
        "Unemployed",
        "persons",
    ),
    ("TYOVOIMATK", "Työvoima", "Arbetskraft", "Labour force", "persons"),
    ("AVPAIKATLOPUSSA", "Avoimet työpaikat", "Lediga arbetsplatser", "Open vacancies", "persons"),
]


def build_small_12r5() -> StatTable:
    table = StatTable.objects.create(
        table_id=TABLE,
        title_fi="Työttömät työnhakijat",
        title_sv="Arbetslösa arbetssökande",
        title_en="Unemployed jobseekers",
        source="KEHA-keskus, Työnvälitystilasto",
        licence="CC BY 4.0",
    )
    content = TableVariable.objects.create(table=table, code="contentscode", role="content")
    for order, (code, fi, sv, en, unit) in enumerate(CONTENTS):
        VariableValue.objects.create(
            variable=content,
            code=code,
            label_fi=fi,
            label_sv=sv,
            label_en=en,
            unit=unit,
            order=order,
        )
    for code, level, fi, sv, en in AREAS:
        Area.objects.create(code=code, level=level, name_fi=fi, name_sv=sv, name_en=en)
    Observation.objects.bulk_create(
        Observation(
            table=table,
            content_code=content_code,
            area_code=area,
            period=period,
            value=value,
            status="" if value is not None else "...",
        )
        for (content_code, area, period), value in CELLS.items()
    )
    return table
