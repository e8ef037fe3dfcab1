from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from seuraamo.accounts.views import oidc_callback
from seuraamo.api.health import healthz
from seuraamo.core import errors

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/hsds/", include("seuraamo.catalogue.hsds.urls")),
    path("api/", include("seuraamo.api.urls")),
    path("healthz", healthz, name="healthz"),
    # OpenID Connect providers send people back here: one address to register, for every language.
    path("accounts/oidc/callback/", oidc_callback, name="oidc_callback"),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("seuraamo.accounts.urls")),
    path("follow-up/", include("seuraamo.follow_up.urls")),
    path("data-status/", include("seuraamo.official_stats.urls")),
    path("publications/", include("seuraamo.publications.urls")),
    path("", include("seuraamo.programmes.urls")),
    path("", include("seuraamo.situation.urls")),
    path("", include("seuraamo.catalogue.urls")),
    path("", include("seuraamo.api.page_urls")),
    prefix_default_language=True,
)

# A refusal sends an anonymous visitor to sign in and shows a signed-in user the styled 403; a failure
# renders 500.html in the path's language without the database (seuraamo/core/errors.py). 404s use
# Django's handler with core/templates/404.html.
handler403 = errors.permission_denied
handler500 = errors.server_error
