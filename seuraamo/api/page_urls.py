"""The API's documentation as a page of the site, under each language prefix (/fi/open-data/)."""

from __future__ import annotations

from django.urls import path

from seuraamo.api import views

app_name = "open_data"
urlpatterns = [path("open-data/", views.docs, name="docs")]
