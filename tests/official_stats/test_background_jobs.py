"""Long statistics work in the background (issue 23 §3): a revert that stopped half-way continues
where it stopped when asked again; no import starts on a table being reverted; an analyst asks
for a sync on the data-status page and follows the job there. The numbers in the files are
invented test data; the sync reads the fake PxWeb server."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management.base import CommandError
from django.test import Client
from fakepxweb import make_12r5_table

from seuraamo.official_stats.models import Observation, SyncRun
from seuraamo.official_stats.services import revert
from seuraamo.official_stats.tasks import start_revert_in_background
from tests.background import run_background_jobs
from tests.personas import analyst

from .conftest import stored
from .test_data_status import import_file
from .test_revert import FIXTURES, TABLE, careless_file

pytestmark = pytest.mark.django_db


def test_a_revert_that_stopped_half_way_continues_when_asked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_file(FIXTURES / "12r5_excerpt.json-stat2.json")
    good = stored(TABLE)
    careless = import_file(careless_file(tmp_path))

    def worker_stopped(run: SyncRun) -> None:
        raise RuntimeError("the worker was stopped")

    monkeypatch.setattr(revert, "_remove_in_batches", worker_stopped)
    start_revert_in_background(actor=None, run_id=careless.pk)
    run_background_jobs()  # the job fails after restoring the values, before removing cells
    careless.refresh_from_db()
    assert careless.revert_started_at is not None and careless.reverted_at is None
    assert careless.revert_restored == careless.changed > 0
    # Meanwhile nothing of the run is shown: not its month, not its values.
    assert not Observation.objects.filter(period="2026M07").exists()
    assert stored(TABLE) == good

    monkeypatch.undo()
    start_revert_in_background(actor=None, run_id=careless.pk)
    run_background_jobs()
    careless.refresh_from_db()
    assert careless.reverted_at is not None
    assert (careless.revert_restored, careless.revert_removed) == (
        careless.changed,
        careless.inserted,
    )
    assert stored(TABLE) == good
    assert not Observation._base_manager.filter(run=careless).exists()


def test_no_import_starts_on_a_table_being_reverted(tmp_path: Path) -> None:
    import_file(FIXTURES / "12r5_excerpt.json-stat2.json")
    careless = import_file(careless_file(tmp_path))
    revert.start_revert(actor=None, run_id=careless.pk)
    with pytest.raises(CommandError, match=f"run {careless.pk} of this table is being reverted"):
        import_file(careless_file(tmp_path))
    revert.finish_revert(actor=None, run_id=careless.pk)
    assert import_file(careless_file(tmp_path)).inserted == careless.inserted


def test_an_analyst_asks_for_a_sync_and_follows_the_job(fake_pxweb, settings) -> None:
    server = fake_pxweb(make_12r5_table(3, start="2026M04", areas=["SSS", "MK08", "KU285"]))
    settings.PXWEB_BASE_URL = server.base_url
    client = Client()
    client.force_login(analyst())

    page = client.post("/fi/data-status/sync/", follow=True).content.decode()
    assert "Päivitys on jonossa" in page and "odottaa taustatyön suorittajaa" in page
    assert "Hae nyt" not in page  # one sync at a time
    again = client.post("/fi/data-status/sync/", follow=True).content.decode()
    assert "Päivitys on jo jonossa tai käynnissä." in again

    run_background_jobs()
    page = client.get("/fi/data-status/").content.decode()
    # The fake server has 12r5 only: the job stores it and fails for the other tracked tables,
    # saying which, and their data are kept.
    assert Observation.objects.filter(table__table_id=TABLE, area_code="KU285").exists()
    assert "epäonnistui" in page and "tyonv/12ti" in page
    assert "Hae nyt" in page
