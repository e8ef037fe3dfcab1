"""A real-socket fake of Työvoimabarometri's web interface: it answers ``GET`` of each API path
with the answer a bundle file holds for it (404 for any other path), so a sync runs over real
HTTP against the same answers an import reads. ``unavailable_calls`` makes the first calls answer
503 (the client must retry); ``answers`` may be replaced to serve a changed shape."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit


class FakeBarometerServer:
    def __init__(self, bundle: Path, *, unavailable_calls: int = 0) -> None:
        self.answers: dict[str, Any] = json.loads(bundle.read_text(encoding="utf-8"))["answers"]
        self.unavailable_calls = unavailable_calls
        self.requests: list[tuple[str, int]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                path = unquote(urlsplit(self.path).path)
                with server._lock:
                    number = len(server.requests) + 1
                    if number <= server.unavailable_calls:
                        status, body = 503, b"busy"
                    elif path in server.answers:
                        status = 200
                        body = json.dumps(server.answers[path], ensure_ascii=False).encode()
                    else:
                        status, body = 404, b"not found"
                    server.requests.append((path, status))
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def __enter__(self) -> FakeBarometerServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
