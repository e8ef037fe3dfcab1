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

A browser that has signed in to an account before carries a signed *device cookie* for it
(:data:`DEVICE_COOKIE`, set by :class:`DeviceCookieMiddleware`). For such a known-good browser the
counts above do not apply: its own failures at that account (kept in the cookie) meet growing
delays instead of a lock — after ``AXES_FAILURE_LIMIT`` failures it waits 1 s before the next
try, then 2, 4, … up to :data:`DEVICE_MAX_WAIT` — so an attacker's failures, from any address,
never keep the owner out. A cookie is only ever made by a successful sign-in, signed with the
site's key; a forged or foreign one is ignored.

Password reset (:func:`password_reset_allowed`): at most ``RESETS_PER_ACCOUNT`` e-mails to one
address and ``RESETS_PER_CLIENT`` requests from one client address per ``RESET_WINDOW``; beyond
them no e-mail is sent, and the page answers exactly as it does otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from axes.attempts import get_cool_off_threshold  # type: ignore[import-untyped]
from axes.handlers.database import AxesDatabaseHandler  # type: ignore[import-untyped]
from axes.helpers import get_client_username, get_failure_limit  # type: ignore[import-untyped]
from axes.models import AccessAttempt  # type: ignore[import-untyped]
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from seuraamo.accounts.models import PasswordResetRequest, User
from seuraamo.core.client_ip import client_ip

#: The address's count locks at this many times the account-and-address limit.
ADDRESS_FACTOR = 4
#: The longest identity stored (django-axes' username column).
_IDENTITY_LENGTH = 255

#: The known-good browser's cookie, its lifetime and the longest wait its failures lead to.
DEVICE_COOKIE = "seuraamo_device"
DEVICE_COOKIE_AGE = timedelta(days=365)
DEVICE_MAX_WAIT = timedelta(minutes=15)
_DEVICE_SALT = "seuraamo.accounts.device"

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
        # address's count less the address's extra allowance, whichever is nearer the lock. A
        # known-good browser is locked only while its own growing delay lasts.
        limit = int(get_failure_limit(request, credentials))
        device = known_device(request, get_client_username(request, credentials))
        if device is not None:
            waiting = device.wait(limit) > timedelta(0)
            request.device_waiting = waiting  # type: ignore[attr-defined]
            return limit if waiting else 0
        recent = AccessAttempt.objects.all()
        if settings.AXES_COOLOFF_TIME is not None:
            recent = recent.filter(attempt_time__gte=get_cool_off_threshold(request))
        address = request.axes_ip_address  # type: ignore[attr-defined]
        from_address = recent.filter(ip_address=address)
        combination = from_address.filter(username=get_client_username(request, credentials))
        return max(_failures(combination), _failures(from_address) - (ADDRESS_FACTOR - 1) * limit)

    def user_login_failed(
        self,
        sender: Any,
        credentials: dict[str, Any],
        request: HttpRequest | None = None,
        **kwargs: Any,
    ) -> None:
        # A try refused while the browser waits was never checked: it does not count.
        refused = getattr(request, "device_waiting", False)
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and not refused:
            name = get_client_username(request, credentials)
            device = known_device(request, name)
            if device is not None:
                failed = Device(name, device.failures + 1, timezone.now().timestamp())
                _remember(request, lambda response: failed.store(response))

    def user_logged_in(self, sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
        super().user_logged_in(sender, request, user, **kwargs)
        trusted = Device(identity(user.get_username()), 0, 0.0)
        _remember(request, lambda response: trusted.store(response))

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        count, _deleted = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
        ).delete()
        return int(count)


@dataclass(frozen=True)
class Device:
    """A known-good browser's cookie: the account it signed in to, its failures there since,
    and when the last one was (a POSIX time)."""

    identity: str
    failures: int
    last_failure: float

    def wait(self, limit: int) -> timedelta:
        """How long this browser must still wait before its next try at the account."""
        if self.failures < limit:
            return timedelta(0)
        delay = min(timedelta(seconds=2 ** (self.failures - limit)), DEVICE_MAX_WAIT)
        ends = self.last_failure + delay.total_seconds()
        return timedelta(seconds=max(0.0, ends - timezone.now().timestamp()))

    def store(self, response: HttpResponse) -> None:
        value = signing.dumps([self.identity, self.failures, self.last_failure], salt=_DEVICE_SALT)
        response.set_cookie(
            DEVICE_COOKIE,
            value,
            max_age=int(DEVICE_COOKIE_AGE.total_seconds()),
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )


def known_device(request: HttpRequest, name: str) -> Device | None:
    """The request's device cookie if it is genuine and for the account ``name``."""
    value = request.COOKIES.get(DEVICE_COOKIE)
    if not value or not name:
        return None
    try:
        found, failures, last = signing.loads(value, salt=_DEVICE_SALT, max_age=DEVICE_COOKIE_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if found != name or not isinstance(failures, int) or not isinstance(last, (int, float)):
        return None
    return Device(found, failures, float(last))


def _remember(request: HttpRequest, change: Callable[[HttpResponse], None]) -> None:
    request.device_cookie_change = change  # type: ignore[attr-defined]


class DeviceCookieMiddleware:
    """Writes the device cookie a sign-in decided on (:class:`SignInAttempts`) into the answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        change = getattr(request, "device_cookie_change", None)
        if change is not None:
            change(response)
        return response


def device_wait(request: HttpRequest, typed: str | None) -> timedelta | None:
    """For the lock-out page: how long a known-good browser still waits, else None."""
    device = known_device(request, identity(typed))
    if device is None:
        return None
    return device.wait(int(settings.AXES_FAILURE_LIMIT))


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
