"""The staff data-status page (issue 9 §6, issue 10 §1): each table's runs with what they changed,
the source's update time, the release calendar, gaps, a revert button for admins and the commands
that refresh the data. The numbers in the imported files are invented test data."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from seuraamo.accounts.models import User
from seuraamo.official_stats.models import Observation, StatTable, SyncRun
from seuraamo.official_stats.selectors.status import table_statuses
from tests.background import run_background_jobs
from tests.personas import analyst, citizen, programme_admin, steering_group_member, superuser

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TABLE = "tyonv/12r5"
URL = "/fi/data-status/"

#: Each language's heading, revert button and finished-revert progress on the data-status pages.
WORDS = {
    "fi": ("Tietojen tila", "Kyllä, peru tämä ajo", "1/1 arvoa palautettu"),
    "sv": ("Datastatus", "Ja, ångra denna körning", "1 av 1 värden återställda"),
    "en": ("Data status", "Yes, revert this run", "1 of 1 values restored"),
}


def import_file(path: Path) -> SyncRun:
    call_command("import_statistics", str(path), "--table", TABLE, stdout=io.StringIO())
    return SyncRun.objects.latest("pk")


def careless_file(tmp_path: Path) -> Path:
    """The excerpt with one figure changed and 2026M07 instead of 2026M06 (a careless edit)."""
    document = json.loads((FIXTURES / "12r5_excerpt.json-stat2.json").read_text(encoding="utf-8"))
    document["value"][2] = 99999
    document["status"] = {}
    document["dimension"]["timeperiod_m"]["category"]["index"] = {"2026M05": 0, "2026M07": 1}
    path = tmp_path / "careless.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_lists_each_table_with_its_runs_and_the_refresh_commands(
    tmp_path: Path,
) -> None:
    first = import_file(FIXTURES / "12r5_excerpt.json-stat2.json")
    second = import_file(careless_file(tmp_path))
    text = signed_in(analyst()).get(URL).content.decode()
    for tracked in ("tyonv/12r5", "tyonv/12ti", "vaerak/11ra", "tyti/135z", "tyti/13lx"):
        assert tracked in text
    assert f'<th scope="row">{first.pk}</th>' in text
    assert f'<th scope="row">{second.pk}</th>' in text
    assert "seuraamo sync_statistics" in text
    assert "seuraamo revert_statistics_run" in text
    # An analyst reads, but gets no revert button.
    assert "/revert/" not in text


def test_the_release_calendar_and_gaps_of_a_table() -> None:
    import_file(FIXTURES / "12r5_excerpt.json-stat2.json")
    stored = sorted(
        set(Observation.objects.filter(table__table_id=TABLE).values_list("period", flat=True))
    )
    status = next(s for s in table_statuses(datetime.date(2026, 11, 30)) if s.table_id == TABLE)
    assert status.latest_period == stored[-1]
    assert status.due_period == "2026M10"
    assert status.behind
    population = next(
        s for s in table_statuses(datetime.date(2026, 11, 30)) if s.table_id == "vaerak/11ra"
    )
    assert population.due_period is None and not population.behind
    table = StatTable.objects.get(table_id=TABLE)
    Observation.objects.create(
        table=table, content_code="TYOTTOMATLOPUSSA", area_code="MK08", period="2026M10", value=1
    )
    status = next(s for s in table_statuses(datetime.date(2026, 11, 30)) if s.table_id == TABLE)
    assert not status.behind
    assert ("2026M07", "2026M09") in status.gaps


def test_an_admin_reverts_the_latest_run_after_confirming(tmp_path: Path) -> None:
    import_file(FIXTURES / "12r5_excerpt.json-stat2.json")
    before = set(Observation.objects.values_list("period", "area_code", "content_code", "value"))
    careless = import_file(careless_file(tmp_path))
    admin = signed_in(programme_admin())
    page = admin.get(URL).content.decode()
    revert_url = f"/fi/data-status/runs/{careless.pk}/revert/"
    assert revert_url in page
    # The button only asks for confirmation: nothing changes on GET.
    confirmation = admin.get(revert_url)
    assert "Kyllä, peru tämä ajo" in confirmation.content.decode()
    assert (
        set(Observation.objects.values_list("period", "area_code", "content_code", "value"))
        != before
    )
    response = admin.post(revert_url, follow=True)
    page = response.content.decode()
    assert f"Ajo {careless.pk} perutaan" in page
    assert '<div class="message message--success" role="status"><p>Ajo' in page
    assert f"Ajon {careless.pk} peruminen" in page and "odottaa" in page
    # The run's cells are hidden at once: the month it added and the value it changed.
    visible = set(Observation.objects.values_list("period", "area_code", "content_code", "value"))
    assert not any(period == "2026M07" for period, *_rest in visible)
    assert visible < before
    careless.refresh_from_db()
    assert careless.reverted_at is None and careless.revert_started_at is not None

    run_background_jobs()
    assert (
        set(Observation.objects.values_list("period", "area_code", "content_code", "value"))
        == before
    )
    careless.refresh_from_db()
    assert careless.reverted_at is not None
    page = admin.get(URL).content.decode()
    assert "1/1 arvoa palautettu, 4/4 solua poistettu" in page


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_revert_speaks_swedish_and_english(tmp_path: Path, language: str) -> None:
    heading, button, progress = WORDS[language]
    import_file(FIXTURES / "12r5_excerpt.json-stat2.json")
    careless = import_file(careless_file(tmp_path))
    admin = signed_in(programme_admin())
    assert f"<h1>{heading}</h1>" in admin.get(f"/{language}/data-status/").content.decode()
    revert_url = f"/{language}/data-status/runs/{careless.pk}/revert/"
    assert button in admin.get(revert_url).content.decode()
    admin.post(revert_url)
    run_background_jobs()
    assert progress in admin.get(f"/{language}/data-status/").content.decode()


@pytest.mark.parametrize(
    ("language", "not_reverted", "reason"),
    [
        ("fi", "Ajoa {first} ei peruttu", "muutti taulukkoa tyonv/12r5 ajon {first} jälkeen; peru se ensin"),
        ("sv", "Körning {first} återställdes inte", "ändrade tyonv/12r5 efter körning {first}; ångra den först"),
        ("en", "Run {first} was not reverted", "changed tyonv/12r5 after run {first}; revert it first"),
    ],
)  # fmt: skip
def test_an_older_run_is_not_reverted_and_the_reason_is_shown_in_the_pages_language(
    tmp_path: Path, language: str, not_reverted: str, reason: str
) -> None:
    first = import_file(FIXTURES / "12r5_excerpt.json-stat2.json")
    import_file(careless_file(tmp_path))
    count = Observation.objects.count()
    response = signed_in(programme_admin()).post(
        f"/{language}/data-status/runs/{first.pk}/revert/", follow=True
    )
    page = response.content.decode()
    assert not_reverted.format(first=first.pk) in page
    assert reason.format(first=first.pk) in page
    # A refusal reads as an error, announced at once; not as a notice or a success.
    assert (
        '<div class="message message--error" role="alert"><p>' + not_reverted.format(first=first.pk)
        in page
    )
    assert "message--success" not in page
    assert Observation.objects.count() == count


def test_revert_needs_the_csrf_token(tmp_path: Path) -> None:
    import_file(FIXTURES / "12r5_excerpt.json-stat2.json")
    careless = import_file(careless_file(tmp_path))
    client = signed_in(programme_admin())
    client.handler.enforce_csrf_checks = True
    response = client.post(f"/fi/data-status/runs/{careless.pk}/revert/")
    assert response.status_code == 403
    careless.refresh_from_db()
    assert careless.reverted_at is None


def test_only_programme_admins_may_revert_and_only_staff_roles_may_read(tmp_path: Path) -> None:
    import_file(FIXTURES / "12r5_excerpt.json-stat2.json")
    careless = import_file(careless_file(tmp_path))
    revert_url = f"/fi/data-status/runs/{careless.pk}/revert/"
    assert signed_in(analyst()).post(revert_url).status_code == 403
    assert signed_in(steering_group_member()).get(URL).status_code == 403
    assert signed_in(citizen()).get(URL).status_code == 403
    assert Client().get(URL)["Location"].startswith("/fi/accounts/login/")
    assert signed_in(superuser()).get(URL).status_code == 200
    careless.refresh_from_db()
    assert careless.reverted_at is None
