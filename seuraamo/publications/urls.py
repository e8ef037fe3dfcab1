"""The analysts' pages of barometers and publications, under each language prefix
(/fi/publications/...)."""

from __future__ import annotations

from django.urls import path

from seuraamo.publications import views

app_name = "publications"
urlpatterns = [
    path("", views.register, name="register"),
    path("figures/new/", views.figure_form, name="figure_new"),
    path("figures/<int:pk>/", views.figure, name="figure"),
    path("figures/<int:pk>/edit/", views.figure_form, name="figure_edit"),
    path("figures/<int:pk>/withdraw/", views.figure_withdraw, name="figure_withdraw"),
    path("assessments/new/", views.assessment_form, name="assessment_new"),
    path("assessments/<int:pk>/", views.assessment, name="assessment"),
    path("assessments/<int:pk>/edit/", views.assessment_form, name="assessment_edit"),
    path("assessments/<int:pk>/withdraw/", views.assessment_withdraw, name="assessment_withdraw"),
]
