"""A fake PxWeb v1 (and small PxWebApi 2.0) server on a real socket, for tests.

See :mod:`tests.fakepxweb.server` for routes, limits and faults, :mod:`tests.fakepxweb.tables`
for table definitions (:func:`make_12r5_table` builds a 421-area x N-month x 23-code table from a
formula) and :mod:`tests.fakepxweb.fixtures` for the ``fake_pxweb`` pytest fixture factory.
"""

from __future__ import annotations

from . import faults
from .clock import FakeClock
from .faults import Fault
from .server import FakePxWebServer, RecordedRequest, start_server
from .tables import (
    NEW_CODES,
    OLD_CODES,
    FakeTable,
    FakeVariable,
    make_12r5_table,
    make_small_table,
    month_codes,
    value_12r5,
)

__all__ = [
    "NEW_CODES",
    "OLD_CODES",
    "FakeClock",
    "FakePxWebServer",
    "FakeTable",
    "FakeVariable",
    "Fault",
    "RecordedRequest",
    "faults",
    "make_12r5_table",
    "make_small_table",
    "month_codes",
    "start_server",
    "value_12r5",
]
