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
    path("service_at_locations", hsds_views.service_at_locations, name="service_at_locations"),
    path(
        "service_at_locations/<str:id>",
        hsds_views.service_at_location,
        name="service_at_location",
    ),
    path("taxonomies", hsds_views.taxonomies, name="taxonomies"),
    path("taxonomies/<str:id>", hsds_views.taxonomy, name="taxonomy"),
    path("taxonomy_terms", hsds_views.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:id>", hsds_views.taxonomy_term, name="taxonomy_term"),
]
