"""Pages of steering-group meetings and decisions: the meeting list and page (with its print
stylesheet and PDF), the secretary's forms for meetings and decisions, and the decision log.
Only the programme admin writes (checked here and again in meeting_services.py)."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from seuraamo.accounts.roles import roles_of
from seuraamo.accounts.signed_in import AuthenticatedHttpRequest
from seuraamo.follow_up import meeting_services, meetings, rules
from seuraamo.follow_up.meeting_forms import DecisionForm, DecisionStatusForm, MeetingForm
from seuraamo.follow_up.meeting_models import Decision, Meeting
from seuraamo.programmes.models import Programme
from seuraamo.programmes.selectors import current_programme, today

PRINT_CSS = Path(__file__).parent / "static" / "follow_up" / "css" / "meeting-print.css"


def _page(
    request: HttpRequest, template: str, status: int = 200, **context: object
) -> HttpResponse:
    return render(request, template, {"nav": "follow_up", **context}, status=status)


def _secretary(request: HttpRequest) -> Programme:
    """The programme whose meetings the user records; PermissionDenied unless the programme admin."""
    if not rules.can_manage_meetings(roles_of(request.user)):
        raise PermissionDenied
    programme = current_programme()
    if programme is None:
        raise Http404(_("No programme has been published yet."))
    return programme


def meeting_list(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "follow_up/meetings.html",
        meetings=meetings.meetings(),
        can_manage=rules.can_manage_meetings(roles_of(request.user)),
    )


def _meeting_page(request: HttpRequest, pk: int) -> meetings.MeetingPage:
    page = meetings.meeting_page(request.user, pk)
    if page is None:
        raise Http404(_("No meeting has this number."))
    return page


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, "follow_up/meeting.html", page=_meeting_page(request, pk))


def meeting_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting page as a PDF: what the user may read of it, nothing more."""
    # Imported when a PDF is asked for: loading Pango and HarfBuzz takes a moment.
    from weasyprint import HTML  # type: ignore[import-untyped]  # noqa: PLC0415

    page = _meeting_page(request, pk)
    html = render_to_string(
        "follow_up/meeting_print.html",
        {"page": page, "css": PRINT_CSS.read_text()},
        request=request,
    )
    pdf = HTML(string=html, base_url=str(PRINT_CSS.parent)).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"seuraamo-meeting-{page.meeting.date.isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def meeting_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    programme = _secretary(request)
    meeting = None
    initial: dict[str, object] = {}
    if pk is not None:
        meeting = meetings.meeting_of(programme, pk)
        if meeting is None:
            raise Http404(_("No meeting has this number."))
        initial = {
            "date": meeting.date,
            "place": meeting.place,
            "reporting_round": meeting.reporting_round_id,
            "attendees": list(meeting.attendees.all()),
            "minutes": meeting.minutes,
        }
    else:
        latest = programme.rounds.exclude(status="open").order_by("-period").first()
        initial = {"reporting_round": latest.pk if latest else None}
    form = MeetingForm(programme, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = meeting_services.save_meeting(
                actor=request.user,
                programme=programme,
                details=form.details(),
                meeting_id=meeting.pk if meeting else None,
            )
        except meeting_services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("follow_up:meeting", pk=saved.pk)
    return _page(
        request,
        "follow_up/meeting_edit.html",
        status=400 if form.errors else 200,
        form=form,
        meeting=meeting,
    )


@require_POST
@login_required
def meeting_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _secretary(request)
    try:
        meeting_services.approve_minutes(actor=request.user, meeting_id=pk)
    except Meeting.DoesNotExist:
        raise Http404(_("No meeting has this number.")) from None
    except meeting_services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The minutes are approved and public."))
    return redirect("follow_up:meeting", pk=pk)


@login_required
def decision_edit(
    request: AuthenticatedHttpRequest, meeting_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    programme = _secretary(request)
    decision = None
    if pk is not None:
        decision = meetings.decision_of(programme, pk)
        if decision is None:
            raise Http404(_("No decision has this number."))
        meeting = decision.meeting
    else:
        found = meetings.meeting_of(programme, meeting_pk or 0)
        if found is None:
            raise Http404(_("No meeting has this number."))
        meeting = found
    initial = DecisionForm.initial_for(decision) if decision else {}
    form = DecisionForm(programme, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_services.save_decision(
                actor=request.user,
                meeting_id=meeting.pk,
                content=form.content(),
                decision_id=decision.pk if decision else None,
            )
        except meeting_services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The decision is saved."))
            return redirect("follow_up:meeting", pk=meeting.pk)
    return _page(
        request,
        "follow_up/decision_edit.html",
        status=400 if form.errors else 200,
        form=form,
        meeting=meeting,
        decision=decision,
    )


@require_POST
@login_required
def decision_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _secretary(request)
    form = DecisionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the decision's status."))
        return redirect("follow_up:decisions")
    try:
        changed = meeting_services.change_decision_status(
            actor=request.user, decision_id=pk, status=form.cleaned_data["status"]
        )
    except Decision.DoesNotExist:
        raise Http404(_("No decision has this number.")) from None
    if changed:
        messages.success(request, _("The decision's status is saved."))
    return redirect("follow_up:decisions")


def decision_log(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "follow_up/decisions.html",
        decisions=meetings.decision_log(request.user, today()),
        can_manage=rules.can_manage_meetings(roles_of(request.user)),
        status_form=DecisionStatusForm(),
    )
