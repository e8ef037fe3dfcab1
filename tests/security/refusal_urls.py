"""A URL configuration for the refusal tests: the project's URLs and error handlers, and under each
language prefix two pages no real page gives on demand. `members/` refuses an anonymous visitor
with PermissionDenied from inside the view, as the follow-up does for a report that is not public,
and greets a signed-in one; `failing/` fails."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.html import escape

from seuraamo.config import urls as project

MEMBERS_HEADING = "Members only (test page)"


def members_only(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        raise PermissionDenied
    return HttpResponse(
        f'<!doctype html><html lang="en"><title>{MEMBERS_HEADING}</title>'
        f"<main><h1>{MEMBERS_HEADING}</h1><p>{escape(request.user.email)}</p>"
        f"<p>{escape(request.GET.get('tab', ''))}</p></main></html>"
    )


def failing(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret detail that must not reach the visitor")


urlpatterns = [
    *i18n_patterns(
        path("members/", members_only),
        path("failing/", failing),
        prefix_default_language=True,
    ),
    *project.urlpatterns,
]

handler403 = project.handler403
handler500 = project.handler500
