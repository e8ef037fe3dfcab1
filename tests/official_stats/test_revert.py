"""`seuraamo statistics_runs` lists what each import changed; `seuraamo revert_statistics_run N`
restores the previous revisions (issue 11 §2). The numbers in the files are invented test data."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from seuraamo.core.models import AuditEvent
from seuraamo.official_stats.models import ObservationRevision, SyncRun
from tests.background import run_background_jobs
from tests.personas import staff_member, superuser

from .conftest import stored

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TABLE = "tyonv/12r5"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def careless_file(tmp_path: Path) -> Path:
    """The excerpt with two figures changed and a month added (a careless edit)."""
    document = json.loads((FIXTURES / "12r5_excerpt.json-stat2.json").read_text(encoding="utf-8"))
    document["value"][2] = 99999  # MK08 2026M06 unemployed
    document["value"][5] = 1.5  # KU285 2026M05 share, suppressed before
    document["status"] = {}
    document["dimension"]["timeperiod_m"]["category"]["index"] = {"2026M05": 0, "2026M07": 1}
    path = tmp_path / "careless.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_bad_import_is_listed_and_reverted_to_the_previous_revisions(tmp_path: Path) -> None:
    run("import_statistics", str(FIXTURES / "12r5_excerpt.json-stat2.json"), "--table", TABLE)
    good = stored(TABLE)
    run("import_statistics", str(careless_file(tmp_path)), "--table", TABLE)
    assert stored(TABLE)[("MK08", "2026M05", "TYOTTOMATLOPUSSA")] == (10210, "")
    assert stored(TABLE)[("KU285", "2026M05", "TYOTOSUUS")] == (1.5, "")
    careless = SyncRun.objects.latest("pk")

    listing = run("statistics_runs")
    assert f"{careless.pk:>6}" in listing
    assert "file: careless.json  4 inserted, 1 changed, 3 unchanged" in listing

    output = run("revert_statistics_run", str(careless.pk))
    assert "1 value(s) restored, 4 cell(s) removed" in output
    assert stored(TABLE) == good
    # The revision the run made stays as history, and the revert is in the audit trail.
    assert ObservationRevision.objects.filter(run=careless).count() == 1
    started, finished = AuditEvent.objects.filter(
        object_type="official_stats.syncrun", action="update"
    ).order_by("pk")
    assert started.before["revert_started_at"] is None and started.after["revert_started_at"]
    assert (finished.actor, finished.after["restored"], finished.after["removed"]) == (None, 1, 4)
    assert finished.before["reverted_at"] is None and finished.after["reverted_at"]
    assert "(reverted " in run("statistics_runs", "--table", TABLE)

    with pytest.raises(CommandError, match=f"run {careless.pk} was already reverted"):
        run("revert_statistics_run", str(careless.pk))


def test_only_the_latest_run_of_a_table_can_be_reverted(tmp_path: Path) -> None:
    run("import_statistics", str(FIXTURES / "12r5_excerpt.json-stat2.json"), "--table", TABLE)
    first = SyncRun.objects.latest("pk")
    run("import_statistics", str(careless_file(tmp_path)), "--table", TABLE)
    second = SyncRun.objects.latest("pk")
    with pytest.raises(CommandError, match=f"run {second.pk} .* after run {first.pk}; revert it"):
        run("revert_statistics_run", str(first.pk))
    run("revert_statistics_run", str(second.pk))
    run("revert_statistics_run", str(first.pk))
    assert stored(TABLE) == {}


def test_unknown_and_empty_runs_are_clear_errors() -> None:
    with pytest.raises(CommandError, match="cannot revert: there is no run 999"):
        run("revert_statistics_run", "999")
    run("import_statistics", str(FIXTURES / "12r5_excerpt.json-stat2.json"), "--table", TABLE)
    run("import_statistics", str(FIXTURES / "12r5_excerpt.json-stat2.json"), "--table", TABLE)
    repeated = SyncRun.objects.latest("pk")
    with pytest.raises(CommandError, match="changed nothing"):
        run("revert_statistics_run", str(repeated.pk))


def test_staff_revert_a_run_from_the_data_status_in_the_admin(client, tmp_path: Path) -> None:
    run("import_statistics", str(FIXTURES / "12r5_excerpt.json-stat2.json"), "--table", TABLE)
    good = stored(TABLE)
    run("import_statistics", str(careless_file(tmp_path)), "--table", TABLE)
    careless = SyncRun.objects.latest("pk")
    changelist = "/fi/admin/official_stats/syncrun/"
    action = {"action": "revert_runs", "_selected_action": [careless.pk]}

    client.force_login(staff_member("viewer", permissions=["view_syncrun"]))
    page = client.get(changelist).content.decode()
    assert "revert_runs" not in page  # the action is offered only to those who may revert
    client.post(changelist, action)
    assert stored(TABLE) != good

    client.force_login(superuser("admin"))
    assert "revert_runs" in client.get(changelist).content.decode()
    response = client.post(changelist, action, follow=True)
    assert [str(message) for message in response.context["messages"]] == [
        f"Ajo {careless.pk} perutaan: sen luvut eivät enää näy, ja aiemmat palaavat sitä mukaa "
        "kuin taustatyö palauttaa ne (eteneminen alla)."
    ]
    run_background_jobs()
    assert stored(TABLE) == good
    events = AuditEvent.objects.filter(object_type="official_stats.syncrun", action="update")
    assert [event.actor.username for event in events] == ["admin", "admin"]
