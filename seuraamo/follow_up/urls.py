"""The half-year follow-up, under each language prefix (/fi/follow-up/...)."""

from __future__ import annotations

from django.urls import path, register_converter

from seuraamo.follow_up import meeting_views, project_views, views
from seuraamo.periods import Frequency, Period


class HalfYearConverter:
    regex = r"[0-9]{4}H[12]"

    def to_python(self, value: str) -> Period:
        return Period.parse(value, Frequency.HALF_YEAR)

    def to_url(self, value: str) -> str:
        return str(value)


register_converter(HalfYearConverter, "half_year")

app_name = "follow_up"
urlpatterns = [
    path("tasks/", views.tasks, name="tasks"),
    path("attention/", views.attention, name="attention"),
    path("rounds/", views.rounds, name="rounds"),
    path("rounds/open/", views.open_round, name="open_round"),
    path("rounds/<half_year:period>/", views.round_dashboard, name="round"),
    # Before round_action, whose <slug:action> would take "attention".
    path("rounds/<half_year:period>/attention/", views.attention, name="round_attention"),
    path(
        "rounds/<half_year:period>/<slug:action>/",
        views.round_action,
        name="round_action",
    ),
    path(
        "rounds/<half_year:period>/report.<slug:fmt>",
        views.compiled_report,
        name="compiled_report",
    ),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/review/", views.report_review, name="report_review"),
    path("reports/<int:pk>/comment/", views.report_comment, name="report_comment"),
    path("contributions/<int:pk>/edit/", views.contribution_edit, name="contribution_edit"),
    path(
        "contributions/<int:pk>/<slug:action>/",
        views.contribution_sign_off,
        name="contribution_sign_off",
    ),
    path("overview/", views.programme_overview, name="overview"),
    path("meetings/", meeting_views.meeting_list, name="meetings"),
    path("meetings/new/", meeting_views.meeting_edit, name="meeting_new"),
    path("meetings/<int:pk>/", meeting_views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", meeting_views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/meeting.pdf", meeting_views.meeting_pdf, name="meeting_pdf"),
    path("meetings/<int:pk>/approve/", meeting_views.meeting_approve, name="meeting_approve"),
    path(
        "meetings/<int:meeting_pk>/decisions/new/",
        meeting_views.decision_edit,
        name="decision_new",
    ),
    path("decisions/", meeting_views.decision_log, name="decisions"),
    path("decisions/<int:pk>/edit/", meeting_views.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/status/", meeting_views.decision_status, name="decision_status"),
    path("projects/", project_views.project_list, name="projects"),
    path("projects/new/", project_views.project_edit, name="project_new"),
    path("projects/<int:pk>/", project_views.project_detail, name="project"),
    path("projects/<int:pk>/edit/", project_views.project_edit, name="project_edit"),
    path("goals/<slug:key>/", views.goal_timeline, name="goal_timeline"),
]
