"""Every kind of service that writes what a public page shows moves the data version on
(`core.data_version.bump_data_version`), so an anonymous visitor's cached page changes at once:
statistics imports and reverts, area loads, programme imports, audited services, catalogue loads
and imports, publication figures, barometer loads. The imported numbers are invented test data."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from seuraamo.catalogue.selectors import services_for_goal
from seuraamo.official_stats.models import SyncRun
from seuraamo.official_stats.services import load_areas, revert_run
from seuraamo.official_stats.services.areas import AREAS_CSV
from seuraamo.programmes.models import Goal
from seuraamo.situation.caching import data_version
from tests.official_stats.test_data_status import FIXTURES, TABLE, careless_file

pytestmark = pytest.mark.django_db

PROGRAMME_FILE = Path(settings.PACKAGE_DIR) / "programmes" / "data" / "kymenlaakso.yaml"


def page(path: str) -> str:
    response = Client().get(path)
    assert response.status_code == 200
    return response.content.decode()


def import_statistics(path: Path) -> None:
    call_command("import_statistics", str(path), "--table", TABLE, stdout=io.StringIO())


def test_a_statistics_import_and_its_revert_show_on_the_situation_page(tmp_path: Path) -> None:
    import_statistics(FIXTURES / "12r5_excerpt.json-stat2.json")
    assert "kesäkuu 2026" in page("/fi/situation/")
    import_statistics(careless_file(tmp_path))
    assert "heinäkuu 2026" in page("/fi/situation/")
    revert_run(actor=None, run_id=SyncRun.objects.latest("pk").pk)
    assert "heinäkuu 2026" not in page("/fi/situation/")


def test_a_renamed_area_shows_on_its_municipality_page(tmp_path: Path) -> None:
    import_statistics(FIXTURES / "12r5_excerpt.json-stat2.json")
    load_areas()
    assert "Kotka" in page("/fi/situation/municipalities/KU285/")
    renamed = tmp_path / "areas.csv"
    renamed.write_text(
        AREAS_CSV.read_text(encoding="utf-8").replace(
            "KU285,municipality,Kotka,Kotka,", "KU285,municipality,Kotkan kaupunki,Kotka,"
        ),
        encoding="utf-8",
    )
    load_areas(csv_path=renamed)
    assert "Kotkan kaupunki" in page("/fi/situation/municipalities/KU285/")


def test_a_programme_import_shows_on_the_goal_page(tmp_path: Path) -> None:
    call_command("import_programme", str(PROGRAMME_FILE), stdout=io.StringIO())
    goal = Goal.objects.order_by("pk").first()
    path = f"/fi/goals/{goal.key}/"
    assert goal.title_fi in page(path)
    edited = tmp_path / "programme.yaml"
    text = PROGRAMME_FILE.read_text(encoding="utf-8")
    assert text.count(goal.title_fi) >= 1
    edited.write_text(text.replace(goal.title_fi, "Uusi otsikko tuonnista", 1), encoding="utf-8")
    call_command("import_programme", str(edited), stdout=io.StringIO())
    assert "Uusi otsikko tuonnista" in page(path)


def test_a_catalogue_load_shows_on_the_goal_pages() -> None:
    call_command("import_programme", str(PROGRAMME_FILE), stdout=io.StringIO())
    paths = {goal: f"/fi/goals/{goal.key}/" for goal in Goal.objects.all()}
    before = {goal: page(path) for goal, path in paths.items()}
    call_command("load_catalogue", stdout=io.StringIO())
    shown = 0
    with translation.override("fi"):
        for goal, path in paths.items():
            services = services_for_goal(goal)
            after = page(path)
            for service in services:
                assert service.name_fi not in before[goal]
                assert service.name_fi in after
                shown += 1
    assert shown > 0


@pytest.mark.parametrize("kind", ["ptv", "hsds", "publication figures", "barometer", "audit trail"])
def test_other_writers_move_the_data_version(kind: str, tmp_path: Path) -> None:
    """Writers whose rows the cached pages show only in some states (a PTV service is a draft
    until an editor publishes it): the version moves, so no page can stay stale."""
    before = data_version()
    if kind == "ptv":
        call_command(
            "import_ptv",
            str(Path(__file__).parents[1] / "catalogue" / "ptv" / "v11_service_liperi_real.json"),
            "--municipalities",
            "KU426",
            stdout=io.StringIO(),
        )
    elif kind == "hsds":
        call_command(
            "import_hsds",
            str(
                Path(__file__).parents[1] / "catalogue" / "hsds" / "hsds3_service_full_example.json"
            ),
            stdout=io.StringIO(),
        )
    elif kind == "publication figures":
        figures = tmp_path / "figures.csv"
        figures.write_text(
            "publication,area,indicator,period,value\n"
            "pk-yritysbarometri,MK08,staff-balance,2026H1,4\n",
            encoding="utf-8",
        )
        call_command("import_publication_figures", str(figures), stdout=io.StringIO())
    elif kind == "barometer":
        sample = Path(__file__).parents[1] / "publications" / "samples"
        call_command("import_barometer", sample / "tyovoimabarometri_constructed.json", verbosity=0)
    else:
        from seuraamo.core.audit import record_change
        from seuraamo.publications.models import Publication

        publication = Publication.objects.first()
        record_change(
            actor=None,
            instance=publication,
            before={"name_fi": "vanha"},
            after={"name_fi": "uusi"},
        )
    assert data_version() != before
