"""The people in the tests, one for each role and organisation, made by one builder (`person`).

- a programme admin (the "programme admins" group): opens and closes rounds, accepts reports,
  sees the data status;
- a steering-group member (the "steering group" group): reads submitted and accepted reports;
- an analyst (the "analysts" group): reads everything, writes nothing;
- a coordinator of a given organisation: a user of it, who writes the reports of the goals the
  organisation coordinates (or a predecessor whose roles it carries, accounts/roles.py);
- an editor of an organisation's services: a user of it too, who edits the services it is
  responsible for or produces (catalogue/rules.py) — the same kind of user, named for the task;
- a citizen: signed in, with no role and no organisation (the public sees what they see);
- for Django's admin site, a superuser and a staff member with given model permissions.

Constructed test data: the people are invented, their addresses end in example.test, and they
all share one password."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission

from seuraamo.accounts.models import User
from seuraamo.accounts.roles import ROLE_GROUPS, Role
from seuraamo.organisations.models import Organisation

PASSWORD = "Kymenlaakso-testi-2026"


def person(
    key: str,
    *,
    role: Role | None = None,
    organisation: Organisation | None = None,
    email: str | None = None,
    staff: bool = False,
    superuser: bool = False,
    permissions: Iterable[str] = (),
) -> User:
    """A user signed in as ``key@example.test`` (or ``email``) with the shared password, in the
    role's group and working for the organisation; ``permissions`` are model permissions by
    codename, for the admin site."""
    user = User.objects.create_user(
        username=key,
        email=email or f"{key}@example.test",
        password=PASSWORD,
        first_name=key.title(),
        organisation=organisation,
        is_staff=staff or superuser,
        is_superuser=superuser,
    )
    if role in ROLE_GROUPS:
        user.groups.add(Group.objects.get_or_create(name=ROLE_GROUPS[role])[0])
    if permissions:
        user.user_permissions.set(Permission.objects.filter(codename__in=list(permissions)))
    return user


def programme_admin(key: str = "admin") -> User:
    return person(key, role=Role.PROGRAMME_ADMIN)


def steering_group_member(key: str = "steering") -> User:
    return person(key, role=Role.STEERING_GROUP)


def analyst(key: str = "analyst") -> User:
    return person(key, role=Role.ANALYST)


def coordinator(organisation: Organisation, key: str = "coordinator") -> User:
    """Coordinates the goals the organisation coordinates."""
    return person(key, organisation=organisation)


def service_editor(organisation: Organisation, key: str = "editor") -> User:
    """Edits the services the organisation is responsible for or produces."""
    return person(key, organisation=organisation)


def citizen(key: str = "citizen") -> User:
    """Signed in, with no role and no organisation."""
    return person(key)


def superuser(key: str = "superuser") -> User:
    """Django's superuser: every model in the admin site, and a programme admin too."""
    return person(key, superuser=True)


def staff_member(key: str = "staff", permissions: Iterable[str] = ()) -> User:
    """Signs in to the admin site and sees only the models of the permissions."""
    return person(key, staff=True, permissions=permissions)
