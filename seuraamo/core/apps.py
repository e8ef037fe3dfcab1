from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "seuraamo.core"
    label = "core"
