from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "seuraamo.programmes"
    label = "programmes"
