"""Public programme pages: each view reads one view-model from selectors.py and renders it."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from seuraamo.accounts.roles import request_roles
from seuraamo.core.conflicts import ConflictError
from seuraamo.core.translation import localized
from seuraamo.programmes import rules, selectors, services
from seuraamo.programmes.forms import (
    SECTION_FIELDS,
    MeasurePlanForm,
    MilestoneFormSet,
    ProgrammeSectionForm,
    milestone_initial,
    plan_initial,
    section_initial,
)
from seuraamo.programmes.models import Goal, ProgrammeSection, Theme


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
    can_edit = rules.can_edit_measures(request_roles(request))
    return _page(request, "programmes/goal.html", "programme", crumbs, page=page, can_edit=can_edit)


@login_required
def measure_edit(request: HttpRequest, key: str) -> HttpResponse:
    """The programme admin keeps a measure's plan up to date: who is responsible, whom to contact,
    when, its milestones and the indicators it is meant to move."""
    if not rules.can_edit_measures(request_roles(request)):
        raise PermissionDenied
    measure = selectors.measure_to_edit(key)
    if measure is None:
        raise Http404(_("No measure has this key."))
    data = request.POST if request.method == "POST" else None
    form = MeasurePlanForm(measure, data, initial=plan_initial(measure))
    milestones = MilestoneFormSet(data, initial=milestone_initial(measure), prefix="milestones")
    if data is not None and form.is_valid() and milestones.is_valid():
        given = [row.milestone() for row in milestones]
        services.save_measure_plan(
            actor=request.user,  # type: ignore[arg-type]  # login_required
            measure_id=measure.pk,
            plan=form.plan([m for m in given if m is not None]),
        )
        messages.success(request, _("The measure is saved."))
        url = reverse("programmes:goal", args=[measure.goal.key])
        return redirect(f"{url}#measure-{measure.key}")
    crumbs = [
        _home_crumb(),
        _programme_crumb(),
        _theme_crumb(measure.goal.theme),
        _goal_crumb(measure.goal),
    ]
    response = _page(
        request,
        "programmes/measure_edit.html",
        "programme",
        crumbs,
        measure=measure,
        form=form,
        milestones=milestones,
    )
    if data is not None:
        response.status_code = 400
    return response


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


def _service_system_crumbs() -> list[Crumb]:
    return [
        _home_crumb(),
        Crumb(_("Services"), reverse("catalogue:service_list")),
        Crumb(_("The service system"), reverse("programmes:service_system")),
    ]


def service_system(request: HttpRequest) -> HttpResponse:
    """What employment services mean in Kymenlaakso and who does what: chapter 3 of the programme,
    kept up to date by the programme admin."""
    page = selectors.service_system_page()
    can_edit = rules.can_edit_service_system(request_roles(request))
    crumbs = _service_system_crumbs()
    return _page(
        request, "programmes/service_system.html", "services", crumbs, page=page, can_edit=can_edit
    )


@login_required
def service_section_edit(request: HttpRequest, key: str) -> HttpResponse:
    """The programme admin corrects or updates a section of the service system's description."""
    if not rules.can_edit_service_system(request_roles(request)):
        raise PermissionDenied
    section = selectors.programme_section(key)
    if section is None:
        raise Http404(_("No section has this key."))
    if request.method != "POST":
        form = ProgrammeSectionForm(initial=section_initial(section))
        return _section_edit_page(request, section, form)
    form = ProgrammeSectionForm(request.POST)
    if not form.is_valid():
        return _section_edit_page(request, section, form, status=400)
    try:
        services.save_programme_section(
            actor=request.user,  # type: ignore[arg-type]  # login_required
            key=section.key,
            expected_version=form.cleaned_data["version"],
            text=form.text(),
        )
    except ConflictError as conflict:
        return _section_conflict(request, form, conflict.current)  # type: ignore[arg-type]
    messages.success(request, _("The section is saved."))
    return redirect(f"{reverse('programmes:service_system')}#{section.key}")


def _section_conflict(
    request: HttpRequest, mine: ProgrammeSectionForm, current: ProgrammeSection
) -> HttpResponse:
    """Someone saved the section after this editor opened it: nothing was saved. The editor's text
    stays in the form, which now carries the stored version, beside what differs."""
    rows = [
        (str(mine.fields[name].label), getattr(current, name), mine.cleaned_data[name])
        for name in SECTION_FIELDS
        if getattr(current, name) != mine.cleaned_data[name].replace("\r\n", "\n").strip()
    ]
    data = request.POST.copy()
    data["version"] = str(current.version)
    retry = ProgrammeSectionForm(data)
    retry.is_valid()
    return _section_edit_page(request, current, retry, status=409, conflict_rows=rows)


def _section_edit_page(
    request: HttpRequest,
    section: ProgrammeSection,
    form: ProgrammeSectionForm,
    status: int = 200,
    conflict_rows: list[tuple[str, str, str]] | None = None,
) -> HttpResponse:
    crumbs = _service_system_crumbs()
    context = {"section": section, "form": form, "conflict_rows": conflict_rows}
    response = _page(request, "programmes/service_section_edit.html", "services", crumbs, **context)
    response.status_code = status
    return response
