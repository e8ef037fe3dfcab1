from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/hsds/", include("seuraamo.catalogue.hsds_urls")),
    path("api/", include("seuraamo.api.urls")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("seuraamo.programmes.urls")),
    path("", include("seuraamo.situation.urls")),
    path("", include("seuraamo.catalogue.urls")),
    prefix_default_language=True,
)
