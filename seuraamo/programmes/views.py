"""Public programme pages: each view reads one view-model from selectors.py and renders it."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from seuraamo.core.translation import localized
from seuraamo.programmes import selectors
from seuraamo.programmes.models import Goal, Theme


@dataclass(frozen=True)
class Crumb:
    """One breadcrumb; `lang` is set when the text is a Finnish fallback for a missing translation."""

    text: str
    url: str
    lang: str = ""
    prefix: str = ""


def _home_crumb() -> Crumb:
    return Crumb(_("Home"), reverse("programmes:home"))


def _programme_crumb() -> Crumb:
    return Crumb(_("Programme"), reverse("programmes:programme"))


def _theme_crumb(theme: Theme) -> Crumb:
    title = localized(theme, "title")
    url = reverse("programmes:theme", args=[theme.number])
    return Crumb(title.text, url, "fi" if title.is_fallback else "", theme.number)


def _goal_crumb(goal: Goal) -> Crumb:
    title = localized(goal, "title")
    url = reverse("programmes:goal", args=[goal.key])
    return Crumb(title.text, url, "fi" if title.is_fallback else "")


def _page(
    request: HttpRequest, template: str, nav: str, crumbs: list[Crumb], **context: object
) -> HttpResponse:
    return render(request, template, {"nav": nav, "crumbs": crumbs, **context})


def home(request: HttpRequest) -> HttpResponse:
    page = selectors.home_page(selectors.today())
    return _page(request, "programmes/home.html", "home", [], page=page)


def programme(request: HttpRequest) -> HttpResponse:
    page = selectors.programme_page()
    if page is None:
        raise Http404(_("No programme has been published yet."))
    crumbs = [_home_crumb(), _programme_crumb()]
    return _page(request, "programmes/programme.html", "programme", crumbs, page=page)


def theme(request: HttpRequest, number: str) -> HttpResponse:
    page = selectors.theme_page(number, selectors.today())
    if page is None:
        raise Http404(_("No theme has this number."))
    crumbs = [_home_crumb(), _programme_crumb(), _theme_crumb(page.theme)]
    return _page(request, "programmes/theme.html", "programme", crumbs, page=page)


def goal(request: HttpRequest, key: str) -> HttpResponse:
    page = selectors.goal_page(key, selectors.today())
    if page is None:
        raise Http404(_("No goal has this key."))
    crumbs = [
        _home_crumb(),
        _programme_crumb(),
        _theme_crumb(page.goal.theme),
        _goal_crumb(page.goal),
    ]
    return _page(request, "programmes/goal.html", "programme", crumbs, page=page)


def organisation_list(request: HttpRequest) -> HttpResponse:
    page = selectors.organisation_list(selectors.today())
    crumbs = [_home_crumb(), Crumb(_("Organisations"), reverse("programmes:organisation_list"))]
    return _page(request, "programmes/organisation_list.html", "organisations", crumbs, page=page)


def organisation(request: HttpRequest, key: str) -> HttpResponse:
    page = selectors.organisation_page(key, selectors.today())
    if page is None:
        raise Http404(_("No organisation has this key."))
    name = localized(page.organisation, "name")
    crumbs = [
        _home_crumb(),
        Crumb(_("Organisations"), reverse("programmes:organisation_list")),
        Crumb(
            name.text,
            reverse("programmes:organisation", args=[page.organisation.key]),
            "fi" if name.is_fallback else "",
        ),
    ]
    return _page(request, "programmes/organisation.html", "organisations", crumbs, page=page)


def steering_group(request: HttpRequest) -> HttpResponse:
    page = selectors.steering_group_page(selectors.today())
    if page is None:
        raise Http404(_("No programme has been published yet."))
    crumbs = [_home_crumb(), Crumb(_("Steering group"), reverse("programmes:steering_group"))]
    return _page(request, "programmes/steering_group.html", "steering_group", crumbs, page=page)
