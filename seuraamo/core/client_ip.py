"""The address a request comes from, for sign-in throttling (django-axes calls :func:`client_ip`).

Directly reached: ``REMOTE_ADDR``. Behind a reverse proxy every request comes from the proxy, so
set ``CLIENT_IP_HEADER`` to the header the proxy writes (``X-Forwarded-For``): its last address is
the one the proxy saw, which a client cannot forge (addresses earlier in the header can be).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's address, or "" when the request carries none."""
    header = settings.CLIENT_IP_HEADER
    if header:
        value = request.headers.get(header, "")
        last = _address(value.rsplit(",", 1)[-1])
        if last:
            return last
    # No usable address (Django's force_login, a Unix socket): empty, stored as NULL. A placeholder
    # word would not fit PostgreSQL's inet column of django-axes' access log and sign-in would fail.
    return _address(request.META.get("REMOTE_ADDR", "")) or ""
