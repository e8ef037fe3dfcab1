from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "seuraamo.publications"
    label = "publications"
    default_auto_field = "django.db.models.BigAutoField"
