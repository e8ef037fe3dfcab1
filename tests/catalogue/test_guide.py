"""The service-path guide on the real seed: the four situations the issue names, and every
combination of answers (each gives at least one service and none that contradicts the answers)."""

from __future__ import annotations

import itertools
import re

import pytest
from django.test import Client
from django.utils import timezone

from seuraamo.catalogue.guide import Answers, guide_rules, recommend
from seuraamo.catalogue.models import (
    Audience,
    ClientKind,
    CompanyNeed,
    GuideDemand,
    GuideRule,
    ImmigrantStatus,
    PersonNeed,
    Service,
)

pytestmark = pytest.mark.django_db
MUNICIPALITIES = ["KU075", "KU285", "KU286", "KU489", "KU624", "KU935"]


def keys(answers: Answers) -> list[str]:
    return [item.rule.service.key for item in recommend(answers, guide_rules())]


def test_a_22_year_old_jobseeker_in_kotka_gets_ohjaamo_kotka_first(catalogue: None) -> None:
    answers = Answers(Audience.PERSON, "KU285", age=22, registered=True, need=PersonNeed.JOB)
    found = recommend(answers, guide_rules())
    assert found[0].rule.service.key == "ohjaamo-kotka"
    assert found[0].reasons == ["koska olet alle 30-vuotias", "koska kotikuntasi on Kotka"]
    assert "ohjaamo-kouvola" not in keys(answers)


def test_a_person_who_moved_to_kouvola_last_year_gets_moona(catalogue: None) -> None:
    answers = Answers(Audience.PERSON, "KU286", age=35, moved="recently", need=PersonNeed.JOB)
    assert keys(answers)[0] == "moona-kouvola"
    assert "kotka-kotoutumisen-alkuvaihe" not in keys(answers)


def test_long_unemployment_with_limited_work_ability_leads_to_the_joint_service(
    catalogue: None,
) -> None:
    answers = Answers(
        Audience.PERSON,
        "KU075",
        age=45,
        registered=True,
        unemployment_months=12,
        work_ability_limited=True,
        need=PersonNeed.HEALTH_SOCIAL,
    )
    # TYP and the work-ability team are referred to: the jobseeker services come first, then TYP
    # (reached through them), then the team (reached through TYP).
    assert keys(answers)[:3] == [
        "tyonhakijan-palvelut-ek",
        "monialainen-tyoelamapalvelu",
        "tyokyvyn-tuen-tiimi",
    ]


def test_a_growing_company_in_hamina_gets_the_employer_services_then_cursor_then_the_elinvoimakeskus(
    catalogue: None,
) -> None:
    answers = Answers(Audience.COMPANY, "KU075", need=CompanyNeed.GROWTH)
    found = recommend(answers, guide_rules())
    assert [item.rule.service.key for item in found] == [
        "tyonantajapalvelut",
        "yritysneuvonta-cursor",
        "team-finland-kansainvalistyminen",
    ]
    assert found[0].provider.key == "etela-kymenlaakson-tyollisyysalue"
    assert found[2].rule.service.responsible.key == "kaakkois-suomen-elinvoimakeskus"


PERSON_22_IN_KOTKA = {
    "audience": "person",
    "municipality": "KU285",
    "age": "22",
    "jobseeker": "yes",
    "unemployment": "0",
    "moved": "no",
    "work_ability": "no",
    "need": "job",
}


def test_the_guide_page_answers_a_post_and_keeps_the_answers_in_its_form(
    catalogue: None, client: Client
) -> None:
    response = client.post("/fi/services/guide/", PERSON_22_IN_KOTKA)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Ohjaamo Kotka") < html.index("Työnhakijan palvelut – Etelä-Kymenlaakso")
    assert "koska olet alle 30-vuotias" in html
    assert "http://www.kotka.fi/ohjaamo" in html
    # "Change the answers" leads to the form below, filled in with the answers just sent.
    assert 'href="#guide-form"' in html
    assert 'name="age" value="22"' in html
    assert re.search(r'<option value="KU285" selected>', html)
    assert re.search(r'name="jobseeker" value="yes"[^>]*checked', html)


def test_the_guide_s_pages_send_no_referrer_and_its_answers_are_not_cached(
    catalogue: None, client: Client
) -> None:
    questions = client.get("/fi/services/guide/")
    assert questions["Referrer-Policy"] == "no-referrer"
    answered = client.post("/fi/services/guide/", PERSON_22_IN_KOTKA)
    assert answered["Referrer-Policy"] == "no-referrer"
    assert "no-store" in answered["Cache-Control"] and "private" in answered["Cache-Control"]


def test_no_link_on_the_answered_page_carries_an_answer(catalogue: None, client: Client) -> None:
    html = client.post("/sv/services/guide/", PERSON_22_IN_KOTKA).content.decode()
    addresses = re.findall(r'(?:href|action)="([^"]*)"', html)
    assert "/fi/services/guide/" in addresses  # the language switch: the questions, empty
    assert [address for address in addresses if "KU285" in address or "age=" in address] == []


def test_answers_in_an_old_address_are_ignored_and_not_counted(
    catalogue: None, client: Client
) -> None:
    response = client.get("/fi/services/guide/", PERSON_22_IN_KOTKA)
    html = response.content.decode()
    assert "Sinulle sopivat palvelut" not in html
    assert 'name="age" value="22"' not in html
    assert GuideDemand.objects.count() == 0


