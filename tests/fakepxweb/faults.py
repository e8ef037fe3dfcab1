"""Faults the fake server can inject, and the rules that pick the requests they hit."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .server import RecordedRequest


@dataclass(frozen=True)
class Fault:
    """What to do instead of (or on top of) the normal answer.

    ``status``: answer this status with ``body`` (and ``Retry-After`` when ``retry_after``);
    ``delay``: wait this long before answering (beyond a client timeout = a timeout);
    ``truncate``: declare the full ``Content-Length`` but send half the body, then close;
    ``malformed``: json-stat ``value`` one entry short;
    ``rename``: variable codes renamed in the answer (metadata or data), old -> new.
    """

    status: int | None = None
    body: str = ""
    retry_after: float | None = None
    delay: float = 0.0
    truncate: bool = False
    malformed: bool = False
    rename: Mapping[str, str] | None = None

    def describe(self) -> str:
        parts = [
            f"{name}={value!r}"
            for name, value in self.__dict__.items()
            if value not in (None, "", 0.0, False)
        ]
        return "Fault(" + ", ".join(parts) + ")"


def status(code: int, *, retry_after: float | None = None, body: str = "") -> Fault:
    return Fault(status=code, retry_after=retry_after, body=body or f"HTTP {code}")


def slow(seconds: float) -> Fault:
    return Fault(delay=seconds)


def truncated() -> Fault:
    return Fault(truncate=True)


def malformed_jsonstat() -> Fault:
    return Fault(malformed=True)


def renamed_codes(mapping: Mapping[str, str]) -> Fault:
    return Fault(rename=dict(mapping))


@dataclass
class FaultRule:
    fault: Fault
    calls: frozenset[int]
    when: Callable[[RecordedRequest], bool] | None
    times: int | None
    used: int = field(default=0)

    def matches(self, request: RecordedRequest) -> bool:
        if self.times is not None and self.used >= self.times:
            return False
        if self.calls and request.number not in self.calls:
            return False
        return self.when is None or self.when(request)
