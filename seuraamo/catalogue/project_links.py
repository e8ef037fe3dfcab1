"""The catalogue's services a follow-up project may offer, by key. The follow-up reads this through
`settings.PROJECT_SERVICE_NAMES` (wired in `config`), so neither app imports the other."""

from __future__ import annotations

from seuraamo.catalogue.models import Service, ServiceStatus
from seuraamo.core.translation import localized


def service_names() -> dict[str, str]:
    """Key → name in the active language of every published service."""
    services = (
        Service.objects.filter(status=ServiceStatus.PUBLISHED)
        .only("key", "name_fi", "name_sv", "name_en")
        .order_by("name_fi")
    )
    return {service.key: localized(service, "name").text for service in services}
