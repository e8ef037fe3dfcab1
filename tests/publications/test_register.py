"""The publications register: barometer figures from the CSV template (all rows or none, revisions
kept, a bad file refused with file:line), and the situation page telling that no release has
been recorded rather than showing an invented value."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from seuraamo.core.models import AuditEvent
from seuraamo.publications.models import Publication, PublicationFigure, PublicationFigureRevision
from tests.admin_forms import admin_form_payload
from tests.personas import superuser

pytestmark = pytest.mark.django_db

# Constructed test figures (not from a real release).
GOOD = """publication,area,indicator,period,value
pk-yritysbarometri,MK08,staff-balance,2026H1,4
pk-yritysbarometri,MK08,turnover-balance,2026H1,12.5
pk-yritysbarometri,SSS,staff-balance,2026H1,7
"""


def write(tmp_path: Path, text: str, name: str = "figures.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_known_publications_are_registered() -> None:
    keys = set(Publication.objects.values_list("key", flat=True))
    assert {"pk-yritysbarometri", "kuntabarometri", "alueelliset-kehitysnakymat"} <= keys


def test_publishers_are_named_without_english_words_mixed_in() -> None:
    """The situation page's register shows the publisher as it is stored, on every language: the
    outlooks' publisher was "Elinvoimakeskukset (earlier the ELY centres)" until migration 0004."""
    publishers = dict(Publication.objects.values_list("key", "publisher"))
    assert publishers["alueelliset-kehitysnakymat"] == "Elinvoimakeskukset (ent. ELY-keskukset)"


def test_import_stores_figures_and_keeps_revisions(tmp_path) -> None:
    call_command("import_publication_figures", write(tmp_path, GOOD))
    assert PublicationFigure.objects.count() == 3
    changed = GOOD.replace("MK08,staff-balance,2026H1,4", "MK08,staff-balance,2026H1,5")
    call_command("import_publication_figures", write(tmp_path, changed, "revised.csv"))
    figure = PublicationFigure.objects.get(area_code="MK08", indicator="staff-balance")
    assert figure.value == 5
    [revision] = PublicationFigureRevision.objects.all()
    assert (revision.previous_value, revision.source) == (4, "import revised.csv")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("pk-yritysbarometri,MK08,staff-balance,2026-06,3", "period '2026-06' is not like"),
        ("pk-yritysbarometri,MK08,staff-balance,2026H1,lots", "value 'lots' is not a number"),
        (
            "no-such-barometer,MK08,staff-balance,2026H1,3",
            "unknown publication 'no-such-barometer'",
        ),
        ("pk-yritysbarometri,=cmd(),staff-balance,2026H1,3", "area '=cmd()' is not a code"),
        ("pk-yritysbarometri,MK08,staff-balance,2026H1", "4 fields, expected 5"),
        ("pk-yritysbarometri,MK08,staff-balance,2026H1,nan", "not a finite number"),
    ],
)
def test_a_bad_file_is_refused_with_file_and_line_and_nothing_stored(
    tmp_path, line, message
) -> None:
    path = write(tmp_path, GOOD + line + "\n", "bad.csv")
    with pytest.raises(CommandError) as caught:
        call_command("import_publication_figures", path)
    assert str(caught.value).startswith("bad.csv:5: ")
    assert message in str(caught.value) and str(caught.value).endswith("nothing was stored")
    assert PublicationFigure.objects.count() == 0


def test_a_wrong_header_is_refused(tmp_path) -> None:
    with pytest.raises(CommandError, match=r"^bad.csv:1: the header must be publication,area"):
        call_command("import_publication_figures", write(tmp_path, "a,b\n", "bad.csv"))


def test_an_admin_edit_keeps_the_previous_value_as_a_revision(tmp_path, client) -> None:
    call_command("import_publication_figures", write(tmp_path, GOOD))
    figure = PublicationFigure.objects.get(area_code="MK08", indicator="staff-balance")
    client.force_login(superuser("analyytikko"))
    url = reverse("admin:publications_publicationfigure_change", args=[figure.pk])
    payload = admin_form_payload(client, url) | {"value": "6"}
    assert client.post(url, payload).status_code == 302
    figure.refresh_from_db()
    [revision] = PublicationFigureRevision.objects.all()
    assert (figure.value, revision.previous_value, revision.source) == (6, 4, "admin: analyytikko")
    assert AuditEvent.objects.filter(object_type="publications.publicationfigure").exists()
