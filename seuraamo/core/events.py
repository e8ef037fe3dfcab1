"""Structured events for operators: one JSON object per line on standard error (logger
`seuraamo.events`), for syncs, reminders and report builds. systemd's journal keeps them; `jq`
reads them."""

from __future__ import annotations

import datetime
import json
import logging
from typing import Any

EVENTS = logging.getLogger("seuraamo.events")


def log_event(event: str, *, level: int = logging.INFO, **fields: Any) -> None:
    """Log `event` with its fields, e.g. log_event("statistics_sync_table", table="tyonv/12r5")."""
    EVENTS.log(level, event, extra={"event_fields": fields})


class JsonLinesFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "event": record.getMessage(),
            **getattr(record, "event_fields", {}),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
