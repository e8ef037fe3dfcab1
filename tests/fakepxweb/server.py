"""A real-socket fake PxWeb server (v1 contract, plus a small PxWebApi 2.0 part).

::

    with FakePxWebServer([make_12r5_table(months=24)], max_calls=5, time_window=1) as server:
        client = PxWebClient(server.base_url, timeout=5)
        ...
        assert 429 not in server.statuses()

Routes (v1, as StatFin): ``GET /PxWeb/api/v1/{lang}/?config``, ``GET /PxWeb/api/v1/{lang}/``
(databases), ``GET .../StatFin/`` and ``.../StatFin/{folder}`` (listings),
``GET .../StatFin/{folder}/{id}.px`` (metadata), ``POST`` same (data: json-stat2, json-stat,
json). v2: ``GET /api/v2/config``, ``/api/v2/tables``, ``/api/v2/tables/{id}/metadata``,
``GET|POST /api/v2/tables/{id}/data``.

Limits: a query over ``max_cells`` gets 403; more than ``max_calls`` request arrivals within
``time_window`` seconds (sliding, every request counts) get 429. ``clock`` is injectable.
Faults: :meth:`FakePxWebServer.add_fault` by call number or predicate.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from . import v2
from .faults import Fault, FaultRule
from .responses import (
    QueryError,
    count_selected,
    json_stat1,
    json_stat2,
    pxweb_json,
    rename_codes,
    resolve_v1_query,
    v1_metadata,
)
from .tables import FakeTable

V1_PREFIX = "/pxweb/api/v1/"
V2_PREFIX = "/api/v2/"


@dataclass
class RecordedRequest:
    """One request as the server saw it."""

    number: int
    method: str
    path: str
    query: str
    body: bytes
    started: float
    status: int = 0
    fault: str | None = None
    cells: int | None = None

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


@dataclass
class Answer:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class FakePxWebServer:
    """See the module docstring. ``start()``/``stop()`` or use as a context manager."""

    def __init__(
        self,
        tables: Iterable[FakeTable] = (),
        *,
        max_cells: int = 120_000,
        max_calls: int = 40,
        time_window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        database: str = "StatFin",
        retry_after_on_429: float | None = None,
        serve_config: bool = True,
    ) -> None:
        self.tables: dict[str, FakeTable] = {}
        for table in tables:
            self.add_table(table)
        self.max_cells = max_cells
        self.max_calls = max_calls
        self.time_window = time_window
        self.clock = clock
        self.database = database
        self.retry_after_on_429 = retry_after_on_429
        self.serve_config = serve_config
        self.requests: list[RecordedRequest] = []
        self.faults: list[FaultRule] = []
        self.stopping = threading.Event()
        self._arrivals: deque[float] = deque()
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> FakePxWebServer:
        handler = type("Handler", (_Handler,), {"fake": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> FakePxWebServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return self._httpd.server_address[1]

    @property
    def root_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """v1 database URL with a ``{lang}`` placeholder, as PxWebClient takes it."""
        return f"{self.root_url}/PxWeb/api/v1/{{lang}}/{self.database}/"

    @property
    def v2_base_url(self) -> str:
        return f"{self.root_url}/api/v2/"

    # -- configuration -------------------------------------------------------------------------

    def add_table(self, table: FakeTable) -> None:
        self.tables[table.table_id] = table

    def add_fault(
        self,
        fault: Fault,
        *,
        on_calls: int | Iterable[int] | None = None,
        when: Callable[[RecordedRequest], bool] | None = None,
        times: int | None = None,
    ) -> FaultRule:
        """Inject ``fault`` on request numbers ``on_calls`` (1-based, all requests counted) or
        on requests matching ``when``; at most ``times`` times when given."""
        calls = {on_calls} if isinstance(on_calls, int) else set(on_calls or ())
        rule = FaultRule(fault, frozenset(calls), when, times)
        self.faults.append(rule)
        return rule

    def clear_faults(self) -> None:
        self.faults.clear()

    # -- inspection ----------------------------------------------------------------------------

    def statuses(self) -> list[int]:
        with self._lock:
            return [request.status for request in self.requests]

    def data_requests(self) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.method == "POST" or "/data" in r.path]

    def max_calls_in_any_window(self) -> int:
        """The most request arrivals seen within any ``time_window`` (for pacing checks)."""
        starts = sorted(r.started for r in self.requests)
        most, first = 0, 0
        for last, started in enumerate(starts):
            while started - starts[first] >= self.time_window:
                first += 1
            most = max(most, last - first + 1)
        return most

    # -- request handling (called from handler threads) ---------------------------------------

    def arrive(
        self, method: str, target: str, body: bytes
    ) -> tuple[RecordedRequest, FaultRule | None, bool]:
        """Record a request; return it, the fault to apply and whether the call limit is hit."""
        split = urlsplit(target)
        with self._lock:
            now = self.clock()
            while self._arrivals and self._arrivals[0] <= now - self.time_window:
                self._arrivals.popleft()
            self._arrivals.append(now)
            over_limit = len(self._arrivals) > self.max_calls
            record = RecordedRequest(
                len(self.requests) + 1, method, unquote(split.path), split.query, body, now
            )
            self.requests.append(record)
            rule = next((r for r in self.faults if r.matches(record)), None)
            if rule is not None:
                rule.used += 1
        return record, rule, over_limit

    def route(self, record: RecordedRequest, rule: FaultRule | None) -> Answer:
        try:
            return self._route(record, rule.fault if rule else None)
        except QueryError as error:
            return Answer(error.status, str(error).encode())

    def _route(self, record: RecordedRequest, fault: Fault | None) -> Answer:
        path = record.path
        if path.lower().startswith(V1_PREFIX):
            return self._route_v1(record, path[len(V1_PREFIX) :], fault)
        if path.startswith(V2_PREFIX):
            return self._route_v2(record, path[len(V2_PREFIX) :], fault)
        return Answer(404, b"Not Found")

    def _route_v1(self, record: RecordedRequest, rest: str, fault: Fault | None) -> Answer:
        lang, _, rest = rest.partition("/")
        if not rest and record.method == "GET":
            if record.query == "config":
                if not self.serve_config:
                    return Answer(404, b"Not Found")
                return _json(
                    {
                        "maxValues": self.max_cells,
                        "maxCells": self.max_cells,
                        "maxCalls": self.max_calls,
                        "timeWindow": self.time_window,
                        "CORS": True,
                    }
                )
            return _json([{"dbid": self.database, "text": self.database}])
        database, _, rest = rest.partition("/")
        if database != self.database:
            return Answer(404, b"Not Found")
        rest = rest.strip("/")
        if rest.endswith(".px"):
            table = self.tables.get(rest[: -len(".px")])
            if table is None:
                return Answer(400, b"Bad Request")
            if record.method == "POST":
                return self._v1_data(record, table, lang, fault)
            return _json(_apply(v1_metadata(table, lang), fault))
        return self._listing(rest)

    def _listing(self, folder: str) -> Answer:
        if not folder:
            folders = sorted({t.split("/", 1)[0] for t in self.tables if "/" in t})
            return _json([{"id": f, "type": "l", "text": f} for f in folders])
        inside = [t for t in self.tables.values() if t.table_id.startswith(folder + "/")]
        if not inside:
            return Answer(404, b"Not Found")
        return _json(
            [
                {"id": t.v2_id + ".px", "type": "t", "text": t.title, "updated": t.updated}
                for t in inside
            ]
        )

    def _v1_data(
        self, record: RecordedRequest, table: FakeTable, lang: str, fault: Fault | None
    ) -> Answer:
        try:
            body = json.loads(record.body or b"null")
        except ValueError:
            return Answer(400, b"Bad Request: body is not JSON")
        positions, fmt = resolve_v1_query(table, body)
        record.cells = count_selected(table, positions)
        if record.cells > self.max_cells:
            return Answer(403, b"Forbidden: too many cells selected")
        writer = {"json-stat2": json_stat2, "json-stat": json_stat1, "json": pxweb_json}[fmt]
        return _json(_apply(writer(table, positions, lang), fault))

    def _route_v2(self, record: RecordedRequest, rest: str, fault: Fault | None) -> Answer:
        lang = _param(record.query, "lang") or "sv"
        parts = rest.strip("/").split("/")
        if parts == ["config"]:
            return _json(v2.v2_config(self.max_cells, self.max_calls, self.time_window))
        if parts == ["tables"]:
            return _json(v2.v2_table_list(list(self.tables.values()), lang))
        if len(parts) != 3 or parts[0] != "tables":
            return Answer(404, b"Not Found")
        table = next((t for t in self.tables.values() if t.v2_id == parts[1]), None)
        if table is None:
            return Answer(404, b"Non-existent table")
        if parts[2] == "metadata":
            return _json(_apply(v2.v2_metadata(table, lang), fault))
        if parts[2] != "data":
            return Answer(404, b"Not Found")
        positions = v2.v2_positions(table, record.query, record.body or None)
        record.cells = count_selected(table, positions)
        if record.cells > self.max_cells:
            return Answer(403, b"Too many cells selected")
        return _json(_apply(json_stat2(table, positions, lang), fault))


def _apply(document: Any, fault: Fault | None) -> Any:
    """Body-level faults: renamed variable codes, malformed json-stat."""
    if fault is None:
        return document
    if fault.rename:
        document = rename_codes(document, fault.rename)
    if fault.malformed and isinstance(document, dict) and isinstance(document.get("value"), list):
        document["value"] = document["value"][:-1]
    return document


def _json(document: Any) -> Answer:
    return Answer(
        200,
        json.dumps(document, ensure_ascii=False).encode("utf-8"),
        {"Content-Type": "application/json; charset=utf-8"},
    )


def _param(query: str, name: str) -> str | None:
    for part in query.split("&"):
        key, _, value = part.partition("=")
        if key == name:
            return unquote(value)
    return None


class _Handler(BaseHTTPRequestHandler):
    fake: FakePxWebServer

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self._handle("GET")

    def do_POST(self) -> None:  # noqa: N802 - http.server naming
        self._handle("POST")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence
        return

    def _handle(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        record, rule, over_limit = self.fake.arrive(method, self.path, body)
        fault = rule.fault if rule else None
        if over_limit:
            headers = {}
            if self.fake.retry_after_on_429 is not None:
                headers["Retry-After"] = f"{self.fake.retry_after_on_429:g}"
            self._send(record, Answer(429, b"Too Many Requests", headers))
            return
        if fault is not None:
            record.fault = fault.describe()
            if fault.delay:
                self.fake.stopping.wait(fault.delay)
            if fault.status is not None:
                headers = {}
                if fault.retry_after is not None:
                    headers["Retry-After"] = f"{fault.retry_after:g}"
                self._send(record, Answer(fault.status, fault.body.encode(), headers))
                return
        answer = self.fake.route(record, rule)
        self._send(record, answer, truncate=bool(fault and fault.truncate))

    def _send(self, record: RecordedRequest, answer: Answer, truncate: bool = False) -> None:
        record.status = answer.status
        try:
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body[: len(answer.body) // 2] if truncate else answer.body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def start_server(tables: Sequence[FakeTable] = (), **options: Any) -> FakePxWebServer:
    """Create and start a server (stop it with ``.stop()``)."""
    return FakePxWebServer(tables, **options).start()