def test_the_guide_refuses_a_post_without_its_csrf_token(catalogue: None) -> None:
    response = Client(enforce_csrf_checks=True).post("/fi/services/guide/", PERSON_22_IN_KOTKA)
    assert response.status_code == 403
    assert GuideDemand.objects.count() == 0


def test_the_next_visitor_never_gets_a_page_with_someone_else_s_answers(
    catalogue: None, client: Client
) -> None:
    client.post("/fi/services/guide/", PERSON_22_IN_KOTKA)
    html = Client().get("/fi/services/guide/").content.decode()
    assert "Sinulle sopivat palvelut" not in html
    assert 'value="22"' not in html and 'value="KU285" selected' not in html


def test_the_guide_page_reports_a_missing_age(catalogue: None, client: Client) -> None:
    response = client.post("/en/services/guide/", {"audience": "person", "municipality": "KU285"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Give your age." in html
    assert "Services for you" not in html
    assert GuideDemand.objects.count() == 0


def test_each_use_is_counted_by_month_need_and_municipality_only(
    catalogue: None, client: Client
) -> None:
    client.post("/fi/services/guide/", PERSON_22_IN_KOTKA)
    client.post("/fi/services/guide/", {**PERSON_22_IN_KOTKA, "age": "58", "work_ability": "yes"})
    client.post("/fi/services/guide/", {**PERSON_22_IN_KOTKA, "need": "education"})
    month = timezone.localdate().replace(day=1)
    assert list(
        GuideDemand.objects.order_by("need").values_list(
            "month", "municipality", "need", "uses", "unmatched"
        )
    ) == [(month, "KU285", "education", 1, 0), (month, "KU285", "job", 2, 0)]


def test_a_use_that_finds_no_service_is_counted_as_such(catalogue: None, client: Client) -> None:
    GuideRule.objects.all().delete()
    html = client.post("/en/services/guide/", PERSON_22_IN_KOTKA).content.decode()
    assert "No service in the catalogue matches these answers." in html
    # ... and names where to ask: Kotka's employment area.
    asked = html[html.index('class="where-to-ask"') :]
    assert "Where to ask:" in asked[: asked.index("</p>")]
    assert 'href="/en/organisations/etela-kymenlaakson-tyollisyysalue/"' in asked
    assert GuideDemand.objects.get().unmatched == 1


AGES = [16, 22, 24, 25, 29, 30, 45, 55, 64]
UNEMPLOYMENT = [(False, 0), (True, 0), (True, 6), (True, 12)]
MOVED = ["no", "recently", "earlier"]


def person_answers() -> list[Answers]:
    return [
        Answers(Audience.PERSON, municipality, age, registered, months, moved, limited, need)
        for municipality, age, (registered, months), moved, limited, need in itertools.product(
            MUNICIPALITIES, AGES, UNEMPLOYMENT, MOVED, [False, True], PersonNeed.values
        )
    ]


def company_answers() -> list[Answers]:
    return [
        Answers(Audience.COMPANY, municipality, need=need)
        for municipality, need in itertools.product(MUNICIPALITIES, CompanyNeed.values)
    ]


def contradictions(service: Service, answers: Answers) -> list[str]:
    """What a recommended service's own data says against the answers."""
    found = []
    if not service.serves(answers.municipality):
        found.append("not offered in the municipality")
    is_person = answers.audience == Audience.PERSON
    if (
        service.client_kind == ClientKind.COMPANY
        and is_person
        and answers.need != "starting_business"
    ):
        found.append("a company service for a person")
    if service.client_kind == ClientKind.PERSON and not is_person:
        found.append("a person's service for a company")
    if service.max_age is not None and (answers.age is None or answers.age > service.max_age):
        found.append("over the age limit")
    if service.min_age is not None and (answers.age is None or answers.age < service.min_age):
        found.append("under the age limit")
    if service.immigrant_status == ImmigrantStatus.IMMIGRANT and answers.moved == "no":
        found.append("an immigrant service for someone who has not moved")
    if (
        service.immigrant_status == ImmigrantStatus.INTEGRATION_PERIOD
        and answers.moved != "recently"
    ):
        found.append("an integration-period service outside the integration period")
    if service.work_ability_limited and not answers.work_ability_limited:
        found.append("a work-ability service without limits")
    return found


def test_every_combination_of_answers_gets_a_service_and_no_contradiction(catalogue: None) -> None:
    rules = guide_rules()
    every = person_answers() + company_answers()
    assert len(every) == 6 * 9 * 4 * 3 * 2 * 5 + 6 * 6
    problems = []
    for answers in every:
        found = recommend(answers, rules)
        if not found:
            problems.append((answers, "no service"))
        services = [item.rule.service.key for item in found]
        if len(services) != len(set(services)):
            problems.append((answers, "a service twice"))
        for item in found:
            for problem in contradictions(item.rule.service, answers):
                problems.append((answers, f"{item.rule.service.key}: {problem}"))
    assert problems == []


def test_each_outcome_is_defined_once(catalogue: None) -> None:
    assert GuideRule.objects.count() == GuideRule.objects.values("service").distinct().count()
