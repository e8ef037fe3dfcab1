"""Pages of the half-year follow-up. Each view reads a view-model from selectors.py or calls one
service; every permission check happens on the server, in the selector or the service."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from seuraamo.accounts.roles import roles_of
from seuraamo.core.conflicts import ConflictError
from seuraamo.follow_up import exports, rules, selectors, services
from seuraamo.follow_up.attention import attention_page
from seuraamo.follow_up.forms import (
    CloseRoundForm,
    ContributionForm,
    OpenRoundForm,
    ReportForm,
    ReviewForm,
)
from seuraamo.follow_up.models import CONTRIBUTION_FIELDS, TEXT_FIELDS, TEXT_LABELS
from seuraamo.follow_up.overview import overview
from seuraamo.periods import Period
from seuraamo.programmes.selectors import current_programme, today


def _page(
    request: HttpRequest, template: str, status: int = 200, **context: object
) -> HttpResponse:
    return render(request, template, {"nav": "follow_up", **context}, status=status)


def _or_404(value: object, message: str) -> object:
    if value is None:
        raise Http404(message)
    return value


def _found(request: HttpRequest, value: object, message: str) -> object:
    """The object of a page that may be private (a round, its compiled report, a report): a
    signed-in user gets 404 when it does not exist (and 403 from the selector when it is not
    theirs to see), an anonymous visitor the sign-in page either way (PermissionDenied, which
    handler403 turns into that redirect), so the answer does not tell whether it exists."""
    if value is None and not request.user.is_authenticated:
        raise PermissionDenied
    return _or_404(value, message)


@login_required
def tasks(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "follow_up/tasks.html",
        page=selectors.tasks_page(request.user, today()),
        tools=_tools_of(request),
        attention=(
            attention_page(request.user, None, today())
            if rules.can_read_attention(roles_of(request.user))
            else None
        ),
    )


def _tools_of(request: HttpRequest) -> list[tuple[str, str]]:
    """Links to the other pages the user's roles open, so that none is reached only by its address
    (each app says whether its page is open to the user: `settings.MY_TASKS_LINKS`)."""
    tools = [
        link
        for link in (import_string(path)(request) for path in settings.MY_TASKS_LINKS)
        if link is not None
    ]
    if request.user.is_staff or roles_of(request.user).is_admin:
        tools.append((_("Administration"), reverse("admin:index")))
    return tools


@login_required
def attention(request: HttpRequest, period: Period | None = None) -> HttpResponse:
    """What needs the steering group's attention in the round (without a period: the round under
    review, `attention.round_under_review`)."""
    page = attention_page(request.user, period, today())
    if period is not None:
        _or_404(page, _("No round has this period."))
    return _page(
        request,
        "follow_up/attention.html",
        page=page,
        rounds=selectors.visible_rounds(request.user),
    )


def rounds(request: HttpRequest) -> HttpResponse:
    """Every round the user may see; the public sees the published ones."""
    roles = roles_of(request.user)
    return _page(
        request,
        "follow_up/rounds.html",
        rounds=selectors.visible_rounds(request.user),
        can_manage=rules.can_manage_rounds(roles),
    )


@login_required
def open_round(request: HttpRequest) -> HttpResponse:
    if not rules.can_manage_rounds(roles_of(request.user)):
        raise PermissionDenied
    programme = _or_404(current_programme(), _("No programme has been published yet."))
    form = OpenRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.open_round(
                actor=request.user,
                programme=programme,
                period=form.cleaned_data["period"],
                deadline=form.cleaned_data["deadline"],
                goals=list(form.cleaned_data["goals"]),
            )
        except services.FollowUpError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The round is open and its draft reports are ready."))
            return redirect("follow_up:round", period=created.period)
    return _page(request, "follow_up/open_round.html", form=form)


def round_dashboard(request: HttpRequest, period: Period) -> HttpResponse:
    page = selectors.round_dashboard(
        request.user,
        period,
        theme=request.GET.get("theme", ""),
        organisation=request.GET.get("organisation", ""),
    )
    _found(request, page, _("No round has this period."))
    roles = roles_of(request.user)
    return _page(
        request,
        "follow_up/round.html",
        page=page,
        can_manage=rules.can_manage_rounds(roles),
        can_read_attention=rules.can_read_attention(roles),
        formats=exports.FORMATS,
    )


ROUND_ACTIONS = {
    "close": services.close_round,
    "publish": services.publish_round,
    "unpublish": services.unpublish_round,
    "reopen": services.reopen_round,
}


@login_required
def round_action(request: HttpRequest, period: Period, action: str) -> HttpResponse:
    """Closing, publishing, unpublishing and reopening each ask for a confirmation first: the page
    lists the reports that are not accepted, by organisation; closing early asks for a reason."""
    if action not in ROUND_ACTIONS:
        raise Http404(_("No such action."))
    check = _or_404(
        selectors.closing_check(request.user, period, today()), _("No round has this period.")
    )
    # Bound on every POST, even an empty one (publishing has no fields).
    form = CloseRoundForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            if action == "close":
                services.close_round(
                    actor=request.user,
                    round_id=check.reporting_round.pk,
                    reason=form.cleaned_data["reason"],
                    today=today(),
                )
            else:
                ROUND_ACTIONS[action](actor=request.user, round_id=check.reporting_round.pk)
        except services.FollowUpError as error:
            form.add_error("reason" if action == "close" else None, str(error))
        else:
            messages.success(request, _("The round's status is saved."))
            return redirect("follow_up:round", period=period)
    return _page(
        request,
        "follow_up/round_confirm.html",
        status=400 if form.errors else 200,
        check=check,
        action=action,
        form=form,
    )


def compiled_report(request: HttpRequest, period: Period, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404(_("No such format."))
    compiled = _found(
        request, selectors.compiled_report(request.user, period), _("No round has this period.")
    )
    if fmt == "html" and "download" not in request.GET:
        return _page(request, "follow_up/compiled.html", compiled=compiled)
    response = HttpResponse(exports.render(compiled, fmt), content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{exports.file_name(compiled, fmt)}"'
    return response


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = _found(request, selectors.report_page(request.user, pk), _("No report has this number."))
    return _page(request, "follow_up/report.html", page=page, review_form=ReviewForm())


@login_required
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _or_404(selectors.editable_report(request.user, pk), _("No report has this number."))
    if request.method != "POST":
        form = ReportForm(report, initial=ReportForm.initial_for(report))
        return _page(request, "follow_up/report_edit.html", report=report, form=form)
    form = ReportForm(report, request.POST)
    if not form.is_valid():
        return _page(request, "follow_up/report_edit.html", report=report, form=form, status=400)
    try:
        services.save_report(
            actor=request.user,
            report_id=pk,
            expected_version=form.cleaned_data["version"],
            content=form.content(),
        )
    except ConflictError as conflict:
        return _conflict(request, report, form, conflict.current)
    messages.success(request, _("Saved."))
    return redirect("follow_up:report", pk=pk)


def _conflict(
    request: HttpRequest, report: object, form: ReportForm, current: object
) -> HttpResponse:
    """Someone saved the report after this editor loaded it: show both versions; the form keeps
    this editor's text and now carries the stored version, so saving again is a deliberate choice."""
    fresh = selectors.editable_report(request.user, report.pk)
    data = request.POST.copy()
    data["version"] = str(current.version)
    retry = ReportForm(fresh, data)
    retry.is_valid()
    mine = form.cleaned_data
    rows = [
        (
            label,
            str(value_of(current, name) or ""),
            str(mine.get(name) or ""),
        )
        for name, label, value_of in _compared_fields(fresh)
    ]
    return _page(
        request,
        "follow_up/conflict.html",
        status=409,
        report=fresh,
        form=retry,
        rows=[row for row in rows if row[1] != row[2]],
        saved_by=current.updated_by,
    )


