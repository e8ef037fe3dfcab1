"""One set of rules wherever content is written: any state the model rules accept (what the admin
saves) exports to a programme file that imports back, into the same database and into an empty one,
to the identical state. Hypothesis generates the edits."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import models, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seuraamo.organisations.models import Organisation, Succession
from seuraamo.organisations.validators import business_id_check_digit
from seuraamo.programmes.models import (
    Goal,
    GoalCoordinator,
    Indicator,
    IndicatorKind,
    IndicatorTarget,
    Measure,
    Programme,
    SteeringGroupMembership,
    Theme,
)
from tests.programmes.test_export_programme import export
from tests.programmes.test_import_programme import MINIMAL, run_import

pytestmark = pytest.mark.django_db

# What a person can type into an admin text box: any printable text; the form strips the ends.
typed_text = (
    st.text(st.characters(categories=["L", "M", "N", "P", "S", "Zs"]), min_size=1, max_size=40)
    .map(str.strip)
    .filter(bool)
)
paragraphs = st.lists(typed_text, min_size=1, max_size=3).map("\n\n".join)
dates = st.dates(datetime.date(1990, 1, 1), datetime.date(2060, 12, 31))
amounts = st.decimals(
    min_value=Decimal("-99999999999.999"), max_value=Decimal("99999999999.999"), places=3
)
municipalities = st.lists(st.integers(0, 999).map(lambda n: f"KU{n:03d}"), max_size=4, unique=True)


@st.composite
def business_ids(draw: st.DrawFn) -> str:
    digits = draw(st.text("0123456789", min_size=7, max_size=7))
    check = business_id_check_digit(digits)
    return f"{digits}-{check}" if check is not None else ""


def set_text(
    model: type[models.Model], field: str, text: st.SearchStrategy[str]
) -> st.SearchStrategy:
    return st.tuples(st.just(model), st.just(field), text)


EDITS = st.one_of(
    set_text(Organisation, "name_fi", typed_text),
    set_text(Organisation, "name_sv", typed_text | st.just("")),
    set_text(Organisation, "notes", paragraphs),
    set_text(Organisation, "business_id", business_ids()),
    set_text(Organisation, "municipalities", municipalities),
    set_text(Organisation, "valid_from", dates | st.none()),
    set_text(Organisation, "valid_until", dates | st.none()),
    set_text(Programme, "description_en", paragraphs),
    set_text(Theme, "title_sv", typed_text),
    set_text(Theme, "targeted_impacts_fi", paragraphs),
    set_text(Goal, "title_fi", typed_text),
    set_text(Goal, "description_sv", paragraphs | st.just("")),
    set_text(Measure, "title_en", typed_text),
    set_text(Indicator, "name_fi", typed_text),
    set_text(Indicator, "baseline_value", amounts | st.none()),
    set_text(Indicator, "baseline_date", dates | st.none()),
    set_text(Indicator, "kind", st.sampled_from(IndicatorKind.values)),
    set_text(Indicator, "stat_table", st.sampled_from(["", "tyonv/12r5"])),
    set_text(Indicator, "stat_area", st.sampled_from(["", "MK08", "KU285", "TA04", "<script>"])),
    set_text(IndicatorTarget, "value", amounts),
    set_text(SteeringGroupMembership, "valid_until", dates | st.none()),
    set_text(Succession, "municipalities", municipalities),
    set_text(Succession, "date", dates | st.none()),
)


def apply(edit: tuple[type[models.Model], str, object], pick: int) -> bool:
    """Make the edit on one row if the model's rules accept it, as the admin would; else nothing."""
    model, field, value = edit
    rows = list(model.objects.order_by("pk"))
    row = rows[pick % len(rows)]
    setattr(row, field, value)
    try:
        row.full_clean()
    except ValidationError:
        return False
    row.save()
    return True


class _Rollback(Exception):  # noqa: N818 - a control-flow signal, not an error
    pass


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=st.lists(st.tuples(EDITS, st.integers(0, 50)), min_size=1, max_size=8))
def test_every_accepted_state_exports_and_reimports_identically(
    tmp_path: Path, edits: list[tuple[tuple[type[models.Model], str, object], int]]
) -> None:
    try:
        with transaction.atomic():
            run_import(MINIMAL)
            for edit, pick in edits:
                apply(edit, pick)
            first = export()
            exported = tmp_path / "exported.yaml"
            exported.write_text(first, encoding="utf-8")

            same_database = run_import(exported)
            assert "created 0, updated 0, deleted 0," in same_database.splitlines()[-1]

            for model in (IndicatorTarget, Indicator, Measure, GoalCoordinator, Goal, Theme):
                model.objects.all().delete()
            SteeringGroupMembership.objects.all().delete()
            Programme.objects.all().delete()
            Succession.objects.all().delete()
            Organisation.objects.all().delete()
            run_import(exported)
            assert export() == first
            raise _Rollback
    except _Rollback:
        pass
