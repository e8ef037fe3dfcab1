"""Catalogue and guide pages, and the editors' pages: each view reads from selectors.py, rules.py or
guide.py, writes through services.py, and renders."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.decorators import decorator_from_middleware
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from seuraamo.accounts.signed_in import AuthenticatedHttpRequest
from seuraamo.catalogue import guide as guide_engine
from seuraamo.catalogue import maps, routing, rules, selectors, services
from seuraamo.catalogue.forms import ChannelFormSet, ServiceForm
from seuraamo.catalogue.models import Service, ServiceLevel, ServiceStatus, TargetGroup
from seuraamo.core.conflicts import ConflictError
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
    context = {
        "nav": "services",
        "crumbs": _crumbs(crumb),
        "service": found,
        "can_edit": rules.can_edit_service(request.user, found),
        "map": maps.service_map(found.channels.all()),
        "providers": routing.providers_by_municipality(found, timezone.localdate()),
    }
    return render(request, "catalogue/service.html", context)


@login_required
def editor_services(request: HttpRequest) -> HttpResponse:
    """The services the signed-in user may edit, those due for review first."""
    crumbs = _crumbs(Crumb(_("Services I edit"), reverse("catalogue:editor_services")))
    context = {
        "nav": "services",
        "crumbs": crumbs,
        "queue": selectors.editing_queue(
            rules.editable_services(request.user), timezone.localdate()
        ),
    }
    return render(request, "catalogue/editor_services.html", context)


@login_required
def service_edit(request: AuthenticatedHttpRequest, key: str) -> HttpResponse:
    service = selectors.service_for_editing(key)
    if service is None:
        raise Http404(_("No service has this key."))
    if not rules.can_edit_service(request.user, service):
        raise PermissionDenied
    if request.method != "POST":
        form = ServiceForm(instance=service)
        return _edit_page(request, service, form, ChannelFormSet(instance=service))
    form = ServiceForm(request.POST, instance=service)
    channels = ChannelFormSet(request.POST, instance=service)
    if not (form.is_valid() and channels.is_valid()):
        return _edit_page(request, service, form, channels, status=400)
    edit = services.ServiceEdit(
        fields=form.changes(),
        saved_channels=channels.save(commit=False),
        deleted_channels=list(channels.deleted_objects),
        confirm_verified=form.cleaned_data["confirm_verified"],
    )
    try:
        saved = services.edit_service(
            actor=request.user, key=key, expected_version=form.cleaned_data["version"], edit=edit
        )
    except ConflictError as conflict:
        return _conflict(request, form, conflict.current)
    except ValidationError as refused:  # e.g. published with no way to reach it
        for name, errors in refused.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return _edit_page(request, service, form, channels, status=400)
    messages.success(request, _("Saved."))
    if saved.status == ServiceStatus.DRAFT:
        return redirect("catalogue:service_edit", key=key)
    return redirect("catalogue:service", key=key)


def _edit_page(
    request: HttpRequest,
    service: Service,
    form: ServiceForm,
    channels: object,
    status: int = 200,
    conflict_rows: list[tuple[str, str, str]] | None = None,
) -> HttpResponse:
    crumbs = [
        Crumb(_("Home"), reverse("programmes:home")),
        Crumb(_("Services I edit"), reverse("catalogue:editor_services")),
        Crumb(_("Edit"), reverse("catalogue:service_edit", args=[service.key])),
    ]
    context = {
        "nav": "services",
        "crumbs": crumbs,
        "service": service,
        "form": form,
        "channels": channels,
        "conflict_rows": conflict_rows,
    }
    return render(request, "catalogue/service_edit.html", context, status=status)


def _conflict(request: HttpRequest, mine: ServiceForm, current: Service) -> HttpResponse:
    """Someone saved the service after this editor opened it: nothing was saved. Show what differs
    and keep this editor's values in a form that now carries the stored version, so saving again is
    a deliberate choice."""
    rows = []
    for name in rules.EDITABLE_FIELDS:
        saved, wanted = getattr(current, name), mine.cleaned_data.get(name)
        if name == "reached_through":  # many-to-many: the services, by name
            saved = sorted(str(other) for other in current.reached_through.all())
            wanted = sorted(str(other) for other in wanted or [])
        if saved != wanted:
            label = str(mine.fields[name].label)
            rows.append((label, _display(saved), _display(wanted)))
    data = request.POST.copy()
    data["version"] = str(current.version)
    # Validating a model form writes its values into its instance: give it a copy of its own.
    retry = ServiceForm(data, instance=selectors.service_for_editing(current.key))
    retry.is_valid()
    channels = ChannelFormSet(data, instance=current)
    channels.is_valid()
    return _edit_page(request, current, retry, channels, status=409, conflict_rows=rows)


def _display(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def providers(request: HttpRequest) -> HttpResponse:
    crumbs = _crumbs(Crumb(_("Who does what"), reverse("catalogue:providers")))
    context = {"nav": "services", "crumbs": crumbs, "providers": selectors.service_providers()}
    return render(request, "catalogue/providers.html", context)


#: The guide's pages send no Referer: nothing of them reaches another site or another page's log.
GUIDE_REFERRER_POLICY = "no-referrer"


class _NoReferrerCsrfMiddleware(CsrfViewMiddleware):
    """Django's CSRF check for a form on a page served with `Referrer-Policy: no-referrer`.

    A browser posting a form from such a page sends `Origin: null` (Fetch standard, "append a
    request `Origin` header"), which Django's origin check refuses. Here `null` passes the origin
    check, and only it; the token check still runs (the CSRF cookie, SameSite=Lax and HttpOnly,
    against the form's token), so a post from another site, which has neither, is refused."""

    def _origin_verified(self, request: HttpRequest) -> bool:
        if request.META.get("HTTP_ORIGIN") == "null":
            return True
        return bool(super()._origin_verified(request))


#: Typed as django-stubs type Django's own `csrf_protect` (their decorator_from_middleware is looser).
_guide_csrf_protect = cast(
    "Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]",
    decorator_from_middleware(_NoReferrerCsrfMiddleware),
)


@csrf_exempt  # from the site-wide check, for the guide's own below (the same but for Origin: null)
@_guide_csrf_protect
@sensitive_variables()
@sensitive_post_parameters()
@require_http_methods(["GET", "HEAD", "POST"])
def guide(request: HttpRequest) -> HttpResponse:
    """The questions (GET) and the answers to them (POST, with the CSRF token): the answers travel
    only in the request body and come back only in the form fields and the recommendations of the
    response, so no address, log line, cache or Referer carries them. What is kept is one count per
    month, need and municipality (`services.count_guide_use`); the page says so. A GET ignores any
    query string (old addresses that carried answers show the empty questions)."""
    crumbs = _crumbs(Crumb(_("Service-path guide"), reverse("catalogue:guide")))
    posted = request.method == "POST"
    form = guide_engine.GuideForm(request.POST if posted else None)
    found = None
    status = 200
    if posted and form.is_valid():
        answers = form.answers()
        found = guide_engine.answer(answers, guide_engine.guide_rules(), timezone.localdate())
        services.count_guide_use(
            municipality=answers.municipality,
            need=answers.need,
            found=bool(found.recommendations),
            on=timezone.localdate(),
        )
    elif posted:
        status = 400
    context = {
        "nav": "services",
        "crumbs": crumbs,
        "form": form,
        "recommendations": None if found is None else found.recommendations,
        "nearby": None if found is None else found.nearby,
        "ask": None if found is None else found.ask,
    }
    response = render(request, "catalogue/guide.html", context, status=status)
    response["Referrer-Policy"] = GUIDE_REFERRER_POLICY
    if posted:
        # Not kept by the browser's cache (a shared computer) nor by any cache on the way.
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    return response


@login_required
def guide_demand(request: HttpRequest) -> HttpResponse:
    """The guide's anonymous counts for the steering group, programme admins and analysts."""
    if not rules.may_read_guide_demand(request.user):
        raise PermissionDenied
    crumbs = _crumbs(
        Crumb(_("Service-path guide"), reverse("catalogue:guide")),
        Crumb(_("Guide demand"), reverse("catalogue:guide_demand")),
    )
    context = {
        "nav": "services",
        "crumbs": crumbs,
        "months": selectors.guide_demand(timezone.localdate()),
        "smallest_shown": selectors.SMALLEST_SHOWN,
        "masked": selectors.shown_count(1),
    }
    return render(request, "catalogue/guide_demand.html", context)


def my_tasks_link(request: HttpRequest) -> tuple[str, str] | None:
    """The editor's service list in "My tasks", for those who edit a service (`MY_TASKS_LINKS`)."""
    if not rules.editable_services(request.user).exists():
        return None
    return (_("Services I edit"), reverse("catalogue:editor_services"))
