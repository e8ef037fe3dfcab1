"""The address sign-in throttling records: always a valid address, so no request can make the
throttling table refuse a row (PostgreSQL's inet column accepts only addresses)."""

from __future__ import annotations

from django.test import RequestFactory, override_settings

from seuraamo.core.client_ip import UNKNOWN_ADDRESS, client_ip


def test_the_direct_address() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
    assert client_ip(request) == "192.0.2.7"


@override_settings(CLIENT_IP_HEADER="X-Forwarded-For")
def test_the_proxy_header_last_address_and_garbage_in_it() -> None:
    factory = RequestFactory()
    forwarded = factory.get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 2001:db8::1"
    )
    assert client_ip(forwarded) == "2001:db8::1"
    garbage = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="<script>, unknown")
    assert client_ip(garbage) == "10.0.0.1"


def test_a_request_without_an_address() -> None:
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert client_ip(request) == UNKNOWN_ADDRESS
