"""PxWeb API v1 client (Statistics Finland's StatFin and other v1 installations), stdlib only.

::

    client = PxWebClient(lang="fi", timeout=30)
    metadata = client.metadata("tyonv/12r5")           # GET {base}tyonv/12r5.px
    cube = client.fetch("tyonv/12r5", {"Alue": ["MK08", "KU285"]}, since="2025M01")
    client.calls                                        # HTTP calls made, retries included

``base_url`` may contain ``{lang}``; the default is
``https://pxdata.stat.fi/PxWeb/api/v1/{lang}/StatFin/``. Limits come from
``GET {api root}/{lang}/?config`` (``maxCells``/``maxValues``, ``maxCalls``, ``timeWindow``) and
fall back to 120 000 cells / 40 calls / 60 s when it cannot be read. Calls are paced by one
:class:`SlidingWindowLimiter` per host per process; a call's slot counts from the end of its
answer (so latency cannot make the server see too many arrivals in a window), plus a small
margin (``pacing_margin`` x the window, default 2 %).
"""

from __future__ import annotations

import json
import re
import time
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard

from seuraamo.transport import (
    HttpRequestError,
    Response,
    RetryPolicy,
    SlidingWindowLimiter,
    shared_limiter,
)

from .cube import Cube
from .errors import JsonStatError, PxWebError, PxWebRequestError
from .fetch import fetch_table
from .jsonstat import parse_jsonstat
from .metadata import Selection, TableMetadata, parse_v1_metadata
from .pxjson import parse_pxweb_json
from .transport import USER_AGENT, Limits, PxWebTransport

DEFAULT_BASE_URL = "https://pxdata.stat.fi/PxWeb/api/v1/{lang}/StatFin/"
DEFAULT_LIMITS = Limits()
_API_ROOT = re.compile(r"^(.*?/api/v1/)([^/]+)/")


@dataclass(frozen=True)
class FolderItem:
    """One entry of a folder listing: a sub-folder (``type == "l"``) or a table (``"t"``)."""

    id: str
    type: str
    text: str
    updated: str | None = None

    @property
    def is_table(self) -> bool:
        return self.type == "t"