def _compared_fields(report: object) -> list[tuple[str, str, object]]:
    fields = [("assessment", _("Overall assessment"), getattr)]
    fields += [(name, str(TEXT_LABELS[name]), getattr) for name in TEXT_FIELDS]
    return fields


@login_required
def contribution_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = _or_404(
        selectors.editable_contribution(request.user, pk), _("No contribution has this number.")
    )
    report_id = contribution.report_id
    if request.method != "POST":
        form = ContributionForm(contribution, initial=ContributionForm.initial_for(contribution))
        return _page(
            request, "follow_up/contribution_edit.html", contribution=contribution, form=form
        )
    form = ContributionForm(contribution, request.POST)
    if not form.is_valid():
        return _page(
            request,
            "follow_up/contribution_edit.html",
            contribution=contribution,
            form=form,
            status=400,
        )
    try:
        services.save_contribution(
            actor=request.user,
            contribution_id=pk,
            expected_version=form.cleaned_data["version"],
            content=form.content(),
        )
    except ConflictError as conflict:
        return _contribution_conflict(request, contribution, form, conflict.current)
    except services.FollowUpError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect("follow_up:report", pk=report_id)


def _contribution_conflict(
    request: HttpRequest, contribution: object, form: ContributionForm, current: object
) -> HttpResponse:
    """Another person of the organisation saved the part meanwhile: both versions side by side."""
    data = request.POST.copy()
    data["version"] = str(current.version)
    fresh = selectors.editable_contribution(request.user, contribution.pk)
    retry = ContributionForm(fresh, data)
    retry.is_valid()
    rows = [
        (str(TEXT_LABELS[name]), getattr(current, name) or "", form.cleaned_data.get(name) or "")
        for name in CONTRIBUTION_FIELDS
    ]
    return _page(
        request,
        "follow_up/conflict.html",
        status=409,
        contribution=fresh,
        form=retry,
        rows=[row for row in rows if row[1] != row[2]],
        saved_by=current.updated_by,
    )


