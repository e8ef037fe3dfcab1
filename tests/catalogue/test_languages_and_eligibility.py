"""What a service page and the guide say in Swedish and English (issue 19 §5): the provider's own
translations where PTV carries them; where only Finnish exists, the Finnish text marked lang="fi"
and a note that says so. And the eligibility fields in plain words, with who gives the service in
which municipality (§3)."""

from __future__ import annotations

import copy
import datetime
import html as html_lib
import importlib
import io
import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from seuraamo.catalogue.guide import Answers, guide_rules, recommend
from seuraamo.catalogue.models import Audience, GuideRule, Service, ServiceStatus
from seuraamo.catalogue.routing import employment_authorities, provider_for
from seuraamo.organisations.models import Organisation

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).parent / "ptv" / "v11_service_liperi_real.json"
ONLY_IN_FINNISH = {
    "sv": "Tjänstens uppgifter finns bara på finska",
    "en": "This service's details are only in Finnish",
}


def _translated_ptv_file(tmp_path: Path) -> Path:
    """The real PTV service, given Swedish and English texts as a provider gives them in PTV."""
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    record = copy.deepcopy(next(iter(data.values())))
    record["serviceNames"] += [
        {"language": "sv", "value": "Individualiserad lärokurs", "type": "Name"},
        {"language": "en", "value": "Individualised syllabus", "type": "Name"},
    ]
    record["serviceDescriptions"] += [
        {"language": lang, "value": text, "type": kind}
        for lang, kind, text in [
            ("sv", "Summary", "Stöd för elever som behöver en egen lärokurs."),
            ("sv", "Description", "Eleven studerar enligt en individualiserad lärokurs."),
            ("en", "Summary", "Support for pupils who need their own syllabus."),
            ("en", "Description", "The pupil studies to an individualised syllabus."),
        ]
    ]
    path = tmp_path / "translated.json"
    path.write_text(json.dumps({"translated": record}), encoding="utf-8")
    return path


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_service_page_shows_the_provider_s_translation_and_marks_finnish_only_text(
    catalogue: None, client: Client, tmp_path: Path, language: str
) -> None:
    out = io.StringIO()
    call_command(
        "import_ptv", str(_translated_ptv_file(tmp_path)), "--municipalities", "KU426", stdout=out
    )
    imported = Service.objects.get(name_fi="Yksilöllistetty oppimäärä")
    Service.objects.filter(pk=imported.pk).update(status=ServiceStatus.PUBLISHED, level=1)
    html = client.get(f"/{language}/services/{imported.key}/").content.decode()
    name = {"sv": "Individualiserad lärokurs", "en": "Individualised syllabus"}[language]
    assert f"<h1>{name}</h1>" in html
    assert ONLY_IN_FINNISH[language] not in html
    seeded = client.get(f"/{language}/services/ohjaamo-kotka/").content.decode()
    assert '<h1><span lang="fi">Ohjaamo Kotka</span></h1>' in seeded
    assert ONLY_IN_FINNISH[language] in seeded
    finnish = client.get("/fi/services/ohjaamo-kotka/").content.decode()
    assert "vain suomeksi" not in finnish


@pytest.mark.parametrize(
    ("language", "note"), [("sv", "endast på finska"), ("en", "in Finnish only")]
)
def test_the_guide_marks_finnish_only_names_in_swedish_and_english(
    catalogue: None, client: Client, language: str, note: str
) -> None:
    answers = {
        "audience": "person",
        "municipality": "KU285",
        "age": "22",
        "jobseeker": "yes",
        "unemployment": "0",
        "moved": "no",
        "work_ability": "no",
        "need": "job",
    }
    html = client.post(f"/{language}/services/guide/", answers).content.decode()
    card = html[html.index('href="/' + language + '/services/ohjaamo-kotka/"') :]
    card = card[: card.index("</h3>")]
    assert '<span lang="fi">Ohjaamo Kotka</span>' in card
    assert note in card
    kela = html[html.index(f'href="/{language}/services/kela-tyottomyysturva/"') :]
    kela = html_lib.unescape(kela[: kela.index("</h3>")])
    assert 'lang="fi"' not in kela
    assert note not in kela
    assert {"sv": "FPA:s stöd för arbetslösa", "en": "Kela's benefits for the unemployed"}[
        language
    ] in kela


