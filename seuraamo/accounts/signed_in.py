"""The request of a view only signed-in users reach, for the type checker."""

from __future__ import annotations

from django.http import HttpRequest

from seuraamo.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """An ``HttpRequest`` whose ``user`` is a signed-in :class:`User`, never ``AnonymousUser``:
    the request of a ``login_required`` view and of the admin. Only an annotation: Django makes
    the request as always, so the type is true only where the view is protected."""

    user: User
