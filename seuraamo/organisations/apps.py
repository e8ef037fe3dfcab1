from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "seuraamo.organisations"
    label = "organisations"
