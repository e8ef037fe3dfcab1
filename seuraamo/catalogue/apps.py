from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "seuraamo.catalogue"
    label = "catalogue"
