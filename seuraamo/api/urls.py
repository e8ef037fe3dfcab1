"""The read-only data API at /api/ (outside the language prefixes)."""

from __future__ import annotations

from django.urls import path, re_path

from seuraamo.api import views

app_name = "api"
urlpatterns = [
    path("", views.index, name="index"),
    path("observations", views.observations, name="observations"),
    path("tables", views.tables, name="tables"),
    path("areas", views.areas, name="areas"),
    path("openapi.json", views.openapi_document, name="openapi"),
    path("docs", views.docs, name="docs"),
    re_path(r"^(?P<path>.*)$", views.not_found, name="not_found"),
]
