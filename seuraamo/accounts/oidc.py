"""OpenID Connect sign-in per organisation, with Authlib's Django client (discovery, the
authorization-code flow with state and nonce, the token request and the id_token's signature checked
against the provider's published keys). Seuraamo only decides who the person is:

1. an identity seen before (provider + `sub`) is its linked user;
2. otherwise the verified e-mail address finds the user (case-insensitive) — who must belong to the
   provider's organisation, or to none yet (then they are put in it);
3. otherwise, if the provider `creates_users`, a new user of the organisation is created (no
   password: they sign in through the provider; password sign-in stays for everyone else).

Anything else refuses the sign-in with a one-line reason. Writes are one transaction and audited."""

from __future__ import annotations

import os

from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.db import transaction
from django.utils.translation import gettext as _

from seuraamo.accounts.models import ExternalIdentity, SignInProvider, User
from seuraamo.core.audit import record_change, snapshot

SCOPE = "openid email profile"
#: Seconds to wait for the provider (discovery, token, keys) before telling the person it did not answer.
TIMEOUT = 10


class SignInRefusedError(Exception):
    """The sign-in cannot go on; the message says why, in the active language."""


def client_for(provider: SignInProvider) -> DjangoOAuth2App:
    """A client for the provider as configured now (a fresh one per request, so admin edits apply
    at once). The secret comes from the environment variable the provider names."""
    secret = os.environ.get(provider.client_secret_variable, "")
    if not secret:
        raise SignInRefusedError(
            _(
                "Signing in with %(provider)s is not set up on this server: the environment "
                "variable %(variable)s is empty."
            )
            % {"provider": provider.name, "variable": provider.client_secret_variable}
        )
    return OAuth().register(
        name=provider.key,
        client_id=provider.client_id,
        client_secret=secret,
        server_metadata_url=provider.discovery_url,
        client_kwargs={"scope": SCOPE, "default_timeout": TIMEOUT},
    )


def _email_of(claims: dict[str, object]) -> str:
    email = str(claims.get("email") or "").strip()
    if not email or claims.get("email_verified") is False:
        raise SignInRefusedError(_("The sign-in service gave no verified e-mail address."))
    return email


@transaction.atomic
def user_for(provider: SignInProvider, claims: dict[str, object]) -> User:
    """The user the provider's verified claims (the id_token's) belong to; see the module doc."""
    subject = str(claims.get("sub") or "")
    if not subject:
        raise SignInRefusedError(_("The sign-in service gave no user identifier."))
    identity = (
        ExternalIdentity.objects.select_related("user")
        .filter(provider=provider, subject=subject)
        .first()
    )
    if identity is not None:
        user = identity.user
    else:
        user = _match_or_create(provider, _email_of(claims), claims)
        identity = ExternalIdentity.objects.create(provider=provider, subject=subject, user=user)
        record_change(actor=user, instance=identity, before=None, after=snapshot(identity))
    if user.organisation_id != provider.organisation_id:
        raise SignInRefusedError(_("Your account belongs to another organisation."))
    if not user.is_active:
        raise SignInRefusedError(_("Your account is not in use."))
    return user


def _match_or_create(provider: SignInProvider, email: str, claims: dict[str, object]) -> User:
    matches = list(User.objects.filter(email__iexact=email)[:2])
    if len(matches) > 1:
        raise SignInRefusedError(
            _("Several accounts have the address %(email)s; ask a programme admin.")
            % {"email": email}
        )
    if matches:
        user = matches[0]
        if user.organisation_id is None:
            before = _facts(user)
            user.organisation_id = provider.organisation_id
            user.save(update_fields=["organisation"])
            record_change(actor=user, instance=user, before=before, after=_facts(user))
        return user
    if not provider.creates_users:
        raise SignInRefusedError(
            _("There is no account for %(email)s; ask a programme admin to create one.")
            % {"email": email}
        )
    username = email.lower()
    if User.objects.filter(username=username).exists():
        username = f"{provider.key}:{claims['sub']}"[:150]
    user = User(
        username=username,
        email=email,
        first_name=str(claims.get("given_name") or "")[:150],
        last_name=str(claims.get("family_name") or "")[:150],
        organisation_id=provider.organisation_id,
    )
    user.set_unusable_password()
    user.save()
    record_change(actor=user, instance=user, before=None, after=_facts(user))
    return user


def _facts(user: User) -> dict[str, object]:
    """What the audit trail keeps of a user (never the password field)."""
    return {
        "username": user.username,
        "email": user.email,
        "organisation": user.organisation.key if user.organisation is not None else None,
    }
