"""Django's admin app with Seuraamo's admin site (a module of its own: INSTALLED_APPS imports it
before the models are ready)."""

from django.contrib.admin.apps import AdminConfig


class SeuraamoAdminConfig(AdminConfig):
    """Replaces "django.contrib.admin" in INSTALLED_APPS so `admin.site` is the admin site that
    programme admins may enter too (accounts/admin_site.py)."""

    default_site = "seuraamo.accounts.admin_site.SeuraamoAdminSite"
