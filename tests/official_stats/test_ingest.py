"""The one ingest path: counts, revisions, idempotence, atomicity."""

from __future__ import annotations

import pytest

from seuraamo.official_stats.models import (
    Observation,
    ObservationRevision,
    StatTable,
    SyncRun,
    TableVariable,
    VariableValue,
)
from seuraamo.official_stats.pxweb import Cube, Dimension, Role
from seuraamo.official_stats.services import compare, ingest, ingest_cube
from seuraamo.official_stats.services.ingest import IngestError

from .conftest import make_cube, stored

pytestmark = pytest.mark.django_db

TABLE = "test/ingest"


def base_cube(**changes: float | None) -> Cube:
    values = {
        ("MK08", "2026M05", "TYOTTOMATLOPUSSA"): 10000,
        ("MK08", "2026M05", "TYOVOIMATK"): 70000,
        ("MK08", "2026M06", "TYOTTOMATLOPUSSA"): 10153,
        ("MK08", "2026M06", "TYOVOIMATK"): 70664,
        ("KU489", "2026M05", "TYOTTOMATLOPUSSA"): 98,
        ("KU489", "2026M05", "TYOVOIMATK"): 701,
        ("KU489", "2026M06", "TYOTTOMATLOPUSSA"): None,
        ("KU489", "2026M06", "TYOVOIMATK"): 701,
    }
    for name, value in changes.items():
        area, period, code = name.split("__")
        values[(area, period, code)] = value
    suppressed = ("KU489", "2026M06", "TYOTTOMATLOPUSSA")
    return make_cube(
        values,
        statuses={suppressed: "..."} if values[suppressed] is None else {},
        updated="2026-07-21T05.00.00Z",
    )


def test_first_ingest_inserts_every_cell_with_status() -> None:
    run = ingest_cube(table_id=TABLE, cube=base_cube(), source="test")
    assert (run.cells, run.inserted, run.changed, run.unchanged) == (8, 8, 0, 0)
    assert run.pk is not None and run.error == ""
    rows = stored(TABLE)
    assert rows[("MK08", "2026M06", "TYOTTOMATLOPUSSA")] == (10153.0, "")
    assert rows[("KU489", "2026M06", "TYOTTOMATLOPUSSA")] == (None, "...")
    table = StatTable.objects.get(table_id=TABLE)
    assert table.updated_at_source.isoformat() == "2026-07-21T05:00:00+00:00"
    roles = dict(TableVariable.objects.filter(table=table).values_list("role", "code"))
    assert roles == {"area": "Alue", "time": "timeperiod_m", "content": "contentscode"}
    assert VariableValue.objects.filter(variable__table=table).count() == 2


def test_reimport_of_the_same_data_writes_nothing() -> None:
    ingest_cube(table_id=TABLE, cube=base_cube(), source="test")
    ids = sorted(Observation.objects.values_list("id", flat=True))
    run = ingest_cube(table_id=TABLE, cube=base_cube(), source="test again")
    assert (run.inserted, run.changed, run.unchanged) == (0, 0, 8)
    assert sorted(Observation.objects.values_list("id", flat=True)) == ids
    assert ObservationRevision.objects.count() == 0


def test_changed_values_are_updated_and_keep_their_previous_value() -> None:
    ingest_cube(table_id=TABLE, cube=base_cube(), source="test")
    revised = base_cube(
        MK08__2026M06__TYOTTOMATLOPUSSA=10160,
        KU489__2026M06__TYOTTOMATLOPUSSA=97,
        MK08__2026M07__TYOTTOMATLOPUSSA=9900,
    )
    run = ingest_cube(table_id=TABLE, cube=revised, source="revision")
    # New month: 2 areas x 2 codes, of which MK08 unemployed has a value, the rest are missing.
    assert (run.inserted, run.changed) == (4, 2)
    assert run.unchanged == run.cells - 6
    rows = stored(TABLE)
    assert rows[("MK08", "2026M06", "TYOTTOMATLOPUSSA")] == (10160.0, "")
    assert rows[("KU489", "2026M06", "TYOTTOMATLOPUSSA")] == (97.0, "")
    revisions = {
        (r.observation.area_code, r.old_value, r.old_status)
        for r in ObservationRevision.objects.select_related("observation")
    }
    assert revisions == {("MK08", 10153.0, ""), ("KU489", None, "...")}
    assert all(r.changed_at for r in ObservationRevision.objects.all())


