"""The address a request comes from, for sign-in throttling (django-axes calls :func:`client_ip`).

Directly reached: ``REMOTE_ADDR``. Behind a reverse proxy every request comes from the proxy, so
set ``CLIENT_IP_HEADER`` to the header the proxy writes (``X-Forwarded-For``): its last address is
the one the proxy saw, which a client cannot forge (addresses earlier in the header can be).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    header = settings.CLIENT_IP_HEADER
    if header:
        value = request.headers.get(header, "")
        last = value.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "") or "unknown"
