"""Catalogue and guide pages. Included at the root of each language prefix (/fi/, /sv/, /en/)."""

from __future__ import annotations

from django.urls import path

from seuraamo.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("services/", views.service_list, name="service_list"),
    path("services/providers/", views.providers, name="providers"),
    path("services/guide/", views.guide, name="guide"),
    path("services/guide/demand/", views.guide_demand, name="guide_demand"),
    path("services/editing/", views.editor_services, name="editor_services"),
    path("services/<slug:key>/", views.service, name="service"),
    path("services/<slug:key>/edit/", views.service_edit, name="service_edit"),
]
