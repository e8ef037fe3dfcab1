"""Sign-in, sign-out and password reset: Django's views with the project's templates and the
e-mail sign-in form. Repeated failed sign-ins are throttled and password-reset e-mails limited
(accounts/throttling.py)."""

from __future__ import annotations

import math
from typing import Any

import requests
from authlib.integrations.base_client import OAuthError
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from joserfc.errors import JoseError

from seuraamo.accounts import oidc, selectors, throttling
from seuraamo.accounts.forms import EmailAuthenticationForm
from seuraamo.accounts.models import SignInProvider


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["providers"] = selectors.active_sign_in_providers()
        return context


# --- OpenID Connect (accounts/oidc.py) -------------------------------------------------------------

PENDING = "oidc_sign_in"  # session key: the provider, language and next page of a started sign-in


def _refused(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "accounts/sign_in_failed.html", {"message": message}, status=status)


@require_GET
def oidc_start(request: HttpRequest, key: str) -> HttpResponse:
    """Send the person to their organisation's identity provider."""
    provider = selectors.active_sign_in_provider(key)
    if provider is None:
        raise Http404(_("No sign-in service has this name."))
    next_page = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_page, {request.get_host()}, request.is_secure()):
        next_page = ""
    try:
        client = oidc.client_for(provider)
        request.session[PENDING] = {
            "provider": provider.key,
            "language": translation.get_language(),
            "next": next_page,
        }
        return client.authorize_redirect(
            request, request.build_absolute_uri(reverse("oidc_callback"))
        )
    except oidc.SignInRefusedError as refused:
        return _refused(request, str(refused), 503)
    except (requests.RequestException, ValueError):
        return _refused(request, _no_answer(provider), 502)


def _no_answer(provider: SignInProvider) -> str:
    return _("The sign-in service of %(provider)s did not answer properly. Try again later.") % {
        "provider": provider.name
    }


@require_GET
def oidc_callback(request: HttpRequest) -> HttpResponse:
    """The provider sends the person back here (one address for every provider and language)."""
    pending = request.session.pop(PENDING, None)
    if not pending:
        return _refused(request, _("This sign-in was not started here or has expired."), 400)
    translation.activate(pending["language"])
    request.LANGUAGE_CODE = pending["language"]
    provider = selectors.active_sign_in_provider(pending["provider"])
    if provider is None:
        return _refused(request, _("This sign-in was not started here or has expired."), 400)
    try:
        token = oidc.client_for(provider).authorize_access_token(request)
        claims = token.get("userinfo")
        if not claims:
            raise oidc.SignInRefusedError(_("The sign-in service sent no identity token."))
        user = oidc.user_for(provider, dict(claims))
    except oidc.SignInRefusedError as refused:
        return _refused(request, str(refused), 403)
    except OAuthError as error:
        message = _("The sign-in service refused the sign-in: %(reason)s") % {
            "reason": error.description or error.error
        }
        return _refused(request, message, 403)
    except (requests.RequestException, JoseError, ValueError):
        return _refused(request, _no_answer(provider), 502)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect(pending["next"] or reverse("follow_up:tasks"))


class LogoutView(auth_views.LogoutView):
    # The stubs say str | None; Django resolves a lazy URL there too (resolve_url).
    next_page = reverse_lazy("programmes:home")  # type: ignore[assignment]


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        # Beyond the limits no e-mail goes out, and the answer is the same as when one does (or
        # when no account has the address): the page reveals neither (accounts/throttling.py).
        if throttling.password_reset_allowed(self.request, form.cleaned_data["email"]):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def locked_out(
    request: HttpRequest, credentials: object = None, *args: object, **kwargs: object
) -> HttpResponse:
    """What django-axes answers after too many failed sign-ins (AXES_LOCKOUT_CALLABLE); a
    known-good browser is told how long it still waits."""
    typed = credentials.get("username") if isinstance(credentials, dict) else None
    if typed is None:
        typed = request.POST.get("username")
    wait = throttling.device_wait(request, typed if isinstance(typed, str) else None)
    seconds = max(1, math.ceil(wait.total_seconds())) if wait else None
    return render(request, "accounts/locked_out.html", {"wait_seconds": seconds}, status=429)
