"""The address a request comes from, for sign-in throttling (django-axes calls :func:`client_ip`).

Directly reached: ``REMOTE_ADDR``. Behind a reverse proxy every request comes from the proxy, so
set ``CLIENT_IP_HEADER`` to the header the proxy writes (``X-Forwarded-For``): its last address is
the one the proxy saw, which a client cannot forge (addresses earlier in the header can be).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

#: Stored when a request carries no usable address (Django's test client signing a user in, or a
#: proxy header that is not an address): the throttling table's column accepts only addresses.
UNKNOWN_ADDRESS = "0.0.0.0"


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    header = settings.CLIENT_IP_HEADER
    if header:
        value = request.headers.get(header, "")
        last = _address(value.rsplit(",", 1)[-1])
        if last:
            return last
    return _address(request.META.get("REMOTE_ADDR", "")) or UNKNOWN_ADDRESS