def test_keep_existing_only_fills_gaps() -> None:
    ingest_cube(table_id=TABLE, cube=base_cube(), source="test")
    older = base_cube(MK08__2026M06__TYOTTOMATLOPUSSA=1, MK08__2026M04__TYOTTOMATLOPUSSA=9000)
    run = ingest_cube(table_id=TABLE, cube=older, source="snapshot", overwrite=False)
    assert run.changed == 0 and run.inserted == 4
    assert stored(TABLE)[("MK08", "2026M06", "TYOTTOMATLOPUSSA")] == (10153.0, "")


def test_periods_from_skips_older_periods() -> None:
    run = ingest_cube(table_id=TABLE, cube=base_cube(), source="test", periods_from="2026M06")
    assert run.inserted == 4
    assert {key[1] for key in stored(TABLE)} == {"2026M06"}


def test_a_failing_ingest_leaves_the_stored_data_untouched(monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_cube(table_id=TABLE, cube=base_cube(), source="test")
    before = stored(TABLE)
    runs_before = SyncRun.objects.count()
    original = ingest._write

    def write_then_fail(*args: object) -> None:
        original(*args)  # inserts and updates really happen ...
        raise RuntimeError("disk full")  # ... and then something breaks

    monkeypatch.setattr(ingest, "_write", write_then_fail)
    revised = base_cube(MK08__2026M06__TYOTTOMATLOPUSSA=1, MK08__2026M07__TYOTTOMATLOPUSSA=2)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest_cube(table_id=TABLE, cube=revised, source="broken")
    assert stored(TABLE) == before
    assert ObservationRevision.objects.count() == 0
    assert SyncRun.objects.count() == runs_before


def test_further_dimensions_go_to_extra_code() -> None:
    dimensions = [
        Dimension(id="Alue", label="Alue", codes=["MK08"], role=Role.AREA),
        Dimension(id="Ammattiryhmä", label="Ammattiryhmä", codes=["SSS", "2513"]),
        Dimension(id="timeperiod_m", label="Kuukausi", codes=["2026M06"], role=Role.TIME),
        Dimension(id="contentscode", label="Tiedot", codes=["TYOTTOMATLOPUSSA"], role=Role.CONTENT),
    ]
    ingest_cube(table_id=TABLE, cube=Cube(dimensions=dimensions, values=[10153, 19]), source="t")
    assert dict(Observation.objects.values_list("extra_code", "value")) == {
        "SSS": 10153.0,
        "2513": 19.0,
    }


def test_data_without_a_time_variable_are_refused() -> None:
    dimensions = [Dimension(id="Alue", label="Alue", codes=["MK08"], role=Role.AREA)]
    with pytest.raises(IngestError, match="no time variable"):
        ingest_cube(table_id=TABLE, cube=Cube(dimensions=dimensions, values=[1]), source="t")
    assert Observation.objects.count() == 0


def test_renamed_variable_codes_update_the_variable_rows() -> None:
    old = make_cube(
        {("MK08", "2026M05", "TYOTTOMATLOPUSSA"): 1}, time_id="Kuukausi", content_id="Tiedot"
    )
    ingest_cube(table_id=TABLE, cube=old, source="old codes")
    new = make_cube({("MK08", "2026M05", "TYOTTOMATLOPUSSA"): 1})
    run = ingest_cube(table_id=TABLE, cube=new, source="new codes")
    assert run.unchanged == 1 and run.inserted == 0
    codes = set(TableVariable.objects.filter(table__table_id=TABLE).values_list("code", flat=True))
    assert codes == {"Alue", "timeperiod_m", "contentscode"}


def test_a_large_ingest_is_written_in_groups_of_periods(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare, "CHUNK_CELLS", 4)  # 4 cells = one month of base_cube
    assert compare.period_chunks([base_cube()], None) == [{"2026M05"}, {"2026M06"}]
    run = ingest_cube(table_id=TABLE, cube=base_cube(), source="chunked")
    assert (run.cells, run.inserted) == (8, 8)
    revised = base_cube(MK08__2026M06__TYOTTOMATLOPUSSA=10160)
    run = ingest_cube(table_id=TABLE, cube=revised, source="chunked again")
    assert (run.inserted, run.changed, run.unchanged) == (0, 1, 7)
    assert stored(TABLE)[("MK08", "2026M06", "TYOTTOMATLOPUSSA")] == (10160.0, "")
