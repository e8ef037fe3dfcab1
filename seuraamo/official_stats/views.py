"""The staff data-status page: what the statistics store holds, and reverting a run.

Programme admins and analysts may read it; only programme admins may revert a run. Both are
checked here on the server, for every request."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from seuraamo.accounts.roles import roles_of
from seuraamo.accounts.signed_in import AuthenticatedHttpRequest
from seuraamo.official_stats.rules import may_read_data_status, may_revert_runs
from seuraamo.official_stats.selectors.status import run_to_revert, table_statuses
from seuraamo.official_stats.services import RevertError, revert_run


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
            "may_revert": may_revert_runs(roles),
        },
    )


@login_required
def revert(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST (with the CSRF token) reverts the run."""
    if not may_revert_runs(roles_of(request.user)):
        raise PermissionDenied
    run = run_to_revert(pk)
    if run is None:
        raise Http404(_("No statistics run has this number."))
    if request.method != "POST":
        return render(request, "official_stats/revert_run.html", {"run": run})
    try:
        result = revert_run(actor=request.user, run_id=run.pk)
    except RevertError as error:
        messages.error(
            request,
            _("Run %(run)s was not reverted: %(reason)s")
            % {"run": run.pk, "reason": error.explanation()},
        )
    else:
        messages.success(
            request,
            _("Run %(run)s reverted: %(restored)s values restored, %(removed)s cells removed.")
            % {"run": run.pk, "restored": result.restored, "removed": result.removed},
        )
    return redirect("data_status:tables")


def my_tasks_link(request: HttpRequest) -> tuple[str, str] | None:
    """The data-status page in "My tasks", for those who may read it (`MY_TASKS_LINKS`)."""
    if not may_read_data_status(roles_of(request.user)):
        return None
    return (_("Data status"), reverse("data_status:tables"))
