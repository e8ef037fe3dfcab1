from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowUpConfig(AppConfig):
    name = "seuraamo.follow_up"
    # The label the app had as `progress`: its database tables (progress_*), migration history,
    # permissions and audit records carry it, and renaming it would mean renaming them all.
    label = "progress"
    verbose_name = _("Half-year follow-up")
