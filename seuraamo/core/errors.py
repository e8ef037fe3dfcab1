"""The answers to a refused or failed request (`handler403` and `handler500` in `config/urls.py`).

- Refused (`PermissionDenied`, raised anywhere): an anonymous visitor is sent to sign in, with the
  page asked for as `next`, and comes back to it afterwards; a signed-in user gets `403.html` in the
  page's language, with the way back.
- Failed: `500.html`, in the language of the path's prefix, with no database query and no context
  processor, since either may be what failed.

404s use Django's own handler, which renders `404.html` with the site's context."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import TemplateDoesNotExist, loader
from django.templatetags.static import static
from django.urls import get_script_prefix

#: The languages of the path prefixes (`settings.LANGUAGES`, without reading the settings).
PATH_LANGUAGES = ("fi", "sv", "en")


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The sign-in page for an anonymous visitor, the styled 403 for a signed-in user.

    `next` is the path asked for, with its query: always a local path, and the sign-in view
    checks it again (`url_has_allowed_host_and_scheme`) before it sends anyone there."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(
        request,
        "403.html",
        {"sign_in_again_url": redirect_to_login(request.get_full_path()).url},
        status=403,
    )


def path_language(path: str) -> str:
    """The language of a path's prefix (`/sv/…` → sv); Finnish for paths without one."""
    prefix = path.split("/", 2)[1] if path.startswith("/") else ""
    return prefix if prefix in PATH_LANGUAGES else PATH_LANGUAGES[0]


def stylesheet_url() -> str | None:
    """The site's stylesheet, or None if even its name cannot be found (a missing manifest)."""
    try:
        return static("core/css/screen.css")
    except Exception:  # the error page must not fail in turn; it is plain without its styles
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """`500.html` rendered from a plain context: the language, the script prefix (for the links to
    the front pages) and the stylesheet's address."""
    try:
        template = loader.get_template("500.html")
    except TemplateDoesNotExist:
        return HttpResponseServerError("<h1>Server Error (500)</h1>")
    context = {
        "language": path_language(request.path_info),
        "script_prefix": get_script_prefix(),
        "stylesheet": stylesheet_url(),
    }
    return HttpResponseServerError(template.render(context))
