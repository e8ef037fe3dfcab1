"""Who may see what, checked on the server for every view: a matrix of role × view.

Public pages and the data API answer everyone; the admin answers only staff, and a staff member sees
only the models they have been given permissions for."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from seuraamo.accounts.models import User
from tests.pages.builders import PageData

ROLES = ["anonymous", "citizen", "staff_without_permissions", "programme_editor", "superuser"]

PUBLIC_PATHS = [
    "/fi/",
    "/sv/programme/",
    "/en/themes/4.4/",
    "/fi/goals/{goal}/",
    "/fi/organisations/",
    "/fi/organisations/{organisation}/",
    "/fi/steering-group/",
    "/fi/situation/",
]

# (path, expected status per role in ROLES order); 302 goes to the admin login.
ADMIN_MATRIX = [
    ("/fi/admin/", [302, 302, 200, 200, 200]),
    ("/fi/admin/programmes/goal/", [302, 302, 403, 200, 200]),
    ("/fi/admin/programmes/goal/{goal_pk}/change/", [302, 302, 403, 200, 200]),
    ("/fi/admin/organisations/organisation/add/", [302, 302, 403, 403, 200]),
    ("/fi/admin/core/auditevent/", [302, 302, 403, 403, 200]),
    ("/fi/admin/accounts/user/", [302, 302, 403, 403, 200]),
    ("/fi/admin/situation/peergroup/", [302, 302, 403, 403, 200]),
]


def client_for(role: str) -> Client:
    client = Client()
    if role == "anonymous":
        return client
    user = User.objects.create(
        username=role,
        is_staff=role != "citizen",
        is_superuser=role == "superuser",
    )
    if role == "programme_editor":
        user.user_permissions.set(
            Permission.objects.filter(
                content_type__app_label="programmes",
                codename__in=["view_goal", "change_goal", "view_measure", "change_measure"],
            )
        )
    client.force_login(user)
    return client


def fill(path: str, data: PageData) -> str:
    goal = next(iter(data.goals.values()))
    organisation = next(iter(data.organisations.values()))
    return path.format(goal=goal.key, goal_pk=goal.pk, organisation=organisation.key)


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
