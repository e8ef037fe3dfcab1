"""`seuraamo import_programme`: a valid file imports idempotently with an audit trail; a broken
one is rejected with file:line, field path and message, and leaves the database as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from seuraamo.core.models import AuditEvent
from seuraamo.organisations.models import Organisation, OrganisationKind, Succession
from seuraamo.programmes.importer import errors
from seuraamo.programmes.importer.loader import MAX_FILE_BYTES
from seuraamo.programmes.importer.service import ACTOR_DESCRIPTION
from seuraamo.programmes.importer.writer import ProgrammeWriter
from seuraamo.programmes.models import (
    Goal,
    GoalCoordinator,
    Indicator,
    IndicatorTarget,
    Measure,
    Programme,
    SteeringGroupMembership,
    Theme,
)
from tests.programmes.factories import GoalFactory

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal.yaml"
REAL_FILE = Path(__file__).parents[2] / "seuraamo" / "programmes" / "data" / "kymenlaakso.yaml"
MINIMAL_OBJECTS = 20  # 3 organisations, 1 succession, programme, 2 members, 2 themes, 2 goals,
# 2 coordinators, 2 measures, 3 indicators, 2 targets
MODELS = [
    Organisation,
    Succession,
    Programme,
    SteeringGroupMembership,
    Theme,
    Goal,
    GoalCoordinator,
    Measure,
    Indicator,
    IndicatorTarget,
    AuditEvent,
]


def snapshot() -> dict[str, list[dict[str, object]]]:
    """Every row of every table the importer touches, primary keys included."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def run_import(path: Path, *options: str) -> str:
    out = StringIO()
    call_command("import_programme", str(path), *options, stdout=out)
    return out.getvalue()


def rejected(path: Path) -> list[str]:
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_programme", str(path), stderr=err)
    lines = err.getvalue().splitlines()
    assert str(raised.value) == errors.NOTHING_IMPORTED.format(file=path, count=len(lines))
    return lines


def variant(tmp_path: Path, *replacements: tuple[str, str], name: str = "broken.yaml") -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, snippet: str) -> int:
    lines = [n for n, line in enumerate(path.read_text().splitlines(), 1) if snippet in line]
    assert len(lines) == 1, snippet
    return lines[0]


def dumped(tmp_path: Path, change: object) -> Path:
    """The minimal file as data, changed by `change(data)`, written back out."""
    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path = tmp_path / "changed.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def imported(db: None) -> dict[str, list[dict[str, object]]]:
    """The minimal programme already imported, so "unchanged" has something to compare."""
    run_import(MINIMAL)
    return snapshot()


# -- A valid file -------------------------------------------------------------------------


def test_import_creates_the_programme_tree(db: None) -> None:
    out = run_import(MINIMAL)

    assert "  create programmes.goal yhteistyo\n" in out
    assert out.splitlines()[-1] + "\n" == (
        f'Imported programme "testiohjelma" from {MINIMAL}: '
        f"created {MINIMAL_OBJECTS}, updated 0, deleted 0, unchanged 0.\n"
    )
    programme = Programme.objects.get(key="testiohjelma")
    assert programme.description_fi == "Ensimmäinen kappale.\n\nToinen kappale."
    assert programme.end_year is None
    assert [t.number for t in programme.themes.order_by("order")] == ["4.1", "4.2"]
    te_office = Organisation.objects.get(key="te-toimisto")
    succession = te_office.successions.get()
    assert (succession.successor.key, str(succession.date)) == ("tyollisyysalue", "2025-01-01")
    assert succession.municipalities == ["KU285"]
    assert str(te_office.valid_until) == "2024-12-31"
    assert [m.key for m in Measure.objects.order_by("order")] == ["verkosto", "pilotit"]
    theme_indicator = Indicator.objects.get(key="tyottomien-osuus")
    assert theme_indicator.theme.number == "4.1" and theme_indicator.goal is None
    assert str(theme_indicator.baseline_value) == "12.900"
    targets = IndicatorTarget.objects.filter(indicator__key="pitkaaikaistyottomat")
    assert {(t.year, str(t.value)) for t in targets} == {(2025, "8500.500"), (2027, "8000.000")}
    coordinators = GoalCoordinator.objects.filter(goal__key="yhteistyo").order_by("order")
    assert [(c.organisation.key, c.role) for c in coordinators] == [
        ("kotkan-kaupunki", "coordinator"),
        ("te-toimisto", "partner"),
    ]


