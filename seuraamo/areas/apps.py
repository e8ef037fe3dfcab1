from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "seuraamo.areas"
    label = "areas"
