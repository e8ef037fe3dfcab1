from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "seuraamo.api"
    label = "api"
