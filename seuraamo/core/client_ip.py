"""The address a request comes from, for sign-in throttling (django-axes calls :func:`client_ip`).

Directly reached: ``REMOTE_ADDR``. Behind a reverse proxy every request comes from the proxy, so
set ``CLIENT_IP_HEADER`` to the header the proxy writes (``X-Forwarded-For``): its last address is
the one the proxy saw, which a client cannot forge (addresses earlier in the header can be).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address, or "" when the request carries none."""
    header = settings.CLIENT_IP_HEADER
    if header:
        value = request.headers.get(header, "")
        last = value.rsplit(",", 1)[-1].strip()
        if last:
            return last
    # No address (Django's force_login, a Unix socket): empty, stored as NULL. A placeholder word
    # would not fit PostgreSQL's inet column of django-axes' access log and the sign-in would fail.
    return request.META.get("REMOTE_ADDR", "")
