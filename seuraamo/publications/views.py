"""The analysts' own pages: the register with what each publication is missing, recording a
publication's figure or a Työvoimabarometri assessment, an entry's page with its history, and
correcting or withdrawing it. Analysts and programme admins only (checked here for every request,
and again by the services); anonymous visitors are sent to sign in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from seuraamo.accounts.roles import roles_of
from seuraamo.accounts.signed_in import AuthenticatedHttpRequest
from seuraamo.publications import entries, recording
from seuraamo.publications.forms import AssessmentForm, FigureForm, WithdrawForm
from seuraamo.publications.models import BarometerAssessment, PublicationFigure
from seuraamo.publications.rules import may_record_figures


def _require_recorder(request: HttpRequest) -> None:
    if not may_record_figures(roles_of(request.user)):
        raise PermissionDenied


def _page(
    request: HttpRequest, template: str, status: int = 200, **context: object
) -> HttpResponse:
    return render(request, template, context, status=status)


@login_required
def register(request: HttpRequest) -> HttpResponse:
    _require_recorder(request)
    statuses = entries.publication_statuses(timezone.localdate())
    return _page(
        request,
        "publications/register.html",
        statuses=statuses,
        missing=[status for status in statuses if status.missing],
        figures=entries.recent_figures(),
        assessments=entries.recent_assessments(),
    )


def _figure(pk: int) -> PublicationFigure:
    found = entries.figure_by_number(pk)
    if found is None:
        raise Http404(_("No figure has this number."))
    return found


def _assessment(pk: int) -> BarometerAssessment:
    found = entries.assessment_by_number(pk)
    if found is None:
        raise Http404(_("No assessment has this number."))
    return found


def _figure_initial(figure: PublicationFigure) -> dict[str, object]:
    return {
        "publication": figure.publication_id,
        "indicator_name": figure.indicator_name or figure.indicator,
        "area_code": figure.area_code,
        "period": figure.period,
        "value": figure.value,
        "unit": figure.unit,
        "source_url": figure.source_url,
        "released_on": figure.released_on,
    }


def _assessment_initial(row: BarometerAssessment) -> dict[str, object]:
    return {
        "occupation_code": row.occupation_code,
        "occupation_name": row.occupation_name_fi,
        "area_code": row.area_code,
        "month": row.month,
        "state": row.state,
        "severity": row.severity,
        "source_url": row.source_url,
        "released_on": row.released_on,
    }


@login_required
def figure_form(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    """Record a figure (no ``pk``) or correct one."""
    _require_recorder(request)
    figure = _figure(pk) if pk is not None else None
    initial = _figure_initial(figure) if figure else {"publication": request.GET.get("publication")}
    form = FigureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if figure is None:
                saved = recording.record_figure(actor=request.user, entry=form.entry())
            else:
                saved = recording.correct_figure(
                    actor=request.user, figure_id=figure.pk, entry=form.entry()
                )
        except recording.EntryError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The figure is saved."))
            return redirect("publications:figure", pk=saved.pk)
    return _page(
        request,
        "publications/entry_form.html",
        status=400 if form.errors else 200,
        form=form,
        entry=figure,
        kind="figure",
        back=reverse("publications:figure", args=[figure.pk]) if figure else "",
    )


@login_required
def assessment_form(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    """Record a Työvoimabarometri assessment (no ``pk``) or correct one."""
    _require_recorder(request)
    row = _assessment(pk) if pk is not None else None
    form = AssessmentForm(request.POST or None, initial=_assessment_initial(row) if row else None)
    if request.method == "POST" and form.is_valid():
        try:
            if row is None:
                saved = recording.record_assessment(actor=request.user, entry=form.entry())
            else:
                saved = recording.correct_assessment(
                    actor=request.user, assessment_id=row.pk, entry=form.entry()
                )
        except recording.EntryError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The assessment is saved."))
            return redirect("publications:assessment", pk=saved.pk)
    return _page(
        request,
        "publications/entry_form.html",
        status=400 if form.errors else 200,
        form=form,
        entry=row,
        kind="assessment",
        back=reverse("publications:assessment", args=[row.pk]) if row else "",
    )


def _entry_page(
    request: HttpRequest,
    entry: PublicationFigure | BarometerAssessment,
    kind: str,
    form: WithdrawForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return _page(
        request,
        "publications/entry.html",
        status=status,
        entry=entry,
        kind=kind,
        history=entries.history(entry),
        form=form or WithdrawForm(),
    )


@login_required
def figure(request: HttpRequest, pk: int) -> HttpResponse:
    _require_recorder(request)
    return _entry_page(request, _figure(pk), "figure")


@login_required
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    _require_recorder(request)
    return _entry_page(request, _assessment(pk), "assessment")


def _withdraw(
    request: AuthenticatedHttpRequest,
    entry: PublicationFigure | BarometerAssessment,
    kind: str,
) -> HttpResponse:
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            if kind == "figure":
                recording.withdraw_figure(
                    actor=request.user, figure_id=entry.pk, reason=form.cleaned_data["reason"]
                )
            else:
                recording.withdraw_assessment(
                    actor=request.user, assessment_id=entry.pk, reason=form.cleaned_data["reason"]
                )
        except recording.EntryError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The entry is withdrawn: it is no longer shown."))
            return redirect(f"publications:{kind}", pk=entry.pk)
    entry.refresh_from_db()
    return _entry_page(request, entry, kind, form=form, status=400)


@require_POST
@login_required
def figure_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require_recorder(request)
    return _withdraw(request, _figure(pk), "figure")


@require_POST
@login_required
def assessment_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require_recorder(request)
    return _withdraw(request, _assessment(pk), "assessment")


def my_tasks_link(request: HttpRequest) -> tuple[str, str] | None:
    """The analysts' register in "My tasks", for those who record figures (`MY_TASKS_LINKS`)."""
    if not may_record_figures(roles_of(request.user)):
        return None
    return (_("Barometers and publications"), reverse("publications:register"))