def test_the_employer_services_page_says_who_gives_them_where(
    catalogue: None, client: Client
) -> None:
    html = client.get("/fi/services/tyonantajapalvelut/").content.decode()
    where = html[html.index('class="providers-by-municipality"') :]
    where = re.sub(r"\s+", " ", where[: where.index("</ul>")])
    assert re.search(r"Kouvola: <a [^>]*>Kouvolan työllisyysalue</a> \(1\.1\.2025 alkaen\)", where)
    assert re.search(
        r"Hamina, Kotka, Miehikkälä, Pyhtää, Virolahti: <a [^>]*>Etelä-Kymenlaakson työllisyysalue</a>",
        where,
    )


def test_eligibility_is_written_in_plain_words_in_each_language(
    catalogue: None, client: Client
) -> None:
    expected = {
        "fi": ["Alle 30-vuotiaille."],
        "sv": ["För personer under 30 år."],
        "en": ["For people under 30."],
    }
    for language, lines in expected.items():
        html = client.get(f"/{language}/services/ohjaamo-kotka/").content.decode()
        listed = html[html.index('class="eligibility"') :]
        listed = listed[: listed.index("</ul>")]
        assert all(f"<li>{line}</li>" in listed for line in lines)
    typ = client.get("/en/services/monialainen-tyoelamapalvelu/").content.decode()
    assert "<li>You cannot ask for it directly: another service refers you to it.</li>" in typ


def test_the_guide_follows_the_service_s_own_eligibility(catalogue: None) -> None:
    """A service's age limit holds in the guide even when its rule says nothing about age."""
    GuideRule.objects.filter(service__key="ohjaamo-kotka").update(max_age=None)
    thirty_five = Answers(Audience.PERSON, "KU285", age=35, need="job")
    assert "ohjaamo-kotka" not in [
        item.rule.service.key for item in recommend(thirty_five, guide_rules())
    ]


def provider_key(service: Service, municipality: str, on: datetime.date) -> str | None:
    provider = provider_for(service, municipality, on)
    return None if provider is None else provider.key


def test_routing_follows_the_organisations_dates(catalogue: None) -> None:
    employer = Service.objects.get(key="tyonantajapalvelut")
    assert provider_key(employer, "KU286", datetime.date(2025, 1, 1)) == "kouvolan-tyollisyysalue"
    assert provider_key(employer, "KU489", datetime.date(2025, 1, 1)) == (
        "etela-kymenlaakson-tyollisyysalue"
    )
    assert provider_key(employer, "KU286", datetime.date(2024, 12, 31)) is None
    assert [o.key for o in employment_authorities("KU286", datetime.date(2024, 12, 31))] == [
        "kaakkois-suomen-te-toimisto"
    ]
    # An organisation's area is the data: Kouvola handed to the southern area, the guide follows.
    Organisation.objects.filter(key="kouvolan-tyollisyysalue").update(
        valid_until=datetime.date(2026, 1, 1)
    )
    Organisation.objects.filter(key="etela-kymenlaakson-tyollisyysalue").update(
        municipalities=["KU075", "KU285", "KU286", "KU489", "KU624", "KU935"]
    )
    employer = Service.objects.get(key="tyonantajapalvelut")
    assert provider_key(employer, "KU286", datetime.date(2026, 6, 1)) == (
        "etela-kymenlaakson-tyollisyysalue"
    )


def test_migration_0008_gives_a_catalogue_loaded_before_the_routing_data(catalogue: None) -> None:
    migration = importlib.import_module(
        "seuraamo.catalogue.migrations.0008_referral_needed_and_routing_data"
    )
    moona = Service.objects.get(key="moona-kouvola")
    moona.municipalities = ["KU286"]
    moona.save()
    moona.producers.remove(Organisation.objects.get(key="kotkan-kaupunki"))
    Service.objects.update(referral_needed=False)
    GuideRule.objects.filter(service__key="tyonantajapalvelut").update(
        priority=10, needs=["recruiting"]
    )
    migration.route_by_data(apps, None)
    moona.refresh_from_db()
    assert moona.municipalities == ["KU285", "KU286"]
    assert moona.producers.filter(key="kotkan-kaupunki").exists()
    assert set(Service.objects.filter(referral_needed=True).values_list("key", flat=True)) == {
        "monialainen-tyoelamapalvelu",
        "tyokyvyn-tuen-tiimi",
    }
    rule = GuideRule.objects.get(service__key="tyonantajapalvelut")
    assert (rule.priority, rule.needs) == (5, [])
