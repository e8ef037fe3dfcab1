"""The offline snapshot, loaded once for this module, and the acceptance figures it must give."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import connection

from seuraamo.areas.models import Area, AreaMembership
from seuraamo.areas.selectors import members_of
from seuraamo.official_stats.models import (
    Observation,
    ObservationRevision,
    StatTable,
    SyncRun,
    TableVariable,
    VariableValue,
)
from seuraamo.official_stats.pxweb import Role, TableMetadata, Variable
from seuraamo.official_stats.registry import tracked_table
from seuraamo.official_stats.selectors import (
    headline_figures,
    latest_period,
    municipality_comparison,
    occupation_groups,
    series,
    snapshot_info,
)
from seuraamo.official_stats.services import SnapshotResult, load_snapshot
from seuraamo.official_stats.services.planner import PLANNED_TABLES
from seuraamo.official_stats.services.sync import first_period_to_fetch
from tests.published import published

pytestmark = pytest.mark.django_db
R5 = "tyonv/12r5"


@pytest.fixture(scope="module")
def snapshot(django_db_setup: None, django_db_blocker: object) -> Iterator[SnapshotResult]:
    """The whole snapshot, committed once for the module and removed afterwards."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        result = load_snapshot()
    yield result
    with django_db_blocker.unblock(), connection.cursor() as cursor:  # type: ignore[attr-defined]
        for model in (
            ObservationRevision, Observation, SyncRun, VariableValue, TableVariable, StatTable,
            AreaMembership, Area,
        ):  # fmt: skip
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def value(area: str, period: str, statistic: str, table: str = R5) -> float | None:
    points = series(table, statistic, area, period, period)
    return points[0].value if points else None


def test_the_snapshot_loads_every_table(snapshot: SnapshotResult) -> None:
    cells = {run.table.table_id: (run.cells, run.inserted) for run in snapshot.runs}
    assert cells == {
        "tyonv/12r5": (265788 + 421 * 23, 265788 + 421 * 23),
        "tyonv/12ti": (2 * 433 * 25 * 2, 2 * 433 * 25 * 2),
        "vaerak/11ra": (568 * 4, 568 * 4),
        "ssaaty/121w": (309 * 21, 309 * 21),
        "tyti/135z": (21, 21),
    }
    assert snapshot.areas.created == 398 + 16 + 2


def test_a_second_load_writes_nothing_and_says_so(snapshot: SnapshotResult) -> None:
    runs, rows = SyncRun.objects.count(), Observation.objects.count()
    out = io.StringIO()
    call_command("load_statistics_snapshot", stdout=out)
    assert "already loaded: nothing to write" in out.getvalue()
    assert (SyncRun.objects.count(), Observation.objects.count()) == (runs, rows)


def test_the_loaded_rows_have_fresh_planner_statistics(snapshot: SnapshotResult) -> None:
    """So the first pages after a load run on query plans made for the loaded table (on
    PostgreSQL the situation page spent three times longer in the database without them)."""
    query = {
        "postgresql": "SELECT count(*) FROM pg_stats WHERE tablename = %s",
        "sqlite": "SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s",
    }[connection.vendor]
    without = []
    with connection.cursor() as cursor:
        for model in PLANNED_TABLES:
            cursor.execute(query, [model._meta.db_table])
            if cursor.fetchone()[0] == 0:
                without.append(model.__name__)
    assert without == []


def test_acceptance_figures_of_kymenlaakso(snapshot: SnapshotResult) -> None:
    assert value("MK08", "2026M06", "TYOTTOMATLOPUSSA") == 10153
    assert round(value("MK08", "2026M06", "share"), 1) == 14.4
    assert value("MK08", "2021M06", "TYOTTOMATLOPUSSA") == 9334
    assert round(value("MK08", "2021M06", "share"), 1) == 12.9
    # The published rounded share agrees with the recomputed one.
    assert value("MK08", "2026M06", "TYOTOSUUS") == 14.4


def test_headline_figures_for_kymenlaakso_and_the_whole_country(snapshot: SnapshotResult) -> None:
    headline = headline_figures("MK08")
    assert (headline.period, headline.year_earlier_period) == ("2026M06", "2025M06")
    figures = headline.area.figures
    assert figures["unemployed"].value == 10153
    assert round(figures["share"].value, 1) == 14.4
    assert (figures["long_term"].value, figures["under_25"].value) == (4160, 1315)
    assert (figures["foreign"].value, figures["vacancies"].value) == (1377, 494)
    assert figures["unemployed"].year_earlier_value is None  # 2025M06 is not in the snapshot
    assert headline.country.figures["unemployed"].value == 352001
    assert round(headline.country.figures["share"].value, 1) == 12.8
    assert headline.area.name("en") == "Kymenlaakso"
    assert headline.country.name("en") == "Whole country"
    earlier = headline_figures("MK08", "2021M06").area.figures["unemployed"]
    assert (earlier.value, earlier.year_earlier_value) == (9334, 12781)
    assert earlier.change == -3447
    assert round(earlier.change_pct, 1) == -27.0


def test_employment_areas_are_sums_of_their_municipalities(snapshot: SnapshotResult) -> None:
    rows = {row.area_code: row for row in municipality_comparison("2026M06").rows}
    south = rows["TA04"].figures
    assert south["unemployed"].value == 1159 + 3715 + 98 + 249 + 167 == 5388
    labour = 8550 + 22636 + 701 + 2316 + 1187
    assert south["share"].value == published(100 * 5388 / labour)
    # Miehikkälä's and Pyhtää's vacancies are suppressed, so the area's sum cannot be formed.
    assert (south["vacancies"].value, south["vacancies"].status) == (None, "no-total")
    assert rows["TA16"].figures["unemployed"].value == rows["KU286"].figures["unemployed"].value
    assert list(rows) == [
        "KU075", "KU285", "KU489", "KU624", "KU935", "TA04", "KU286", "TA16", "MK08", "SSS",
    ]  # fmt: skip


