"""Who may see what, checked on the server for every view: a matrix of role × view.

Public pages and the data API answer everyone; the admin answers only staff, and a staff member sees
only the models they have been given permissions for."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest
from django.test import Client
from django.urls import reverse

from seuraamo.catalogue.hsds.mapping import hsds_id
from seuraamo.catalogue.models import Service, ServiceStatus
from seuraamo.programmes.service_system import load_service_system
from tests import personas
from tests.pages.builders import PageData

# programme_admin: the role (the "programme admins" group) without the staff flag; it may set the
# steering group's yearly targets in the admin and open nothing else there.
ROLES = ["anonymous", "citizen", "staff_without_permissions", "programme_editor", "programme_admin", "superuser"]  # fmt: skip

PUBLIC_PATHS = [
    "/fi/",
    "/sv/programme/",
    "/en/themes/4.4/",
    "/fi/goals/{goal}/",
    "/fi/organisations/",
    "/fi/organisations/{organisation}/",
    "/fi/steering-group/",
    "/sv/service-system/",
    "/fi/situation/",
    "/healthz",  # monitoring: no data beyond the last sync's table and time
    "/fi/services/",
    "/sv/services/?q=unga&level=2",
    "/en/services/{service}/",
    "/fi/services/providers/",
    "/fi/services/guide/",
    "/sv/services/guide/",
    "/api/hsds/services",
    "/api/hsds/services?lang=sv&page=1&per_page=5",
    "/api/hsds/organizations",
    "/api/hsds/services/{service_hsds_id}",
]

# (path, expected status per role in ROLES order); 302 goes to the admin login.
ADMIN_MATRIX = [
    ("/fi/admin/", [302, 302, 200, 200, 200, 200]),
    ("/fi/admin/programmes/goal/", [302, 302, 403, 200, 403, 200]),
    ("/fi/admin/programmes/goal/{goal_pk}/change/", [302, 302, 403, 200, 403, 200]),
    ("/fi/admin/organisations/organisation/add/", [302, 302, 403, 403, 403, 200]),
    ("/fi/admin/core/auditevent/", [302, 302, 403, 403, 403, 200]),
    ("/fi/admin/accounts/user/", [302, 302, 403, 403, 403, 200]),
    ("/fi/admin/accounts/signinprovider/", [302, 302, 403, 403, 403, 200]),
    ("/fi/admin/accounts/externalidentity/", [302, 302, 403, 403, 403, 200]),
    ("/fi/admin/official_stats/syncrun/", [302, 302, 403, 403, 403, 200]),
    ("/fi/admin/situation/peergroup/", [302, 302, 403, 403, 403, 200]),
    ("/fi/admin/publications/publication/", [302, 302, 403, 403, 403, 200]),
    ("/fi/admin/publications/publicationfigure/", [302, 302, 403, 403, 403, 200]),
    ("/fi/admin/catalogue/service/", [302, 302, 403, 403, 403, 200]),
    ("/fi/admin/catalogue/service/{service_pk}/change/", [302, 302, 403, 403, 403, 200]),
    ("/fi/admin/catalogue/guiderule/", [302, 302, 403, 403, 403, 200]),
    ("/fi/admin/programmes/indicator/{indicator_pk}/change/", [302, 302, 403, 403, 200, 200]),
    ("/fi/admin/programmes/indicatortarget/", [302, 302, 403, 403, 200, 200]),
    ("/fi/admin/programmes/indicatortarget/add/", [302, 302, 403, 403, 200, 200]),
    ("/fi/admin/catalogue/channel/", [302, 302, 404, 404, 404, 404]),
]


#: The admin site's people: staff as Django sees them, besides the roles of the follow-up.
ADMIN_SITE_PEOPLE = {
    "citizen": personas.citizen,
    "staff_without_permissions": personas.staff_member,
    "programme_editor": lambda: personas.staff_member(
        "programme-editor",
        permissions=["view_goal", "change_goal", "view_measure", "change_measure"],
    ),
    "programme_admin": personas.programme_admin,
    "superuser": personas.superuser,
}


def client_for(role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(ADMIN_SITE_PEOPLE[role]())
    return client


def fill(path: str, data: PageData) -> str:
    goal = next(iter(data.goals.values()))
    organisation = next(iter(data.organisations.values()))
    service, _created = Service.objects.get_or_create(
        key="test-service",
        defaults={
            "name_fi": "Testipalvelu (rakennettu testiä varten)",
            "responsible": organisation,
            "level": 1,
            "municipalities": ["KU075"],
            "status": ServiceStatus.PUBLISHED,
        },
    )
    return path.format(
        goal=goal.key,
        goal_pk=goal.pk,
        indicator_pk=data.indicator.pk,
        organisation=organisation.key,
        service=service.key,
        service_pk=service.pk,
        service_hsds_id=hsds_id("service", service.key),
    )


@pytest.mark.parametrize("role", ROLES)
def test_public_pages_answer_every_role(role: str, data: PageData) -> None:
    client = client_for(role)
    for path in PUBLIC_PATHS:
        assert client.get(fill(path, data)).status_code == 200, (role, path)


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
def test_admin_views_answer_only_the_roles_allowed(
    role_index: int, role: str, data: PageData
) -> None:
    client = client_for(role)
    for path, expected in ADMIN_MATRIX:
        response = client.get(fill(path, data))
        assert response.status_code == expected[role_index], (role, path)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("admin:login")), (role, path)


def test_a_citizen_cannot_post_changes_to_the_admin(data: PageData) -> None:
    goal = next(iter(data.goals.values()))
    client = client_for("citizen")
    response = client.post(f"/fi/admin/programmes/goal/{goal.pk}/change/", {"title_fi": "Muutettu"})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.title_fi != "Muutettu"


def test_not_even_a_superuser_can_edit_or_delete_the_audit_trail(data: PageData) -> None:
    from seuraamo.core.models import AuditEvent

    event = AuditEvent.objects.create(
        action="update", object_type="programmes.goal", object_key="x"
    )
    client = client_for("superuser")
    assert client.get(f"/fi/admin/core/auditevent/{event.pk}/change/").status_code == 200
    assert (
        client.post(f"/fi/admin/core/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert AuditEvent.objects.filter(pk=event.pk).exists()


# --- every URL × every role ---------------------------------------------------------------------
#
# One row per named URL pattern: the method, a filled-in path and the status each follow-up role
# gets. A URL pattern without a row fails test_every_url_pattern_is_in_the_matrix, so a new page
# cannot be added without deciding who may open it. The admin's own patterns are covered by
# ADMIN_MATRIX above (each one asks Django's admin login first).

FOLLOW_UP_ROLES = ["anonymous", "outsider", "coordinator_a", "coordinator_b", "steering", "analyst", "admin"]  # fmt: skip
LOGIN = 302  # anonymous: to the sign-in page, also where the view refuses (core/errors.py)
ALL_200 = [200] * 7
READERS = [LOGIN, 403, 403, 403, 200, 200, 200]  # steering group, analysts, admins
RECORDERS = [LOGIN, 403, 403, 403, 403, 200, 200]  # analysts and admins
NO_ENTRY = [LOGIN, 403, 403, 403, 403, 404, 404]
URL_MATRIX: dict[str, tuple[str, str, list[int]]] = {
    "set_language": ("post", "/i18n/setlang/", [302] * 7),
    "healthz": ("get", "/healthz", ALL_200),
    "api:index": ("get", "/api/", ALL_200),
    "api:not_found": ("get", "/api/no-such-endpoint", [404] * 7),
    "api:observations": ("get", "/api/observations?table=tyonv/12r5", [400] * 7),
    "api:tables": ("get", "/api/tables", ALL_200),
    "api:areas": ("get", "/api/areas", ALL_200),
    "api:openapi": ("get", "/api/openapi.json", ALL_200),
    "api:docs": ("get", "/api/docs", ALL_200),
    "open_data:docs": ("get", "/fi/open-data/", ALL_200),
    "accounts:login": ("get", "/fi/accounts/login/", [200, 302, 302, 302, 302, 302, 302]),
    "accounts:logout": ("post", "/fi/accounts/logout/", [302] * 7),
    # OpenID Connect: an unknown provider is 404 for everyone; a callback without a started sign-in 400.
    "accounts:oidc_start": ("get", "/fi/accounts/sign-in/no-such-provider/", [404] * 7),
    "oidc_callback": ("get", "/accounts/oidc/callback/?code=x&state=y", [400] * 7),
    "accounts:password_reset": ("get", "/fi/accounts/password-reset/", ALL_200),
    "accounts:password_reset_done": ("get", "/fi/accounts/password-reset/sent/", ALL_200),
    "accounts:password_reset_confirm": ("get", "/fi/accounts/reset/MQ/bad-token/", ALL_200),
    "accounts:password_reset_complete": ("get", "/fi/accounts/reset/done/", ALL_200),
    "follow_up:tasks": ("get", "/fi/follow-up/tasks/", [LOGIN, 200, 200, 200, 200, 200, 200]),
    "follow_up:rounds": ("get", "/fi/follow-up/rounds/", ALL_200),
    "follow_up:open_round": ("get", "/fi/follow-up/rounds/open/", [LOGIN, 403, 403, 403, 403, 403, 200]),
    "follow_up:round": ("get", "/fi/follow-up/rounds/2026H1/", READERS),
    # Publishing an open round is refused with a message (302 back); nothing changes.
    # Closing, publishing, unpublishing and reopening: the admin's confirmation page first.
    "follow_up:round_action": ("get", "/fi/follow-up/rounds/2026H1/close/", [LOGIN, 403, 403, 403, 403, 403, 200]),
    "follow_up:compiled_report": ("get", "/fi/follow-up/rounds/2026H1/report.html", READERS),
    # What needs the steering group's attention: the group, analysts and admins.
    "follow_up:attention": ("get", "/fi/follow-up/attention/", READERS),
    "follow_up:round_attention": ("get", "/fi/follow-up/rounds/2026H1/attention/", READERS),
    # The report is a draft: its organisation and the admins read it; the steering group once submitted.
    "follow_up:report": ("get", "/fi/follow-up/reports/{report}/", [LOGIN, 403, 200, 403, 403, 403, 200]),
    # One organisation's part of the shared goal 4.2 (the ELY centre's, carried by coordinator A's
    # elinvoimakeskus): only that organisation writes and signs it off; admins do not write it.
    "follow_up:contribution_edit": ("get", "/fi/follow-up/contributions/{contribution}/edit/", [LOGIN, 403, 200, 403, 403, 403, 403]),
    "follow_up:contribution_sign_off": ("post", "/fi/follow-up/contributions/{contribution}/sign-off/", [LOGIN, 403, 302, 403, 403, 403, 403]),
    "follow_up:report_edit": ("get", "/fi/follow-up/reports/{report}/edit/", [LOGIN, 403, 200, 403, 403, 403, 403]),
    # Submitting without an assessment is refused with a message (302 back); nothing changes.
    "follow_up:report_submit": ("post", "/fi/follow-up/reports/{report}/submit/", [LOGIN, 403, 302, 403, 403, 403, 403]),
    # An empty review form: 400 for the admin, who may review; 403 for everyone else.
    "follow_up:report_review": ("post", "/fi/follow-up/reports/{report}/review/", [LOGIN, 403, 403, 403, 403, 403, 400]),
    # An empty comment is refused with a message (302 back) for admins; steering-group members
    # comment once the report is before them (this one is a draft).
    "follow_up:report_comment": ("post", "/fi/follow-up/reports/{report}/comment/", [LOGIN, 403, 403, 403, 403, 403, 302]),
    "follow_up:overview": ("get", "/fi/follow-up/overview/", ALL_200),
    "follow_up:meetings": ("get", "/fi/follow-up/meetings/", ALL_200),
    "follow_up:meeting": ("get", "/fi/follow-up/meetings/{meeting}/", ALL_200),
    # Meetings and decisions: the programme admin (the steering group's secretary) writes them.
    # Approving minutes not yet written, or a status not chosen, is refused with a message (302).
    "follow_up:meeting_pdf": ("get", "/fi/follow-up/meetings/{meeting}/meeting.pdf", ALL_200),
    "follow_up:meeting_new": ("get", "/fi/follow-up/meetings/new/", [LOGIN, 403, 403, 403, 403, 403, 200]),
    "follow_up:meeting_edit": ("get", "/fi/follow-up/meetings/{meeting}/edit/", [LOGIN, 403, 403, 403, 403, 403, 200]),
    "follow_up:meeting_approve": ("post", "/fi/follow-up/meetings/{meeting}/approve/", [LOGIN, 403, 403, 403, 403, 403, 302]),
    "follow_up:decision_new": ("get", "/fi/follow-up/meetings/{meeting}/decisions/new/", [LOGIN, 403, 403, 403, 403, 403, 200]),
    "follow_up:decisions": ("get", "/fi/follow-up/decisions/", ALL_200),
    "follow_up:decision_edit": ("get", "/fi/follow-up/decisions/{decision}/edit/", [LOGIN, 403, 403, 403, 403, 403, 200]),
    "follow_up:decision_status": ("post", "/fi/follow-up/decisions/{decision}/status/", [LOGIN, 403, 403, 403, 403, 403, 302]),
    "follow_up:goal_timeline": ("get", "/fi/follow-up/goals/{goal}/", ALL_200),
    # Projects are public; anyone acting for an organisation registers its own, and the project of
    # coordinator B's organisation is edited by its people and the programme admin only.
    "follow_up:projects": ("get", "/fi/follow-up/projects/", ALL_200),
    "follow_up:project": ("get", "/fi/follow-up/projects/{project}/", ALL_200),
    "follow_up:project_new": ("get", "/fi/follow-up/projects/new/", [LOGIN, 200, 200, 200, 403, 403, 200]),
    "follow_up:project_edit": ("get", "/fi/follow-up/projects/{project}/edit/", [LOGIN, 403, 403, 200, 403, 403, 200]),
    # The staff data-status page: admins and analysts read it; only admins revert (no run 999999).
    "data_status:tables": ("get", "/fi/data-status/", [LOGIN, 403, 403, 403, 403, 200, 200]),
    "data_status:revert_run": ("post", "/fi/data-status/runs/999999/revert/", [LOGIN, 403, 403, 403, 403, 403, 404]),
    # Analysts and admins may ask for a sync now (302 back to the page, the job queued).
    "data_status:sync_now": ("post", "/fi/data-status/sync/", [LOGIN, 403, 403, 403, 403, 302, 302]),
    # The analysts' own pages: analysts and programme admins record, correct and withdraw barometer
    # and publication figures (no entry 999999: 404 for them, 403 for everyone else).
    "publications:register": ("get", "/fi/publications/", RECORDERS),
    "publications:figure_new": ("get", "/fi/publications/figures/new/", RECORDERS),
    "publications:figure": ("get", "/fi/publications/figures/999999/", NO_ENTRY),
    "publications:figure_edit": ("get", "/fi/publications/figures/999999/edit/", NO_ENTRY),
    "publications:figure_withdraw": ("post", "/fi/publications/figures/999999/withdraw/", NO_ENTRY),
    "publications:assessment_new": ("get", "/fi/publications/assessments/new/", RECORDERS),
    "publications:assessment": ("get", "/fi/publications/assessments/999999/", NO_ENTRY),
    "publications:assessment_edit": ("get", "/fi/publications/assessments/999999/edit/", NO_ENTRY),
    "publications:assessment_withdraw": ("post", "/fi/publications/assessments/999999/withdraw/", NO_ENTRY),
    "programmes:home": ("get", "/fi/", ALL_200),
    "programmes:programme": ("get", "/fi/programme/", ALL_200),
    "programmes:theme": ("get", "/fi/themes/4.3/", ALL_200),
    "programmes:goal": ("get", "/fi/goals/{goal}/", ALL_200),
    "programmes:organisation_list": ("get", "/fi/organisations/", ALL_200),
    "programmes:organisation": ("get", "/fi/organisations/kotkan-kaupunki/", ALL_200),
    "programmes:steering_group": ("get", "/fi/steering-group/", ALL_200),
    "programmes:service_system": ("get", "/fi/service-system/", ALL_200),
    # A measure's plan (responsible organisation, contact, schedule, milestones): the programme admin.
    "programmes:measure_edit": ("get", "/fi/measures/{measure}/edit/", [LOGIN, 403, 403, 403, 403, 403, 200]),
    # The service system's description (chapter 3): the programme admin edits its sections.
    "programmes:service_section_edit": ("get", "/fi/service-system/typ/edit/", [LOGIN, 403, 403, 403, 403, 403, 200]),
    "situation:situation": ("get", "/fi/situation/", ALL_200),
    "situation:review": ("get", "/fi/situation/review/", ALL_200),
    "situation:municipality": ("get", "/fi/situation/municipalities/KU285/", ALL_200),
    "situation:timeseries_fragment": ("get", "/fi/situation/charts/timeseries/", ALL_200),
    "situation:chart_data": ("get", "/fi/situation/data/timeseries.csv", ALL_200),
    "catalogue:service_list": ("get", "/fi/services/?q=nuoret&municipality=KU285", ALL_200),
    "catalogue:service": ("get", "/fi/services/{service}/", ALL_200),
    "catalogue:providers": ("get", "/fi/services/providers/", ALL_200),
    # The matrix service is the City of Kotka's: its people ("outsider" to the follow-up) and the
    # programme admins edit it; everyone else signed in gets 403, anonymous visitors the sign-in page.
    "catalogue:service_edit": ("get", "/fi/services/{service}/edit/", [LOGIN, 200, 403, 403, 403, 403, 200]),
    "catalogue:editor_services": ("get", "/fi/services/editing/", [LOGIN, 200, 200, 200, 200, 200, 200]),
    # The guide's questions; its answers come in a POST (tests/catalogue/test_guide.py).
    "catalogue:guide": ("get", "/fi/services/guide/", ALL_200),
    # The guide's anonymous counts: the steering group, analysts and admins.
    "catalogue:guide_demand": ("get", "/fi/services/guide/demand/", READERS),
    "hsds:services": ("get", "/api/hsds/services?lang=sv", ALL_200),
    "hsds:service": ("get", "/api/hsds/services/{service_hsds_id}", ALL_200),
    "hsds:organizations": ("get", "/api/hsds/organizations", ALL_200),
    "hsds:organization": ("get", "/api/hsds/organizations/{organisation_hsds_id}", ALL_200),
    "hsds:service_at_locations": ("get", "/api/hsds/service_at_locations", ALL_200),
    # The matrix service has no location: an unknown id is 404 for everyone.
    "hsds:service_at_location": ("get", "/api/hsds/service_at_locations/{organisation_hsds_id}", [404] * 7),
    "hsds:taxonomies": ("get", "/api/hsds/taxonomies", ALL_200),
    "hsds:taxonomy": ("get", "/api/hsds/taxonomies/{taxonomy_hsds_id}", ALL_200),
    "hsds:taxonomy_terms": ("get", "/api/hsds/taxonomy_terms?lang=en", ALL_200),
    "hsds:taxonomy_term": ("get", "/api/hsds/taxonomy_terms/{term_hsds_id}", ALL_200),
}  # fmt: skip


def url_pattern_names() -> set[str]:
    from django.urls import URLResolver, get_resolver

    def walk(patterns: list[object], namespace: str) -> set[str]:
        names: set[str] = set()
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
                names |= walk(pattern.url_patterns, inner)
            else:
                names.add(f"{namespace}:{pattern.name}" if namespace else str(pattern.name))
        return names

    return walk(get_resolver().url_patterns, "")


def test_every_url_pattern_is_in_the_matrix() -> None:
    names = {name for name in url_pattern_names() if not name.startswith("admin:")}
    assert names - URL_MATRIX.keys() == set(), "add these URLs to URL_MATRIX"
    assert URL_MATRIX.keys() - names == set(), "these URLs no longer exist"


@pytest.fixture
def follow_up_clients(data: PageData) -> dict[str, Client]:
    import datetime

    from django.utils import timezone

    from seuraamo.follow_up.models import Decision, Meeting, Project
    from tests.follow_up.builders import build_follow_up

    follow_up = build_follow_up(data, timezone.localdate() + datetime.timedelta(days=20))
    users = {
        "outsider": follow_up.outsider,
        "coordinator_a": follow_up.coordinator_a,
        "coordinator_b": follow_up.coordinator_b,
        "steering": follow_up.steering,
        "analyst": follow_up.analyst,
        "admin": follow_up.admin,
    }
    clients = {"anonymous": Client()}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    clients["report"] = follow_up.report("4.3").pk  # type: ignore[assignment]
    clients["contribution"] = (
        follow_up.report("4.2")
        .contributions.get(  # type: ignore[assignment]
            organisation=data.organisations["kaakkois-suomen-ely-keskus"]
        )
        .pk
    )
    service = Service.objects.create(
        key="matrix-service",
        name_fi="Testipalvelu (rakennettu testiä varten)",
        responsible=data.organisations["kotkan-kaupunki"],
        level=2,
        municipalities=["KU285"],
        status=ServiceStatus.PUBLISHED,
    )
    clients["service"] = service.key  # type: ignore[assignment]
    load_service_system()
    clients["service_hsds_id"] = hsds_id("service", service.key)  # type: ignore[assignment]
    clients["organisation_hsds_id"] = hsds_id("organization", "kotkan-kaupunki")  # type: ignore[assignment]
    meeting = Meeting.objects.create(
        programme=data.programme,
        date=timezone.localdate(),
        reporting_round=follow_up.reporting_round,
    )
    clients["meeting"] = meeting.pk  # type: ignore[assignment]
    clients["decision"] = Decision.objects.create(meeting=meeting, text="Päätös.").pk  # type: ignore[assignment]
    clients["project"] = Project.objects.create(
        name="Testihanke", owner=follow_up.coordinator_b.organisation
    ).pk  # type: ignore[assignment]
    return clients


@pytest.mark.parametrize("role_index,role", list(enumerate(FOLLOW_UP_ROLES)))
def test_every_url_answers_each_role_as_the_matrix_says(
    role_index: int,
    role: str,
    data: PageData,
    follow_up_clients: dict[str, Client],
) -> None:
    client = follow_up_clients[role]
    goal = data.goals["4.3"]
    wrong = []
    # Signing out last: it ends the session the other rows need.
    for name, (method, path, expected) in sorted(
        URL_MATRIX.items(), key=lambda item: item[0] == "accounts:logout"
    ):
        url = path.format(
            report=follow_up_clients["report"],
            contribution=follow_up_clients["contribution"],
            goal=goal.key,
            measure=goal.measures.order_by("order", "pk").first().key,
            meeting=follow_up_clients["meeting"],
            decision=follow_up_clients["decision"],
            project=follow_up_clients["project"],
            service=follow_up_clients["service"],
            service_hsds_id=follow_up_clients["service_hsds_id"],
            organisation_hsds_id=follow_up_clients["organisation_hsds_id"],
            taxonomy_hsds_id=hsds_id("taxonomy", "service_level"),
            term_hsds_id=hsds_id("taxonomy_term", "target_group:young_people"),
        )
        response = getattr(client, method)(url)
        if response.status_code != expected[role_index]:
            wrong.append((name, url, response.status_code, expected[role_index]))
        if expected[role_index] == LOGIN and role == "anonymous" and name.startswith(("follow_up:", "catalogue:", "data_status:", "publications:")):  # fmt: skip
            login, _, query = response["Location"].partition("?")
            assert (login, parse_qs(query).get("next")) == ("/fi/accounts/login/", [url]), name
    assert wrong == [], wrong
