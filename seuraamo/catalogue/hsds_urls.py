"""HSDS 3.0 API of the catalogue, at /api/hsds/ (outside the language prefixes)."""

from __future__ import annotations

from django.urls import path

from seuraamo.catalogue import hsds_views

app_name = "hsds"
urlpatterns = [
    path("services", hsds_views.services, name="services"),
    path("services/<str:id>", hsds_views.service, name="service"),
    path("organizations", hsds_views.organizations, name="organizations"),
    path("organizations/<str:id>", hsds_views.organization, name="organization"),
]
