from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "seuraamo.dashboards"
    label = "dashboards"
