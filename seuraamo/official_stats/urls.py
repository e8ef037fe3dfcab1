"""The staff data-status page, under each language prefix (/fi/data-status/...)."""

from __future__ import annotations

from django.urls import path

from seuraamo.official_stats import views

app_name = "data_status"
urlpatterns = [
    path("", views.data_status, name="tables"),
    path("runs/<int:pk>/revert/", views.revert, name="revert_run"),
    path("sync/", views.sync_now, name="sync_now"),
]
