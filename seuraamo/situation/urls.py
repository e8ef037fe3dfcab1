"""The labour-market situation picture. Included at the root of each language prefix
(/fi/situation/, /sv/situation/, /en/situation/)."""

from __future__ import annotations

from django.urls import path

from seuraamo.situation import views

app_name = "situation"
urlpatterns = [
    path("situation/", views.situation, name="situation"),
    path("situation/review/", views.review_page, name="review"),
    path(
        "situation/municipalities/<str:code>/",
        views.municipality,
        name="municipality",
    ),
    path("situation/charts/timeseries/", views.timeseries_fragment, name="timeseries_fragment"),
    path(
        "situation/data/<slug:chart>.<str:fmt>",
        views.chart_data,
        name="chart_data",
    ),
]
