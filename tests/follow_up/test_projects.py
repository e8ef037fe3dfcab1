"""Projects and pilots (issue 18 §4): who may register and edit a project (anonymous, a
coordinator of the owner organisation and of another, the programme admin), the service's own
checks, the public list and page, the list per measure on the goal page and the goal's report."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from seuraamo.catalogue.models import Service, ServiceStatus
from seuraamo.core.models import AuditEvent
from seuraamo.follow_up import project_services
from seuraamo.follow_up.documents import build_document
from seuraamo.follow_up.project_models import Project, ProjectStatus
from seuraamo.follow_up.project_services import ProjectContent, ProjectError
from seuraamo.programmes.models import Measure
from tests.follow_up.builders import FollowUp

pytestmark = pytest.mark.django_db


def client_of(user: object | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def measure(follow_up: FollowUp, number: str, index: int = 1) -> Measure:
    return Measure.objects.get(goal=follow_up.data.goals[number], order=index)


@pytest.fixture
def project(follow_up: FollowUp) -> Project:
    """A project of the steering group's organisation (coordinator_b's)."""
    return project_services.save_project(
        actor=follow_up.coordinator_b,
        content=ProjectContent(
            name="Yhteinen kehittämishanke (testi)",
            owner=follow_up.coordinator_b.organisation,
            measures=[measure(follow_up, "4.1")],
        ),
    )


def form_data(follow_up: FollowUp, owner: object, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Maahanmuuttajien ohjaus (testihanke)",
        "owner": owner.pk,
        "partners": [follow_up.data.organisations["kotkan-kaupunki"].pk],
        "measures": [measure(follow_up, "4.1").pk, measure(follow_up, "4.3", 2).pk],
        "status": ProjectStatus.RUNNING,
        "start_date": "2025-01-01",
        "end_date": "2026-12-31",
        "funding_source": "ESR+",
        "funding_amount": "120000",
        "target_groups": "maahanmuuttajat",
        "results": "Ohjausta annettiin testissä.",
        "contact_name": "Hankepäällikkö",
        "contact_email": "hanke@example.test",
        "service_key": "",
        "url": "",
    }
    data.update(changes)
    return data


def test_a_coordinator_adds_a_project_linked_to_two_measures_shown_on_their_pages_and_reports(
    follow_up: FollowUp,
) -> None:
    coordinator = follow_up.coordinator_b
    response = client_of(coordinator).post(
        "/fi/follow-up/projects/new/", form_data(follow_up, coordinator.organisation)
    )
    assert response.status_code == 302
    project = Project.objects.get(name="Maahanmuuttajien ohjaus (testihanke)")
    assert response["Location"] == f"/fi/follow-up/projects/{project.pk}/"
    assert project.owner == coordinator.organisation
    assert AuditEvent.objects.filter(object_type="progress.project", action="create").count() == 1

    for number, index in (("4.1", 1), ("4.3", 2)):
        goal = follow_up.data.goals[number]
        html = client_of(None).get(f"/fi/goals/{goal.key}/").content.decode()
        item = html.split(f'id="measure-{measure(follow_up, number, index).key}"')[1].split(
            "</li>"
        )[0]
        assert "Maahanmuuttajien ohjaus (testihanke)" in item, number
        other = measure(follow_up, number, 2 if index == 1 else 1)
        other_item = html.split(f'id="measure-{other.key}"')[1].split("</li>")[0]
        assert "Maahanmuuttajien ohjaus (testihanke)" not in other_item
        document = build_document(follow_up.report(number))
        assert [p["name"] for p in document["projects"]] == ["Maahanmuuttajien ohjaus (testihanke)"]
        assert document["projects"][0]["status"] == ProjectStatus.RUNNING
    report = client_of(follow_up.admin).get(f"/fi/follow-up/reports/{follow_up.report('4.3').pk}/")
    assert "Maahanmuuttajien ohjaus (testihanke)" in report.content.decode()
    assert "käynnissä" in report.content.decode()


def test_the_list_and_the_page_are_public(follow_up: FollowUp, project: Project) -> None:
    listing = client_of(None).get("/fi/follow-up/projects/")
    assert listing.status_code == 200
    assert project.name in listing.content.decode()
    assert "Rekisteröi hanke" not in listing.content.decode()
    page = client_of(None).get(f"/fi/follow-up/projects/{project.pk}/")
    assert page.status_code == 200
    assert "Toimenpide 4.1.1" in page.content.decode()
    assert "Muokkaa hanketta" not in page.content.decode()
    assert client_of(None).get("/fi/follow-up/projects/9999/").status_code == 404


def test_who_may_open_the_forms(follow_up: FollowUp, project: Project) -> None:
    edit = f"/fi/follow-up/projects/{project.pk}/edit/"
    for path in ("/fi/follow-up/projects/new/", edit):
        assert client_of(None).get(path).status_code == 302, path  # to sign in
    # someone acting for no organisation registers nothing
    for user in (follow_up.steering, follow_up.analyst):
        assert client_of(user).get("/fi/follow-up/projects/new/").status_code == 403
        assert client_of(user).get(edit).status_code == 403
    # a coordinator of another organisation registers its own, never edits this one
    assert client_of(follow_up.outsider).get("/fi/follow-up/projects/new/").status_code == 200
    assert client_of(follow_up.outsider).get(edit).status_code == 403
    posted = client_of(follow_up.outsider).post(
        edit, form_data(follow_up, follow_up.outsider.organisation)
    )
    assert posted.status_code == 403
    assert client_of(follow_up.coordinator_b).get(edit).status_code == 200
    assert client_of(follow_up.admin).get(edit).status_code == 200
    page = client_of(follow_up.coordinator_b).get(f"/fi/follow-up/projects/{project.pk}/")
    assert "Muokkaa hanketta" in page.content.decode()


def test_a_coordinator_cannot_give_a_project_to_another_organisation(
    follow_up: FollowUp,
) -> None:
    other = follow_up.data.organisations["kotkan-kaupunki"]
    response = client_of(follow_up.coordinator_b).post(
        "/fi/follow-up/projects/new/", form_data(follow_up, other)
    )
    assert response.status_code == 400
    assert not Project.objects.exists()
    with pytest.raises(ProjectError):
        project_services.save_project(
            actor=follow_up.coordinator_b, content=ProjectContent(name="X", owner=other)
        )
    # the programme admin registers any organisation's project
    response = client_of(follow_up.admin).post(
        "/fi/follow-up/projects/new/", form_data(follow_up, other)
    )
    assert response.status_code == 302
    assert Project.objects.get().owner == other


def test_the_service_checks_the_owner_on_every_edit(follow_up: FollowUp, project: Project) -> None:
    content = ProjectContent(name="Muutettu", owner=follow_up.coordinator_b.organisation)
    with pytest.raises(PermissionDenied):
        project_services.save_project(
            actor=follow_up.outsider, content=content, project_id=project.pk
        )
    with pytest.raises(PermissionDenied):
        project_services.save_project(actor=follow_up.analyst, content=content)
    project_services.save_project(actor=follow_up.admin, content=content, project_id=project.pk)
    project.refresh_from_db()
    assert project.name == "Muutettu"
    event = AuditEvent.objects.filter(object_type="progress.project", action="update").get()
    assert (event.before["name"], event.after["name"]) == (
        "Yhteinen kehittämishanke (testi)",
        "Muutettu",
    )
    assert event.actor == follow_up.admin


def test_a_project_links_to_a_published_catalogue_service_only(
    follow_up: FollowUp, project: Project
) -> None:
    organisations = follow_up.data.organisations
    service = Service.objects.create(
        key="moona-testi",
        name_fi="MOONA-testipalvelu (rakennettu testiä varten)",
        responsible=organisations["kotkan-kaupunki"],
        level=2,
        municipalities=["KU285"],
        status=ServiceStatus.DRAFT,
    )
    owner = follow_up.coordinator_b.organisation
    edit = f"/fi/follow-up/projects/{project.pk}/edit/"
    refused = client_of(follow_up.coordinator_b).post(
        edit, form_data(follow_up, owner, service_key="moona-testi")
    )
    assert refused.status_code == 400  # a draft is not a choice
    with pytest.raises(ProjectError):
        project_services.save_project(
            actor=follow_up.admin,
            content=ProjectContent(name="X", owner=owner, service_key="moona-testi"),
        )
    service.status = ServiceStatus.PUBLISHED
    service.save()
    saved = client_of(follow_up.coordinator_b).post(
        edit, form_data(follow_up, owner, service_key="moona-testi")
    )
    assert saved.status_code == 302
    page = client_of(None).get(f"/fi/follow-up/projects/{project.pk}/").content.decode()
    assert 'href="/fi/services/moona-testi/"' in page
    assert "MOONA-testipalvelu (rakennettu testiä varten)" in page
