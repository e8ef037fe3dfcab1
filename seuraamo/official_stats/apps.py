from django.apps import AppConfig


class OfficialStatsConfig(AppConfig):
    name = "seuraamo.official_stats"
    label = "official_stats"
