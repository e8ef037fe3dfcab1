"""The JSON-lines format of PostgreSQL backups: Django's `jsonl` with times kept to the microsecond
(Django's own encoder cuts them to milliseconds, so a restore would not give back the same rows)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder

FORMAT = "backupjsonl"  # the name in SERIALIZATION_MODULES, and the fixture's file extension


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(jsonl.Serializer):
    def _init_options(self) -> None:
        self.options["cls"] = ExactEncoder
        super()._init_options()  # type: ignore[misc]  # Django's, missing from the stubs


Deserializer = jsonl.Deserializer
