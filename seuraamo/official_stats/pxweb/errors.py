"""Exceptions raised by the PxWeb library. Catch :class:`PxWebError` to catch them all."""

from __future__ import annotations

from seuraamo.transport import HttpRequestError


class PxWebError(Exception):
    """Base class of every error this library raises."""


class JsonStatError(PxWebError):
    """A response or file is structurally invalid (json-stat, PxWeb json, CSV or metadata).

    The message names the offending part precisely, e.g. ``value has 9 entries but the sizes
    [2, 5] give 10 cells``.
    """


class TableChangedError(PxWebError):
    """The table's variables in a data response differ from the metadata the query was built on.

    StatFin renamed variable codes on 8 June 2026 (``Kuukausi`` -> ``timeperiod_m``); a data answer
    whose dimension ids do not match the metadata means the table changed under us. Re-read the
    metadata and plan again.
    """


class PxWebRequestError(PxWebError, HttpRequestError):
    """An HTTP request failed for good (after the retries allowed, or at once for 400/403/404),
    or its answer is not JSON. Also an :class:`~seuraamo.transport.HttpRequestError`."""

    def __init__(
        self,
        message: str,
        *,
        url: str,
        table_id: str | None = None,
        query: str | None = None,
        status: int | None = None,
        body: str = "",
        attempts: int = 1,
    ) -> None:
        super().__init__(message, url=url, status=status, body=body, attempts=attempts)
        self.table_id = table_id
        self.query = query
