"""Reads of the accounts app for its pages: the organisations' sign-in services."""

from __future__ import annotations

from django.db.models import QuerySet

from seuraamo.accounts.models import SignInProvider


def active_sign_in_providers() -> QuerySet[SignInProvider]:
    """The identity providers the sign-in page offers."""
    return SignInProvider.objects.filter(is_active=True)


def active_sign_in_provider(key: str) -> SignInProvider | None:
    return active_sign_in_providers().filter(key=key).first()