def test_every_created_object_is_audited(db: None) -> None:
    run_import(MINIMAL)

    events = AuditEvent.objects.all()
    assert events.count() == MINIMAL_OBJECTS
    assert {(e.action, e.actor_id, e.actor_description) for e in events} == {
        ("create", None, ACTOR_DESCRIPTION.format(file=MINIMAL))
    }
    goal = events.get(object_type="programmes.goal", object_key="yhteistyo")
    assert goal.before is None
    assert goal.after["theme"] == "testiohjelma/4.1"
    assert goal.after["title_fi"] == "Yhteistyön kehittäminen"
    te_office = events.get(object_type="organisations.organisation", object_key="te-toimisto")
    assert te_office.after["valid_until"] == "2024-12-31"
    succession = events.get(object_type="organisations.succession")
    assert succession.object_key == "te-toimisto>tyollisyysalue"
    assert succession.after["successor"] == "tyollisyysalue"
    target = events.get(object_key="pitkaaikaistyottomat/2025")
    assert target.object_type == "programmes.indicatortarget"
    assert target.after == {
        "indicator": "pitkaaikaistyottomat",
        "year": 2025,
        "area": "",
        "value": "8500.5",
    }


def test_reimporting_an_unchanged_file_writes_nothing(imported: dict[str, object]) -> None:
    with CaptureQueriesContext(connection) as queries:
        out = run_import(MINIMAL)

    writes = [q["sql"] for q in queries if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []
    assert f"created 0, updated 0, deleted 0, unchanged {MINIMAL_OBJECTS}." in out
    assert snapshot() == imported


def test_changed_text_is_updated_in_place(imported: dict[str, object], tmp_path: Path) -> None:
    pks = {
        model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in MODELS[:-1]
    }
    path = variant(tmp_path, ("title: {fi: Palvelupilotit,", "title: {fi: Uudet palvelupilotit,"))

    out = run_import(path)

    assert f"created 0, updated 1, deleted 0, unchanged {MINIMAL_OBJECTS - 1}." in out
    assert pks == {
        model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in MODELS[:-1]
    }
    assert Measure.objects.get(key="pilotit").title_fi == "Uudet palvelupilotit"
    event = AuditEvent.objects.get(action="update")
    assert (event.object_type, event.object_key) == ("programmes.measure", "pilotit")
    assert (event.before, event.after) == (
        {"title_fi": "Palvelupilotit"},
        {"title_fi": "Uudet palvelupilotit"},
    )


def test_a_goal_moved_to_another_theme_keeps_its_row(imported: object, tmp_path: Path) -> None:
    goal_pk = Goal.objects.get(key="osaaminen").pk

    def move(data: dict) -> None:
        themes = data["programme"]["themes"]
        themes[0]["goals"].append(themes[1].pop("goals")[0])

    run_import(dumped(tmp_path, move))

    goal = Goal.objects.get(key="osaaminen")
    assert (goal.pk, goal.theme.number, goal.order) == (goal_pk, "4.1", 1)
    event = AuditEvent.objects.get(action="update", object_key="osaaminen")
    assert (event.before, event.after) == (
        {"theme": "testiohjelma/4.2", "order": 0},
        {"theme": "testiohjelma/4.1", "order": 1},
    )


def test_items_removed_from_the_file_are_deleted(imported: object, tmp_path: Path) -> None:
    def remove(data: dict) -> None:
        programme = data["programme"]
        del programme["themes"][1]
        del programme["steering_group"][1]
        goal = programme["themes"][0]["goals"][0]
        del goal["measures"][0]
        del goal["coordinators"][1]
        del goal["indicators"][0]["targets"][1]
        # An organisation missing from the file is kept, but nothing may refer to it.
        del data["organisations"][2]
        del data["organisations"][1]["successors"]

    out = run_import(dumped(tmp_path, remove), "--delete-missing")

    assert "  delete programmes.goal osaaminen\n" in out
    deleted = AuditEvent.objects.filter(action="delete").values_list("object_type", "object_key")
    assert sorted(deleted) == [
        ("organisations.succession", "te-toimisto>tyollisyysalue"),
        ("programmes.goal", "osaaminen"),
        ("programmes.goalcoordinator", "yhteistyo/te-toimisto"),
        ("programmes.indicator", "koulutuspaivat"),
        ("programmes.indicatortarget", "pitkaaikaistyottomat/2025"),
        ("programmes.measure", "verkosto"),
        ("programmes.steeringgroupmembership", "testiohjelma/te-toimisto"),
        ("programmes.theme", "testiohjelma/4.2"),
    ]
    assert "updated 1, deleted 8, unchanged 10." in out
    updated = AuditEvent.objects.filter(action="update").values_list("object_key", "after")
    assert sorted(updated) == [("pilotit", {"order": 0})]
    assert Organisation.objects.filter(key="tyollisyysalue").exists()
    assert not Organisation.objects.get(key="te-toimisto").successions.exists()
    assert not Goal.objects.filter(key="osaaminen").exists()
    assert IndicatorTarget.objects.count() == 1


def test_without_delete_missing_a_dropped_goal_is_only_planned(
    imported: object, tmp_path: Path
) -> None:
    def drop_goal(data: dict) -> None:
        del data["programme"]["themes"][1]["goals"][0]

    rows_before = {model: model.objects.count() for model in MODELS}
    audit_before = AuditEvent.objects.count()

    out = run_import(dumped(tmp_path, drop_goal))

    assert "  would delete programmes.goal osaaminen (kept: not asked to delete)\n" in out
    assert "deleted 0" in out and "not deleted " in out and "--delete-missing" in out
    assert {model: model.objects.count() for model in MODELS} == rows_before
    assert AuditEvent.objects.count() == audit_before
    assert Goal.objects.filter(key="osaaminen").exists()


def test_a_dry_run_prints_the_plan_and_saves_nothing(imported: object, tmp_path: Path) -> None:
    def rename(data: dict) -> None:
        data["programme"]["themes"][0]["goals"][0]["title"]["fi"] = "Uusi otsikko"

    audit_before = AuditEvent.objects.count()
    out = run_import(dumped(tmp_path, rename), "--dry-run")

    assert "  update programmes.goal yhteistyo: title_fi\n" in out
    assert out.rstrip().endswith("unchanged 19.") and "Dry run, nothing saved" in out
    assert Goal.objects.get(key="yhteistyo").title_fi == "Yhteistyön kehittäminen"
    assert AuditEvent.objects.count() == audit_before


def test_the_real_programme_file_imports(db: None) -> None:
    run_import(REAL_FILE)

    theme = Theme.objects.get(programme__key="kymenlaakso-2021", number="4.4")
    titles = Measure.objects.filter(goal__theme=theme).values_list("title_fi", flat=True)
    assert "Pitkäaikaistyöttömyyden ennaltaehkäisy ja katkaisu" in titles
    assert "created 0, updated 0, deleted 0" in run_import(REAL_FILE)


# -- Broken files: the exact message, and the database unchanged ----------------------------


def test_yaml_syntax_error(imported: object, tmp_path: Path) -> None:
    path = variant(tmp_path, ("source_note: Written for", "source_note: Written: for"))
    message = errors.YAML_SYNTAX.format(problem="mapping values are not allowed here")
    assert rejected(path) == [f"{path}:{line_of(path, 'source_note')}:23: {message}"]
    assert snapshot() == imported


ORGANISATION_KINDS = ", ".join(OrganisationKind.values)
# One broken variant of the minimal file per row: (text replaced, replacement), the line to
# point at (a snippet found on exactly one line of the variant), the field path, the message.
BROKEN_VARIANTS = {
    "unknown field": (
        ("title: {fi: Osaaminen}", "title: {fi: Osaaminen}\n      colour: blue"),
        "colour",
        "programme.themes[1].colour",
        errors.UNKNOWN_FIELD.format(allowed="number, title, targeted_impacts, indicators, goals"),
    ),
    "missing field": (
        ("    kind: employment_area\n", ""),
        "- key: tyollisyysalue",
        "organisations[2].kind",
        errors.MISSING_FIELD,
    ),
    "duplicate field": (
        ("    short_name: Kotka\n", "    short_name: Kotka\n    short_name: KTK\n"),
        "short_name: KTK",
        "organisations[0].short_name",
        errors.YAML_DUPLICATE_FIELD.format(
            name="short_name", first_line=line_of(MINIMAL, "short_name: Kotka")
        ),
    ),
    "unknown organisation": (
        ("organisation: te-toimisto, role: partner", "organisation: ELY"),
        "ELY",
        "programme.themes[0].goals[0].coordinators[1].organisation",
        'unknown organisation "ELY"',
    ),
    "wrong type": (
        ('- number: "4.2"', "- number: 4.2"),
        "4.2",
        "programme.themes[1].number",
        errors.WRONG_TYPE.format(expected="a string", actual="a number (4.2)"),
    ),
    "theme number that cannot be a URL": (
        ('number: "4.2"', 'number: "4,2"'),
        '"4,2"',
        "programme.themes[1].number",
        errors.INVALID_THEME_NUMBER.format(actual='"4,2"'),
    ),
    "successor cycle": (
        (
            "valid_from: 2025-01-01\n",
            "valid_from: 2025-01-01\n    successors: [{organisation: te-toimisto}]\n",
        ),
        "- {organisation: tyollisyysalue",
        "organisations[1].successors[0].organisation",
        errors.SUCCESSOR_CYCLE.format(cycle="te-toimisto → tyollisyysalue → te-toimisto"),
    ),
    "invalid business id": (
        ("0160225-7", "0160225-8"),
        "0160225-8",
        "organisations[0].business_id",
        errors.INVALID_BUSINESS_ID.format(value="0160225-8", reason=errors.BUSINESS_ID_CHECK_DIGIT),
    ),
    "unknown enum value": (
        ("kind: municipality", "kind: city"),
        "kind: city",
        "organisations[0].kind",
        errors.UNKNOWN_VALUE.format(actual='"city"', allowed=ORGANISATION_KINDS),
    ),
    "official indicator without statistic": (
        ("kind: manual", "kind: official"),
        "- key: koulutuspaivat",
        "programme.themes[1].goals[0].indicators[0].statistic",
        errors.OFFICIAL_WITHOUT_STATISTIC,
    ),
    "two targets for one year": (
        ("{year: 2025, value: 8500.5}", "{year: 2027, value: 8500.5}"),
        "targets:",
        "programme.themes[0].goals[0].indicators[0].targets[1].year",
        errors.DUPLICATE_KEY.format(
            kind="target year", key=2027, first_line=line_of(MINIMAL, "targets:")
        ),
    ),
    "duplicate goal key across themes": (
        ("- key: osaaminen", "- key: yhteistyo  # was osaaminen"),
        "# was osaaminen",
        "programme.themes[1].goals[0].key",
        errors.DUPLICATE_KEY.format(
            kind="goal key", key="yhteistyo", first_line=line_of(MINIMAL, "- key: yhteistyo")
        ),
    ),
}


@pytest.mark.parametrize(
    ("replacement", "snippet", "field_path", "message"),
    BROKEN_VARIANTS.values(),
    ids=BROKEN_VARIANTS.keys(),
)
def test_broken_variant_is_rejected(
    imported: object,
    tmp_path: Path,
    replacement: tuple[str, str],
    snippet: str,
    field_path: str,
    message: str,
) -> None:
    path = variant(tmp_path, replacement)
    assert rejected(path) == [f"{path}:{line_of(path, snippet)} {field_path}: {message}"]
    assert snapshot() == imported


@pytest.mark.parametrize("content", ["", "\n  \n", "# only a comment\n"])
def test_empty_file(imported: object, tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text(content)
    assert rejected(path) == [f"{path}: {errors.FILE_EMPTY}"]
    assert snapshot() == imported


def test_binary_file(imported: object, tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert rejected(path) == [f"{path}: {errors.FILE_HAS_NUL_BYTE.format(offset=8)}"]
    assert snapshot() == imported


def test_file_not_in_utf8(imported: object, tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    path = tmp_path / "latin1.yaml"
    path.write_bytes(text.encode("latin-1"))
    offset = next(index for index, char in enumerate(text) if ord(char) > 127)
    message = errors.FILE_NOT_UTF8.format(byte=ord(text[offset]), offset=offset)
    assert rejected(path) == [f"{path}: {message}"]
    assert snapshot() == imported


def test_oversized_file(imported: object, tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(MINIMAL.read_bytes().ljust(MAX_FILE_BYTES + 1, b"#"))
    message = errors.FILE_TOO_LARGE.format(size=MAX_FILE_BYTES + 1, limit=MAX_FILE_BYTES)
    assert rejected(path) == [f"{path}: {message}"]
    assert snapshot() == imported


def test_end_before_start(imported: object, tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        ("end_year: null", "end_year: 2020"),
        ("valid_from: 2025-01-01", "valid_from: 2025-01-01\n    valid_until: 2024-06-30"),
    )
    assert rejected(path) == [
        f"{path}:{line_of(path, '2024-06-30')} organisations[2].valid_until: "
        "valid_until 2024-06-30 is before "
        "valid_from 2025-01-01",
        f"{path}:{line_of(path, 'end_year')} programme.end_year: end_year 2020 is before "
        "start_year 2021",
    ]
    assert snapshot() == imported


def test_top_level_and_format_are_checked_first(imported: object, tmp_path: Path) -> None:
    listing = tmp_path / "list.yaml"
    listing.write_text("- format: seuraamo-programme/1\n")
    other = variant(tmp_path, ("format: seuraamo-programme/1", "format: seuraamo-programme/2"))

    message = errors.TOP_LEVEL_NOT_MAPPING.format(actual="a list")
    assert rejected(listing) == [f"{listing}:1 (document): {message}"]
    message = errors.WRONG_FORMAT.format(
        expected="seuraamo-programme/1", actual='"seuraamo-programme/2"'
    )
    assert rejected(other) == [f"{other}:{line_of(other, 'format:')} format: {message}"]
    assert snapshot() == imported


def test_all_problems_are_reported_up_to_the_limit(imported: object, tmp_path: Path) -> None:
    organisations = "".join(
        f"  - {{key: org-{n}, name: {{fi: Org {n}}}, kind: city}}\n" for n in range(60)
    )
    path = variant(tmp_path, ("organisations:\n", f"organisations:\n{organisations}"))
    message = errors.UNKNOWN_VALUE.format(actual='"city"', allowed=ORGANISATION_KINDS)
    err = StringIO()
    with pytest.raises(CommandError, match="60 problem"):
        call_command("import_programme", str(path), stderr=err)
    first = line_of(path, "key: org-0,")
    assert err.getvalue().splitlines() == [
        *(f"{path}:{first + n} organisations[{n}].kind: {message}" for n in range(50)),
        errors.MORE_PROBLEMS.format(count=10),
    ]
    assert snapshot() == imported


def test_key_used_by_another_programme(db: None) -> None:
    GoalFactory(key="osaaminen", theme__programme__key="muu-ohjelma")
    before = snapshot()
    message = errors.KEY_USED_BY_OTHER_PROGRAMME.format(
        kind="goal", key="osaaminen", programme="muu-ohjelma"
    )
    line = line_of(MINIMAL, "- key: osaaminen")
    assert rejected(MINIMAL) == [f"{MINIMAL}:{line} programme.themes[1].goals[0].key: {message}"]
    assert snapshot() == before


def test_failure_while_writing_leaves_the_database_unchanged(
    imported: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = variant(tmp_path, ("title: {fi: Osaaminen}", "title: {fi: Osaaminen ja koulutus}"))

    def fail(self: ProgrammeWriter) -> None:
        raise RuntimeError("disk full")

    # The last write step: every create and update has run by then.
    monkeypatch.setattr(ProgrammeWriter, "delete_stale", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        call_command("import_programme", str(path), stdout=StringIO())
    assert snapshot() == imported


def test_model_validation_is_a_last_line_of_defence(
    imported: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("seuraamo.programmes.importer.service.validate_document", lambda d: [])
    path = variant(tmp_path, ("0160225-7", "0160225-8"))
    detail = "business_id: 0160225-8 is not a valid business id (Y-tunnus), e.g. 0160225-7."
    message = errors.DATABASE_REJECTED.format(kind="organisation", detail=detail)
    line = line_of(path, "- key: kotkan-kaupunki")
    assert rejected(path) == [f"{path}:{line} organisations[0]: {message}"]
    assert snapshot() == imported


def test_command_line_exit_status_and_stderr(tmp_path: Path, migrated_sqlite) -> None:
    """The real console script: a non-zero exit and the problem on stderr, not stdout."""
    seuraamo = str(Path(sys.executable).parent / "seuraamo")
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": migrated_sqlite(tmp_path / "db.sqlite3")}
    broken = variant(tmp_path, ("organisation: te-toimisto, role: partner", "organisation: ELY"))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 -- our own console script
            [seuraamo, *args], env=env, cwd=tmp_path, capture_output=True, text=True, check=False
        )

    assert run("import_programme", str(MINIMAL)).returncode == 0
    result = run("import_programme", "broken.yaml")

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"broken.yaml:{line_of(broken, 'ELY')} programme.themes[0].goals[0].coordinators[1]"
        '.organisation: unknown organisation "ELY"',
        "CommandError: " + errors.NOTHING_IMPORTED.format(file="broken.yaml", count=1),
    ]
