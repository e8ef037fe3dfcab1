"""Serve the fake PxWeb v1 API from the command line, to try `seuraamo sync_statistics` by hand:

    .venv/bin/python -m tests.fakepxweb [--months 210] [--start 2009M01] [--fail-on-call N]

It serves a 12r5-like table (421 areas × months × 23 content codes, post-June-2026 variable codes) under
the documented contract (120 000 cells per query, 40 calls per 60 s), prints the base URL and, on
Ctrl-C, a summary of the calls it answered (how many, statuses, most calls in any 60 s window)."""

from __future__ import annotations

import argparse
import signal
import time
from collections import Counter

from tests.fakepxweb import faults
from tests.fakepxweb.server import FakePxWebServer
from tests.fakepxweb.tables import make_12r5_table


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.fakepxweb")
    parser.add_argument("--months", type=int, default=210, help="months from 2009M01 (default 210)")
    parser.add_argument("--start", default="2009M01", help="the first month (default 2009M01)")
    parser.add_argument("--fail-on-call", type=int, help="answer HTTP 503 from this call on")
    options = parser.parse_args()

    signal.signal(signal.SIGTERM, signal.default_int_handler)
    server = FakePxWebServer([make_12r5_table(options.months, start=options.start)]).start()
    if options.fail_on_call:
        server.add_fault(
            faults.status(503),
            when=lambda request, first=options.fail_on_call: request.number >= first,
        )
    print(f"Fake PxWeb API: {server.base_url}", flush=True)  # noqa: T201
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        statuses = Counter(server.statuses())
        print(  # noqa: T201
            f"calls: {len(server.requests)}, data calls: {len(server.data_requests())}, "
            f"statuses: {dict(statuses)}, most calls in any window: {server.max_calls_in_any_window()}"
        )
        server.stop()


if __name__ == "__main__":
    main()