def test_occupation_groups_of_kymenlaakso(snapshot: SnapshotResult) -> None:
    breakdown = occupation_groups("MK08")
    assert breakdown.period == "2023M10"
    assert (breakdown.total_unemployed, breakdown.total_vacancies) == (7985, 736)
    groups = {group.code: group for group in breakdown.groups}
    assert list(groups) == ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "X"]
    assert (groups["5"].unemployed, groups["5"].vacancies) == (1431, 334)
    assert groups["5"].label("en") == "Service and sales workers"
    published = sum(g.unemployed for g in groups.values())
    assert published <= 7985 and sum(g.unemployed_suppressed for g in groups.values()) > 0


def test_moving_average_and_change_on_real_history(snapshot: SnapshotResult) -> None:
    months = series(R5, "TYOTTOMATLOPUSSA", "MK08", "2020M07", "2021M06")
    ma12 = value("MK08", "2021M06", "TYOTTOMATLOPUSSA_ma12")
    assert ma12 == pytest.approx(sum(p.value for p in months) / 12)
    assert value("MK08", "2021M06", "TYOTTOMATLOPUSSA_yoy") == -3447
    assert series(R5, "share", "MK08", "2023M11", "2026M05") == []


def test_population_tables(snapshot: SnapshotResult) -> None:
    assert value("MK08", "2025", "vaerak-vaesto", "vaerak/11ra") == 156198
    assert value("TA04", "2025", "vaerak-vaesto", "vaerak/11ra") == 78573
    assert value("KU285", "2025", "ssaaty-vaesto", "ssaaty/121w") == 50029
    assert latest_period("vaerak/11ra") == "2025"


def test_areas_and_names(snapshot: SnapshotResult) -> None:
    south = Area.objects.get(code="TA04")
    assert south.level == "employment_area"
    assert members_of("TA04") == ["KU075", "KU285", "KU489", "KU624", "KU935"]
    assert members_of("TA04", on=datetime.date(2024, 12, 31)) == []  # from 1 January 2025
    assert (south.name_fi, south.region.code) == ("Etelä-Kymenlaakson työllisyysalue", "MK08")
    hamina = Area.objects.select_related("subregion", "region").get(code="KU075")
    assert (hamina.name_sv, hamina.subregion.code, hamina.region.code) == (
        "Fredrikshamn", "SK082", "MK08",
    )  # fmt: skip
    assert Area.objects.get(code="ELY06").name_fi == "Kaakkois-Suomi"
    assert Area.objects.get(code="SSS").name_en == "Whole country"


def test_table_metadata_and_snapshot_info(snapshot: SnapshotResult) -> None:
    labels = VariableValue.objects.get(variable__table__table_id=R5, code="TYOTTOMATULK")
    assert labels.label_fi == "Ulkomaalaisia työttömiä työnhakijoita laskentapäivänä (lkm.)"
    assert labels.label_sv and labels.label_en
    assert VariableValue.objects.filter(variable__table__table_id=R5).count() == 23
    info = {item.table_id: item for item in snapshot_info()}
    assert (info[R5].first_period, info[R5].latest_period) == ("2006M01", "2026M06")
    assert info[R5].updated_at_source.isoformat() == "2026-07-21T05:00:00+00:00"
    assert info[R5].licence == "CC BY 4.0" and info[R5].last_synced_at is None
    assert info["tyonv/12ti"].latest_period == "2023M10"


def _metadata(table_id: str, months: list[str], contents: list[str]) -> TableMetadata:
    return TableMetadata(
        table_id=table_id,
        title=table_id,
        variables=[
            Variable("Alue", "Alue", ["SSS", "MK08"], ["SSS", "MK08"], role=Role.AREA),
            Variable("timeperiod_m", "Kuukausi", months, months, time=True, role=Role.TIME),
            Variable("contentscode", "Tiedot", contents, contents, role=Role.CONTENT),
        ],
    )


def test_first_sync_after_the_snapshot_fills_the_gaps(snapshot: SnapshotResult) -> None:
    months = [f"{year}M{month:02d}" for year in range(2009, 2027) for month in range(1, 13)]
    months = months[: months.index("2026M07") + 1]
    tracked = tracked_table(R5)
    history = ["TYOTTOMATLOPUSSA", "TYOVOIMATK", "AVPAIKATLOPUSSA"]
    areas = ["SSS", "MK08"]
    metadata = _metadata(R5, months, history)
    since = first_period_to_fetch(tracked=tracked, metadata=metadata, contents=history, areas=areas)
    assert since == "2023M11"
    all_codes = [*history, "PITKAAIKAISTYOTTOMAT"]
    metadata = _metadata(R5, months, all_codes)
    assert (
        first_period_to_fetch(tracked=tracked, metadata=metadata, contents=all_codes, areas=areas)
        is None
    )
    occupations = tracked_table("tyonv/12ti")
    metadata = _metadata("tyonv/12ti", months, history[:1])
    assert (
        first_period_to_fetch(
            tracked=occupations, metadata=metadata, contents=history[:1], areas=areas
        )
        == "2024M07"
    )  # the 25 latest months; the snapshot's 2021M10-2023M10 are older
