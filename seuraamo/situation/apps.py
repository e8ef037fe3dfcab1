from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "seuraamo.situation"
    label = "situation"
