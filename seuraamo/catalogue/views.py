"""Public catalogue and guide pages: each view reads from selectors.py or guide.py and renders."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from seuraamo.catalogue import guide as guide_engine
from seuraamo.catalogue import selectors
from seuraamo.catalogue.models import ServiceLevel, TargetGroup
from seuraamo.core.translation import localized
from seuraamo.programmes.views import Crumb


def _crumbs(*extra: Crumb) -> list[Crumb]:
    return [
        Crumb(_("Home"), reverse("programmes:home")),
        Crumb(_("Services"), reverse("catalogue:service_list")),
        *extra,
    ]


def service_list(request: HttpRequest) -> HttpResponse:
    page = selectors.catalogue_list(selectors.Filters.from_query(request.GET))
    context = {
        "nav": "services",
        "crumbs": _crumbs(),
        "page": page,
        "target_groups": TargetGroup.choices,
        "levels": ServiceLevel.choices,
    }
    return render(request, "catalogue/service_list.html", context)


def service(request: HttpRequest, key: str) -> HttpResponse:
    found = selectors.service_page(key)
    if found is None:
        raise Http404(_("No service has this key."))
    name = localized(found, "name")
    crumb = Crumb(
        name.text, reverse("catalogue:service", args=[found.key]), "fi" if name.is_fallback else ""
    )
    context = {"nav": "services", "crumbs": _crumbs(crumb), "service": found}
    return render(request, "catalogue/service.html", context)


def actors(request: HttpRequest) -> HttpResponse:
    crumbs = _crumbs(Crumb(_("Who does what"), reverse("catalogue:actors")))
    context = {"nav": "services", "crumbs": crumbs, "actors": selectors.actors()}
    return render(request, "catalogue/actors.html", context)


def guide(request: HttpRequest) -> HttpResponse:
    crumbs = _crumbs(Crumb(_("Service-path guide"), reverse("catalogue:guide")))
    form = guide_engine.GuideForm(request.GET or None)
    recommendations = None
    if form.is_valid():
        recommendations = guide_engine.recommend(form.answers(), guide_engine.guide_rules())
    context = {
        "nav": "services",
        "crumbs": crumbs,
        "form": form,
        "recommendations": recommendations,
    }
    return render(request, "catalogue/guide.html", context)
