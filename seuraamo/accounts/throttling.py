"""Sign-in throttling and the password-reset limit.

Sign-in (django-axes, settings ``AXES_*``): failures are counted on the *identity* an attempt names
— the account the backends would match (an e-mail address in any case, with spaces around it, or
the user name), else the typed text casefolded — so ``Koordinaattori@Example.test`` and
``koordinaattori@example.test`` are one count. The lock-out is on two counts, each on its own:

- the combination of the identity and the address (``AXES_LOCKOUT_PARAMETERS``): wrong passwords
  from one address lock that account *from that address only*, so nobody can lock the owner out
  from another address;
- the address: ``ADDRESS_FACTOR`` times as many failures from one address, at any accounts, lock
  the address.

A successful sign-in clears only its own combination (:class:`SignInAttempts`): signing in to an
account of one's own does not clear one's failures at another account nor the address's count.

Password reset (:func:`password_reset_allowed`): at most ``RESETS_PER_ACCOUNT`` e-mails to one
address and ``RESETS_PER_CLIENT`` requests from one client address per ``RESET_WINDOW``; beyond
them no e-mail is sent, and the page answers exactly as it does otherwise.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.attempts import get_cool_off_threshold  # type: ignore[import-untyped]
from axes.handlers.database import AxesDatabaseHandler  # type: ignore[import-untyped]
from axes.helpers import get_client_username, get_failure_limit  # type: ignore[import-untyped]
from axes.models import AccessAttempt  # type: ignore[import-untyped]
from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from seuraamo.accounts.models import PasswordResetRequest, User
from seuraamo.core.client_ip import client_ip

#: The address's count locks at this many times the account-and-address limit.
ADDRESS_FACTOR = 4
#: The longest identity stored (django-axes' username column).
_IDENTITY_LENGTH = 255

RESETS_PER_ACCOUNT = 3
RESETS_PER_CLIENT = 10
RESET_WINDOW = timedelta(hours=1)


def identity(typed: str | None) -> str:
    """The account a sign-in names, as one key whatever its spelling: the user name of the one
    account whose e-mail address (in any case, spaces stripped) or user name it is; otherwise the
    typed text stripped and casefolded."""
    text = (typed or "").strip()
    if not text:
        return ""
    matches = list(
        User.objects.filter(Q(email__iexact=text) | Q(username__iexact=text)).values_list(
            "username", flat=True
        )[:2]
    )
    if len(matches) == 1:
        return matches[0][:_IDENTITY_LENGTH]
    return text.casefold()[:_IDENTITY_LENGTH]


def sign_in_identity(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """``AXES_USERNAME_CALLABLE``: the identity of an attempt (the credentials given to
    ``authenticate``, or the posted form)."""
    field = str(getattr(settings, "AXES_USERNAME_FORM_FIELD", "username"))
    typed = credentials.get(field) if credentials else getattr(request, "POST", {}).get(field)
    return identity(typed if isinstance(typed, str) else None)


class SignInAttempts(AxesDatabaseHandler):
    """``AXES_HANDLER``: django-axes' database handler with two changes.

    - The lock-out: the identity-and-address count locks at ``AXES_FAILURE_LIMIT``, the address's
      count (all identities) at ``ADDRESS_FACTOR`` times that, so that a few mistakes by the many
      people behind one office address do not lock them all out.
    - A success clears the failures of its own identity at its own address only (django-axes
      clears every count the attempt is part of: the account's from every address, and the
      address's at every account)."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        # django-axes locks when this reaches the limit: report the combination's count, or the
        # address's count less the address's extra allowance, whichever is nearer the lock.
        recent = AccessAttempt.objects.all()
        if settings.AXES_COOLOFF_TIME is not None:
            recent = recent.filter(attempt_time__gte=get_cool_off_threshold(request))
        address = request.axes_ip_address  # type: ignore[attr-defined]
        from_address = recent.filter(ip_address=address)
        combination = from_address.filter(username=get_client_username(request, credentials))
        limit = int(get_failure_limit(request, credentials))
        return max(_failures(combination), _failures(from_address) - (ADDRESS_FACTOR - 1) * limit)

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        count, _deleted = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
        ).delete()
        return int(count)


def _failures(attempts: QuerySet[Any]) -> int:
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)


def _account_key(email: str) -> str:
    """A keyed hash of the normalised address asked for: the limit needs no readable address."""
    return salted_hmac("password-reset", email.strip().casefold()).hexdigest()


def password_reset_allowed(request: HttpRequest, email: str) -> bool:
    """Record a password-reset request; True when it is within both limits (send the e-mail).

    The account's limit counts the e-mails let through, so requests refused beyond it do not
    push the owner's next e-mail further away; the client address's limit counts every request."""
    now = timezone.now()
    since = now - RESET_WINDOW
    key = _account_key(email)
    address = client_ip(request) or None
    with transaction.atomic():
        PasswordResetRequest.objects.filter(requested_at__lt=since).delete()
        recent = PasswordResetRequest.objects.filter(requested_at__gte=since)
        allowed = recent.filter(account_key=key, allowed=True).count() < RESETS_PER_ACCOUNT
        if address is not None:
            allowed &= recent.filter(ip_address=address).count() < RESETS_PER_CLIENT
        PasswordResetRequest.objects.create(
            account_key=key, ip_address=address, requested_at=now, allowed=allowed
        )
    return allowed
