"""Public and internal text apart: the reviewers' notes of the real seed (what is still to check,
the draft's eligibility hint, the channels' remarks) are internal notes, which no public page and no
export shows, in any language; the service's editors and the admins see them on the service page.
Migration 0006 moves such notes out of the public fields of an existing catalogue."""

from __future__ import annotations

import html
import importlib

import pytest
from django.apps import apps
from django.test import Client

from seuraamo.catalogue.models import Channel, Service, ServiceStatus
from seuraamo.organisations.models import Organisation
from tests import personas

pytestmark = pytest.mark.django_db
#: Texts the seed's reviewers wrote, which the issue found on public pages, and the labels that
#: introduced them there ("Still to check:" in each language).
KNOWN = [
    "current address & hours",
    "2025 organisation after TE24",
    "verify thresholds",
    "address not in the draft",
    "VERIFY",
    "Tarkistettavaa",
    "Att kontrollera",
    "Still to check",
]


def internal_texts() -> list[str]:
    notes = [*Service.objects.values_list("internal_note", flat=True)]
    notes += Channel.objects.values_list("internal_note", flat=True)
    lines = [line for note in notes for line in note.splitlines() if line.strip()]
    # Each line, and each of the draft's items in it, as a page would show it (escaped).
    pieces = [piece for line in lines for piece in [line, *line.split(": ", 1)[1:]]]
    return sorted({html.escape(piece) for piece in pieces if len(piece) > 8})


def test_no_public_service_page_shows_an_internal_note(catalogue: None, client: Client) -> None:
    secrets = internal_texts() + [html.escape(text) for text in KNOWN]
    assert len(internal_texts()) >= 10  # the seed's notes are all there, as internal notes
    found = []
    for key in Service.objects.exclude(status=ServiceStatus.DRAFT).values_list("key", flat=True):
        for language in ("fi", "sv", "en"):
            page = client.get(f"/{language}/services/{key}/")
            assert page.status_code == 200
            text = page.content.decode()
            found += [(key, language, secret) for secret in secrets if secret in text]
    assert found == []


def test_no_export_carries_an_internal_note(catalogue: None, client: Client) -> None:
    secrets = internal_texts() + KNOWN
    for language in ("fi", "sv", "en"):
        for path in ("services", "service_at_locations"):
            answer = client.get(f"/api/hsds/{path}?lang={language}&per_page=200")
            text = answer.content.decode("unicode_escape")
            assert [secret for secret in secrets if html.unescape(secret) in text] == []


def test_the_service_s_editor_and_an_admin_see_the_internal_note(catalogue: None) -> None:
    typ = Service.objects.get(key="monialainen-tyoelamapalvelu")
    assert typ.eligibility_note == ""
    assert typ.internal_note.endswith("- verify thresholds")
    editor = personas.service_editor(typ.responsible)
    for person in (editor, personas.programme_admin()):
        client = Client()
        client.force_login(person)
        text = client.get("/sv/services/monialainen-tyoelamapalvelu/").content.decode()
        assert "Intern anteckning" in text
        assert "381/2023 - verify thresholds" in text
    outsider = personas.service_editor(Organisation.objects.get(key="cursor"), key="outsider")
    client = Client()
    client.force_login(outsider)
    text = client.get("/fi/services/monialainen-tyoelamapalvelu/").content.decode()
    assert "verify thresholds" not in text


def test_the_migration_moves_the_reviewers_notes_out_of_the_public_fields(catalogue: None) -> None:
    migration = importlib.import_module("seuraamo.catalogue.migrations.0006_internal_notes")
    hint = next(iter(migration.SEEDED_HINTS))
    # As a catalogue loaded before the migration held them: the notes in the public fields.
    Service.objects.filter(key="monialainen-tyoelamapalvelu").update(
        internal_note="", eligibility_note=hint
    )
    Service.objects.filter(key="ohjaamo-kotka").update(
        internal_note="current address & hours\nopening hours", eligibility_note=""
    )
    Service.objects.filter(key="ohjaamo-kouvola").update(
        internal_note="", eligibility_note="Ohjaamoon voi tulla ilman ajanvarausta."
    )
    migration.move_notes(apps, None)
    notes = dict(Service.objects.values_list("key", "internal_note"))
    eligibility = dict(Service.objects.values_list("key", "eligibility_note"))
    assert notes["monialainen-tyoelamapalvelu"] == f"Eligibility in the draft: {hint}"
    assert eligibility["monialainen-tyoelamapalvelu"] == ""
    assert notes["ohjaamo-kotka"] == "To verify: current address & hours; opening hours"
    # What an editor wrote for the public stays public.
    assert eligibility["ohjaamo-kouvola"] == "Ohjaamoon voi tulla ilman ajanvarausta."
    assert notes["ohjaamo-kouvola"] == ""
