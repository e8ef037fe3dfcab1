"""`seuraamo export_programme`: writes the programme file format, and import → export → import
loses nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from seuraamo.organisations.models import Organisation, Succession
from seuraamo.programmes import exporter
from seuraamo.programmes.management.commands.export_programme import WRITTEN
from seuraamo.programmes.models import IndicatorKind
from tests.programmes.factories import (
    GoalCoordinatorFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    MeasureFactory,
    OrganisationFactory,
    ProgrammeFactory,
    SteeringGroupMembershipFactory,
    ThemeFactory,
)
from tests.programmes.test_import_programme import MINIMAL, REAL_FILE, run_import, snapshot


def export(*args: str) -> str:
    out = StringIO()
    call_command("export_programme", *args, stdout=out)
    return out.getvalue()


def round_trip(tmp_path: Path) -> tuple[str, str]:
    """Export, import the export, export again; the database must not change on the way."""
    first = export()
    exported = tmp_path / "exported.yaml"
    exported.write_text(first, encoding="utf-8")
    before = snapshot()
    out = run_import(exported)
    assert "created 0, updated 0, deleted 0," in out
    assert snapshot() == before
    return first, export()


@pytest.mark.parametrize("source", [MINIMAL, REAL_FILE], ids=["minimal", "kymenlaakso"])
def test_import_export_import_is_lossless(db: None, tmp_path: Path, source: Path) -> None:
    run_import(source)

    first, second = round_trip(tmp_path)

    assert first == second
    data = yaml.safe_load(first)
    assert data["format"] == "seuraamo-programme/1"
    assert data["programme"]["key"] == yaml.safe_load(source.read_text())["programme"]["key"]


def test_export_keeps_the_files_content(db: None) -> None:
    run_import(MINIMAL)

    data = yaml.safe_load(export())

    assert [o["key"] for o in data["organisations"]] == [
        "kotkan-kaupunki",
        "te-toimisto",
        "tyollisyysalue",
    ]
    te_office = data["organisations"][1]
    assert te_office["successors"] == [
        {
            "organisation": "tyollisyysalue",
            "date": datetime.date(2025, 1, 1),
            "municipalities": ["KU285"],
        }
    ]
    assert te_office["valid_until"] == datetime.date(2024, 12, 31)
    programme = data["programme"]
    assert programme["description"]["fi"] == "Ensimmäinen kappale.\n\nToinen kappale."
    assert programme["steering_group"][0] == {"organisation": "kotkan-kaupunki", "role": "chair"}
    theme = programme["themes"][0]
    assert theme["number"] == "4.1"
    assert theme["indicators"][0]["baseline"] == {"value": 12.9, "date": datetime.date(2021, 6, 30)}
    indicator = theme["goals"][0]["indicators"][0]
    assert indicator["statistic"] == {
        "table": "tyonv/12r5",
        "content_code": "PITKAAIKAISTYOTTOMAT",
        "area": "MK08",
    }
    assert indicator["targets"] == [
        {"year": 2025, "value": 8500.5},
        {"year": 2027, "value": 8000},
    ]
    assert "statistic" not in programme["themes"][1]["goals"][0]["indicators"][0]


def test_a_programme_made_in_the_database_round_trips(db: None, tmp_path: Path) -> None:
    """Rows that never came from a file (admin edits, other apps' factories) export too."""
    successor = OrganisationFactory(key="uusi", valid_from=datetime.date(2025, 1, 1))
    organisation = OrganisationFactory(
        business_id="0160225-7",
        website="https://www.kotka.fi",
        municipalities=["KU285", "KU075"],
        valid_until=datetime.date(2024, 12, 31),
        notes="Pitkä huomautus, joka jatkuu.\nToisella rivillä: lisää. " + "x" * 120,
    )
    Succession.objects.create(
        predecessor=organisation,
        successor=successor,
        date=datetime.date(2025, 1, 1),
        municipalities=["KU285"],
    )
    programme = ProgrammeFactory(end_year=2027, description_fi="Kuvaus: *tärkeä*", source_note="")
    SteeringGroupMembershipFactory(
        programme=programme,
        organisation=organisation,
        order=0,
        role="chair",
        valid_from=datetime.date(2021, 1, 1),
    )
    theme = ThemeFactory(programme=programme, number="1", order=0, targeted_impacts_sv="Effekt")
    IndicatorFactory(goal=None, theme=theme, order=0, unit="euros", desired_direction="maintain")
    goal = GoalFactory(theme=theme, order=0, key="yes")  # a YAML 1.1 boolean word
    GoalCoordinatorFactory(goal=goal, organisation=organisation, order=0, role="partner")
    MeasureFactory(goal=goal, order=0, title_en="'Quoted' – and # not a comment")
    indicator = IndicatorFactory(
        goal=goal,
        order=0,
        official=True,
        baseline_value=Decimal("0.125"),
        baseline_date=datetime.date(2021, 6, 30),
    )
    IndicatorTargetFactory(indicator=indicator, year=2030, value=Decimal("-1.5"))

    first, second = round_trip(tmp_path)

    assert first == second
    assert [
        s.successor for s in Organisation.objects.get(pk=organisation.pk).successions.all()
    ] == [successor]


def test_export_to_a_file(db: None, tmp_path: Path) -> None:
    run_import(MINIMAL)
    target = tmp_path / "out.yaml"

    out = export("--programme", "testiohjelma", "-o", str(target))

    assert out == WRITTEN.format(file=target) + "\n"
    assert target.read_text(encoding="utf-8") == export()


def test_export_needs_a_programme(db: None) -> None:
    with pytest.raises(CommandError, match=exporter.NO_PROGRAMMES):
        export()


def test_export_of_an_unknown_programme(db: None) -> None:
    ProgrammeFactory(key="a")
    message = exporter.UNKNOWN_PROGRAMME.format(key="b", keys="a")
    with pytest.raises(CommandError) as raised:
        export("--programme", "b")
    assert str(raised.value) == message


def test_export_asks_which_of_several_programmes(db: None) -> None:
    ProgrammeFactory(key="a")
    ProgrammeFactory(key="b")
    with pytest.raises(CommandError) as raised:
        export()
    assert str(raised.value) == exporter.CHOOSE_PROGRAMME.format(keys="a, b")
    assert "key: b\n" in export("--programme", "b")


def test_factories_make_valid_rows(db: None) -> None:
    """Other apps build on these factories; every row they make must pass model validation."""
    rows = [
        SteeringGroupMembershipFactory(),
        GoalCoordinatorFactory(),
        MeasureFactory(),
        IndicatorFactory(),
        IndicatorFactory(official=True),
        IndicatorFactory(goal=None, theme=ThemeFactory()),
        IndicatorTargetFactory(),
    ]
    for row in rows:
        row.full_clean()
    assert rows[4].kind == IndicatorKind.OFFICIAL
