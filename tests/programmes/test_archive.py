"""A goal the programme file no longer has, but reports refer to, is archived by
`import_programme --delete-missing`: hidden from the current pages and the export, kept with its
reports; and it is current again when the file brings it back."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from django.test import Client

from seuraamo.core.models import AuditEvent
from seuraamo.follow_up import services
from seuraamo.follow_up.models import GoalReport
from seuraamo.programmes.models import Goal, Programme
from tests.personas import programme_admin
from tests.programmes.test_export_programme import export
from tests.programmes.test_import_programme import REAL_FILE, run_import

pytestmark = pytest.mark.django_db


def without_first_goal(tmp_path: Path) -> tuple[Path, str]:
    data = yaml.safe_load(REAL_FILE.read_text(encoding="utf-8"))
    theme = data["programme"]["themes"][0]
    dropped = theme["goals"].pop(0)
    path = tmp_path / "without-goal.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, dropped["key"]


def test_a_goal_with_reports_is_archived_not_deleted(tmp_path: Path, client: Client) -> None:
    run_import(REAL_FILE)
    admin = programme_admin()
    goals = list(Goal.objects.all())
    services.open_round(
        actor=admin,
        programme=Programme.objects.get(),
        period="2026H1",
        deadline=datetime.date(2026, 8, 31),
        goals=goals,
    )
    path, key = without_first_goal(tmp_path)
    goal = Goal.objects.get(key=key)
    theme_url = f"/fi/themes/{goal.theme.number}/"
    assert f"/fi/goals/{key}/" in client.get(theme_url).content.decode()

    out = run_import(path, "--delete-missing")

    # The goal and its measures (the reports hold a status for each measure) are archived.
    assert f"  archive programmes.goal {key}\n" in out
    measures = goal.measures.count()
    assert f"archived {1 + measures} (missing from the file; reports refer to them)" in out
    goal.refresh_from_db()
    assert goal.archived_on is not None
    assert GoalReport.objects.filter(goal=goal).exists()
    assert f"/fi/goals/{key}/" not in client.get(theme_url).content.decode()
    assert client.get(f"/fi/goals/{key}/").status_code == 404
    assert f"key: {key}\n" not in export()
    event = AuditEvent.objects.get(action="archive", object_key=key)
    assert event.after == {"archived_on": goal.archived_on.isoformat()}

    run_import(REAL_FILE)

    goal.refresh_from_db()
    assert goal.archived_on is None
    assert f"/fi/goals/{key}/" in client.get(theme_url).content.decode()
