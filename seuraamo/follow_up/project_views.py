"""Pages of projects and pilots: the public list and page, and the form a coordinator registers
and edits its own organisation's projects with (checked here and again in project_services.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from seuraamo.accounts.roles import roles_of
from seuraamo.accounts.signed_in import AuthenticatedHttpRequest
from seuraamo.follow_up import project_services, projects, rules
from seuraamo.follow_up.project_forms import ProjectForm
from seuraamo.programmes.selectors import current_programme


def project_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "follow_up/projects.html",
        {"nav": "follow_up", "page": projects.project_list(request.user)},
    )


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = projects.project_page(request.user, pk)
    if page is None:
        raise Http404(_("No project has this number."))
    return render(request, "follow_up/project.html", {"nav": "follow_up", "page": page})


@login_required
def project_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    roles = roles_of(request.user)
    project = None
    if pk is None:
        if not rules.can_add_project(roles):
            raise PermissionDenied
    else:
        project = projects.editable_project(request.user, pk)
        if project is None:
            raise Http404(_("No project has this number."))
        if not rules.can_edit_project(roles, project.owner_id):
            raise PermissionDenied
    programme = current_programme()
    if programme is None:
        raise Http404(_("No programme has been published yet."))
    initial = ProjectForm.initial_for(project) if project else {}
    form = ProjectForm(request.user, programme, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = project_services.save_project(
                actor=request.user,
                content=form.content(is_example=project.is_example if project else False),
                project_id=project.pk if project else None,
            )
        except project_services.ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The project is saved."))
            return redirect("follow_up:project", pk=saved.pk)
    return render(
        request,
        "follow_up/project_edit.html",
        {"nav": "follow_up", "form": form, "project": project},
        status=400 if form.errors else 200,
    )
