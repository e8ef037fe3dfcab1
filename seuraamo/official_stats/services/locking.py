"""One statistics sync at a time: :func:`sync_lock`, an exclusive lock on a file in ``DATA_DIR``.

Two syncs at once would share the API's calls-per-window limit without knowing of each other
(HTTP 429) and write the same rows. The lock is ``flock`` on ``DATA_DIR/sync_statistics.lock``:
the operating system releases it when the process ends in any way (even ``kill -9``), so a
crashed sync never leaves a stale lock behind. The file holds the holder's start time and
process id, for the message the second sync prints. It serialises the syncs of one machine
(the supported set-up: one server with its data directory).
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.utils import timezone

LOCK_NAME = "sync_statistics.lock"
_held = threading.local()


class SyncRunningError(Exception):
    """Another sync holds the lock; the message says since when."""


def lock_path() -> Path:
    return Path(settings.DATA_DIR) / LOCK_NAME


@contextmanager
def sync_lock(*, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the sync lock for the block; :class:`SyncRunningError` if another process still
    holds it after ``wait_seconds`` (0: at once, as the sync command wants).

    Re-entrant within a thread: the sync command holds it for all its tables, and each ingest
    takes it again.
    """
    if getattr(_held, "depth", 0):
        _held.depth += 1
        try:
            yield
        finally:
            _held.depth -= 1
        return
    path = lock_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(0.1)
                    continue
                holder = os.pread(descriptor, 200, 0).decode("utf-8", "replace").strip()
                raise SyncRunningError(
                    f"another sync has been running since {holder or 'an unknown time'}; "
                    "try again when it has finished"
                ) from None
        started = timezone.localtime().strftime("%Y-%m-%d %H:%M:%S %Z")
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{started} (process {os.getpid()})".encode(), 0)
        _held.depth = 1
        try:
            yield
        finally:
            _held.depth = 0
            os.ftruncate(descriptor, 0)
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)