@require_POST
@login_required
def contribution_sign_off(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    contribution = _or_404(
        selectors.editable_contribution(request.user, pk), _("No contribution has this number.")
    )
    if action == "sign-off":
        services.sign_off_contribution(actor=request.user, contribution_id=pk)
        messages.success(request, _("Your organisation's part is signed off."))
    elif action == "withdraw":
        services.withdraw_sign_off(actor=request.user, contribution_id=pk)
        messages.success(request, _("The sign-off is withdrawn: the part can be edited again."))
    else:
        raise Http404(_("No such action."))
    return redirect("follow_up:report", pk=contribution.report_id)


@require_POST
@login_required
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    _or_404(selectors.report_page(request.user, pk), _("No report has this number."))
    try:
        changed = services.submit_report(actor=request.user, report_id=pk)
    except services.FollowUpError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Submitted to the steering group.") if changed else _("Already submitted.")
        )
    return redirect("follow_up:report", pk=pk)


@require_POST
@login_required
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    page = _or_404(selectors.report_page(request.user, pk), _("No report has this number."))
    if not rules.can_review(roles_of(request.user), page.report):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _page(request, "follow_up/report.html", page=page, review_form=form, status=400)
    try:
        if form.cleaned_data["decision"] == "accept":
            services.accept_report(actor=request.user, report_id=pk)
            messages.success(request, _("The report is accepted."))
        else:
            services.return_report(
                actor=request.user, report_id=pk, comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("The report is returned to its coordinators."))
    except services.FollowUpError as error:
        form.add_error(None, str(error))
        return _page(request, "follow_up/report.html", page=page, review_form=form, status=400)
    return redirect("follow_up:report", pk=pk)


@require_POST
@login_required
def report_comment(request: HttpRequest, pk: int) -> HttpResponse:
    _or_404(selectors.report_page(request.user, pk), _("No report has this number."))
    try:
        services.comment_on_report(
            actor=request.user, report_id=pk, text=request.POST.get("text", "")
        )
    except services.FollowUpError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The comment is saved."))
    return redirect("follow_up:report", pk=pk)


def programme_overview(request: HttpRequest) -> HttpResponse:
    page = _or_404(overview(request.user, today()), _("No programme has been published yet."))
    return _page(request, "follow_up/overview.html", page=page)


def goal_timeline(request: HttpRequest, key: str) -> HttpResponse:
    page = _or_404(selectors.goal_timeline(request.user, key), _("No goal has this key."))
    return _page(request, "follow_up/timeline.html", page=page)