class BaseClient:
    """Shared plumbing of the v1 and v2 clients: transport, limiter, limits, JSON decoding."""

    def __init__(
        self,
        base_url: str,
        lang: str,
        *,
        timeout: float = 30.0,
        max_attempts: int = 5,
        backoff_base: float = 1.0,
        backoff_max: float = 60.0,
        limiter: SlidingWindowLimiter | None = None,
        limits: Limits | None = None,
        pacing_margin: float = 0.02,
        sleep: Callable[[float], None] = time.sleep,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.base_template = base_url if base_url.endswith("/") else base_url + "/"
        self.lang = lang
        self.host = urllib.parse.urlsplit(self.base_template.replace("{lang}", lang)).netloc
        self.pacing_margin = pacing_margin
        self._limits = limits
        self._explicit_limiter = limiter
        self.limits_error: str | None = None
        self.transport = PxWebTransport(
            self._limiter,
            timeout=timeout,
            retry=RetryPolicy(max_attempts, backoff_base, backoff_max),
            sleep=sleep,
            user_agent=user_agent,
        )

    @property
    def calls(self) -> int:
        """HTTP calls made by this client, retries included."""
        return self.transport.calls

    @property
    def timeout(self) -> float:
        return self.transport.timeout

    def _limiter(self) -> SlidingWindowLimiter:
        if self._explicit_limiter is not None:
            return self._explicit_limiter
        limits = self._limits or DEFAULT_LIMITS
        window = limits.window_seconds * (1 + self.pacing_margin)
        return shared_limiter(self.host, limits.max_calls, window)

    def limits(self) -> Limits:
        """The server's limits (read once, then cached); defaults if they cannot be read."""
        if self._limits is None:
            try:
                self._limits = self._read_limits()
            except PxWebError as error:
                self.limits_error = str(error)
                self._limits = DEFAULT_LIMITS
        return self._limits

    def _read_limits(self) -> Limits:
        raise NotImplementedError

    def metadata(self, table_id: str, lang: str | None = None) -> TableMetadata:
        """Variables, values and texts of ``table_id``, roles resolved."""
        raise NotImplementedError

    def query(
        self, table_id: str, selection: Mapping[str, Sequence[str]], lang: str | None = None
    ) -> Cube:
        """One data request for ``selection``, parsed."""
        raise NotImplementedError

    def fetch(
        self,
        table_id: str,
        selection: Selection | None = None,
        lang: str | None = None,
        *,
        since: str | None = None,
        languages: Sequence[str] = (),
    ) -> Cube:
        """:func:`fetch_table` with this client."""
        return fetch_table(self, table_id, selection, lang, since=since, languages=languages)

    def _get_json(self, url: str, table_id: str | None = None) -> Any:
        return decode_json(self.transport.request("GET", url, table_id=table_id), table_id)


class PxWebClient(BaseClient):
    """PxWeb API v1 client; see the module docstring."""

    def __init__(self, base_url: str = DEFAULT_BASE_URL, lang: str = "fi", **options: Any) -> None:
        super().__init__(base_url, lang, **options)

    def base_url(self, lang: str | None = None) -> str:
        """The database URL in ``lang`` (``{lang}`` or the ``/api/v1/xx/`` part replaced)."""
        lang = lang or self.lang
        if "{lang}" in self.base_template:
            return self.base_template.format(lang=lang)
        return _API_ROOT.sub(lambda m: f"{m.group(1)}{lang}/", self.base_template, count=1)

    def config_url(self, lang: str | None = None) -> str:
        match = _API_ROOT.match(self.base_url(lang))
        if match is None:
            raise PxWebError(f"cannot find the /api/v1/<lang>/ part in {self.base_template!r}")
        return f"{match.group(1)}{match.group(2)}/?config"

    def table_url(self, table_id: str, lang: str | None = None) -> str:
        path = table_id.strip("/")
        return self.base_url(lang) + (path if path.endswith(".px") else path + ".px")

    def _read_limits(self) -> Limits:
        config = self._get_json(self.config_url())
        if not isinstance(config, Mapping):
            raise PxWebError("?config did not answer an object")
        cells = config.get("maxCells") or config.get("maxValues")
        limits = server_limits(cells, config.get("maxCalls"), config.get("timeWindow"))
        if limits is None:
            raise PxWebError(f"?config lacks maxCells/maxCalls/timeWindow: {config}")
        return limits

    def list_folder(self, path: str = "", lang: str | None = None) -> list[FolderItem]:
        """Entries of a database folder (``""`` = the database root, ``"tyonv"`` ...)."""
        listing = self._get_json(self.base_url(lang) + path.strip("/"))
        if not isinstance(listing, list):
            raise JsonStatError(f"folder {path!r}: expected a list, got {type(listing).__name__}")
        return [
            FolderItem(
                str(item.get("id")),
                str(item.get("type")),
                str(item.get("text", "")),
                item.get("updated"),
            )
            for item in listing
            if isinstance(item, Mapping)
        ]

    def metadata(self, table_id: str, lang: str | None = None) -> TableMetadata:
        """Variables, values and texts of ``table_id`` (e.g. ``"tyonv/12r5"``), roles resolved."""
        lang = lang or self.lang
        document = self._get_json(self.table_url(table_id, lang), table_id)
        if not isinstance(document, Mapping):
            raise JsonStatError(f"metadata of {table_id}: expected an object")
        return parse_v1_metadata(document, table_id, lang)

    def query(
        self,
        table_id: str,
        selection: Mapping[str, Sequence[str]],
        lang: str | None = None,
        *,
        response_format: str = "json-stat2",
        metadata: TableMetadata | None = None,
    ) -> Cube:
        """POST one query (explicit value lists, as planned) and parse the answer.

        ``response_format`` ``"json"`` is parsed with :func:`parse_pxweb_json` (pass
        ``metadata`` for labels and the content variable code).
        """
        response = self.post_query(table_id, selection, lang, response_format=response_format)
        document = decode_json(response, table_id)
        try:
            if response_format == "json":
                return parse_pxweb_json(document, metadata=metadata)
            return parse_jsonstat(document)
        except JsonStatError as error:
            raise JsonStatError(f"table {table_id}: {error}") from None

    def post_query(
        self,
        table_id: str,
        selection: Mapping[str, Sequence[str]],
        lang: str | None = None,
        *,
        response_format: str = "json-stat2",
    ) -> Response:
        """POST one query and return the raw response."""
        body = json.dumps(query_body(selection, response_format)).encode("utf-8")
        return self.transport.request(
            "POST",
            self.table_url(table_id, lang),
            body=body,
            table_id=table_id,
            query=describe_selection(selection),
        )


def server_limits(cells: object, calls: object, window: object) -> Limits | None:
    """The limits a server's configuration gives, or ``None`` unless all three are positive
    numbers."""
    if not (_positive(cells) and _positive(calls) and _positive(window)):
        return None
    return Limits(int(cells), int(calls), float(window), from_server=True)


def _positive(number: object) -> TypeGuard[int | float]:
    return isinstance(number, int | float) and number > 0


def query_body(selection: Mapping[str, Sequence[str]], response_format: str) -> dict[str, Any]:
    """The v1 POST body selecting ``selection`` item by item."""
    return {
        "query": [
            {"code": code, "selection": {"filter": "item", "values": list(values)}}
            for code, values in selection.items()
        ],
        "response": {"format": response_format},
    }


def describe_selection(selection: Mapping[str, Sequence[str]]) -> str:
    """Short form for messages: ``Alue=[MK08,KU285] timeperiod_m=[2009M01..2009M12 (12)]``."""
    parts = []
    for code, values in selection.items():
        if len(values) <= 3:
            shown = ",".join(values)
        else:
            shown = f"{values[0]}..{values[-1]} ({len(values)})"
        parts.append(f"{code}=[{shown}]")
    return " ".join(parts)


def decode_json(response: Response, table_id: str | None = None) -> Any:
    """The JSON of a response; a body that is not JSON raises :class:`PxWebRequestError`."""
    try:
        return response.json()
    except HttpRequestError as error:
        raise PxWebRequestError(
            str(error),
            url=error.url,
            table_id=table_id,
            status=error.status,
            body=error.body,
        ) from None
