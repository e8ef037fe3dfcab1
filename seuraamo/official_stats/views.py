"""The staff data-status page: what the statistics store holds, its background jobs, reverting a
run and asking for a sync now.

Programme admins and analysts may read it and ask for a sync; only programme admins may revert a
run. Each is checked here on the server, for every request. Reverts and syncs run in the
background worker (`tasks.py`): the request returns at once."""

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
from seuraamo.official_stats.rules import may_read_data_status, may_revert_runs, may_start_sync
from seuraamo.official_stats.selectors.jobs import recent_jobs, sync_waiting_or_running
from seuraamo.official_stats.selectors.status import run_to_revert, table_statuses
from seuraamo.official_stats.services import RevertError
from seuraamo.official_stats.tasks import start_revert_in_background, start_sync_in_background


@login_required
def data_status(request: HttpRequest) -> HttpResponse:
    roles = roles_of(request.user)
    if not may_read_data_status(roles):
        raise PermissionDenied
    return render(
        request,
        "official_stats/data_status.html",
        {
            "tables": table_statuses(timezone.localdate()),
            "jobs": recent_jobs(),
            "may_revert": may_revert_runs(roles),
            "may_sync": may_start_sync(roles),
            "sync_waiting": sync_waiting_or_running(),
        },
    )


@login_required
def revert(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST (with the CSRF token) starts the revert: the run's cells
    are hidden at once and the worker restores the earlier values."""
    if not may_revert_runs(roles_of(request.user)):
        raise PermissionDenied
    run = run_to_revert(pk)
    if run is None:
        raise Http404(_("No statistics run has this number."))
    if request.method != "POST":
        return render(request, "official_stats/revert_run.html", {"run": run})
    try:
        start_revert_in_background(actor=request.user, run_id=run.pk)
    except RevertError as error:
        messages.error(
            request,
            _("Run %(run)s was not reverted: %(reason)s")
            % {"run": run.pk, "reason": error.explanation()},
        )
    else:
        messages.success(
            request,
            _(
                "Reverting run %(run)s: its figures are no longer shown, and the earlier ones "
                "come back as the background job restores them (progress below)."
            )
            % {"run": run.pk},
        )
    return redirect("data_status:tables")


@login_required
@require_POST
def sync_now(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Queue a sync of every tracked table; one at a time."""
    if not may_start_sync(roles_of(request.user)):
        raise PermissionDenied
    if sync_waiting_or_running():
        messages.error(request, _("A sync is already queued or running."))
    else:
        start_sync_in_background(actor=request.user)
        messages.success(
            request, _("Sync queued: the background job fetches the new figures (state below).")
        )
    return redirect("data_status:tables")


def my_tasks_link(request: HttpRequest) -> tuple[str, str] | None:
    """The data-status page in "My tasks", for those who may read it (`MY_TASKS_LINKS`)."""
    if not may_read_data_status(roles_of(request.user)):
        return None
    return (_("Data status"), reverse("data_status:tables"))
