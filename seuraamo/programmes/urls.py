"""Public programme pages. Included at the root of each language prefix (/fi/, /sv/, /en/)."""

from __future__ import annotations

from django.urls import path, register_converter

from seuraamo.programmes import views


class ThemeNumberConverter:
    """Theme numbers as the programme document writes them: 4, 4.3, 4.3.1."""

    regex = r"[0-9]+(?:\.[0-9]+)*"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return str(value)


register_converter(ThemeNumberConverter, "theme_number")

app_name = "programmes"
urlpatterns = [
    path("", views.home, name="home"),
    path("programme/", views.programme, name="programme"),
    path("themes/<theme_number:number>/", views.theme, name="theme"),
    path("goals/<slug:key>/", views.goal, name="goal"),
    path("measures/<slug:key>/edit/", views.measure_edit, name="measure_edit"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<slug:key>/", views.organisation, name="organisation"),
    path("steering-group/", views.steering_group, name="steering_group"),
    path("service-system/", views.service_system, name="service_system"),
    path(
        "service-system/<slug:key>/edit/", views.service_section_edit, name="service_section_edit"
    ),
]
