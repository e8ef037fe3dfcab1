"""PxWebApi 2.0 client (Statistics Sweden, Statistics Norway ...), same interface as v1.

Endpoints used (spec github.com/PxTools/PxApiSpecs ``PxAPI-2.yml``):

* ``GET {base}config`` -> ``maxDataCells``, ``maxCallsPerTimeWindow``, ``timeWindow``;
* ``GET {base}tables?query=..&lang=..`` -> paged table list;
* ``GET {base}tables/{id}/metadata?lang=..`` -> json-stat2 shaped metadata;
* ``GET {base}tables/{id}/data?lang=..&outputFormat=json-stat2&valueCodes[VAR]=a,b`` -> data;
  a query whose URL would pass ~2 000 characters is POSTed instead as
  ``{"selection": [{"variableCode": VAR, "valueCodes": [...]}]}``.

StatFin does not serve v2 (404 on 2026-08-29); use :class:`PxWebClient` there.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Mapping, Sequence
from typing import Any

from .client import BaseClient, decode_json, describe_selection, server_limits
from .cube import Cube
from .errors import JsonStatError, PxWebError
from .jsonstat import parse_jsonstat
from .metadata import TableMetadata, parse_v2_metadata
from .transport import Limits

SCB_V2_BASE_URL = "https://api.scb.se/ov0104/v2beta/api/v2/"
SSB_V2_BASE_URL = "https://data.ssb.no/api/pxwebapi/v2/"
MAX_GET_URL_LENGTH = 2000


class PxWebV2Client(BaseClient):
    """PxWebApi 2.0 client; ``fetch``/``metadata``/``query``/``limits`` as in v1."""

    def __init__(self, base_url: str = SCB_V2_BASE_URL, lang: str = "en", **options: Any) -> None:
        super().__init__(base_url, lang, **options)

    def url(self, path: str, **params: str) -> str:
        query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
        return self.base_template + path.lstrip("/") + (f"?{query}" if query else "")

    def table_url(self, table_id: str, lang: str | None = None) -> str:
        """Where the table's data is (the source recorded with each sync run)."""
        return self.url(f"tables/{urllib.parse.quote(table_id)}/data", lang=lang or self.lang)

    def config(self) -> Mapping[str, Any]:
        config = self._get_json(self.url("config"))
        if not isinstance(config, Mapping):
            raise PxWebError("/config did not answer an object")
        return config

    def _read_limits(self) -> Limits:
        config = self.config()
        limits = server_limits(
            config.get("maxDataCells"),
            config.get("maxCallsPerTimeWindow"),
            config.get("timeWindow"),
        )
        if limits is None:
            raise PxWebError(
                f"/config lacks maxDataCells/maxCallsPerTimeWindow/timeWindow: {config}"
            )
        return limits

    def tables(
        self, query: str | None = None, lang: str | None = None, page_size: int = 100
    ) -> list[Mapping[str, Any]]:
        """First page of the table list (``query`` = free-text search)."""
        params = {"lang": lang or self.lang, "pageSize": str(page_size)}
        if query:
            params["query"] = query
        answer = self._get_json(self.url("tables", **params))
        tables = answer.get("tables") if isinstance(answer, Mapping) else None
        if not isinstance(tables, list):
            raise JsonStatError("/tables did not answer {'tables': [...]}")
        return tables

    def metadata(self, table_id: str, lang: str | None = None) -> TableMetadata:
        lang = lang or self.lang
        url = self.url(f"tables/{urllib.parse.quote(table_id)}/metadata", lang=lang)
        document = self._get_json(url, table_id)
        if not isinstance(document, Mapping):
            raise JsonStatError(f"metadata of {table_id}: expected an object")
        try:
            return parse_v2_metadata(document, table_id, lang)
        except JsonStatError as error:
            raise JsonStatError(f"metadata of {table_id}: {error}") from None

    def query(
        self, table_id: str, selection: Mapping[str, Sequence[str]], lang: str | None = None
    ) -> Cube:
        """One data request (GET, or POST when the URL would be too long), parsed."""
        lang = lang or self.lang
        path = f"tables/{urllib.parse.quote(table_id)}/data"
        params = {"lang": lang, "outputFormat": "json-stat2"}
        for code, values in selection.items():
            params[f"valueCodes[{code}]"] = ",".join(_escape_code(v) for v in values)
        url = self.url(path, **params)
        summary = describe_selection(selection)
        if len(url) <= MAX_GET_URL_LENGTH:
            response = self.transport.request("GET", url, table_id=table_id, query=summary)
        else:
            body = {
                "selection": [
                    {"variableCode": code, "valueCodes": list(values)}
                    for code, values in selection.items()
                ]
            }
            response = self.transport.request(
                "POST",
                self.url(path, lang=lang, outputFormat="json-stat2"),
                body=json.dumps(body).encode("utf-8"),
                table_id=table_id,
                query=summary,
            )
        try:
            return parse_jsonstat(decode_json(response, table_id))
        except JsonStatError as error:
            raise JsonStatError(f"table {table_id}: {error}") from None


def _escape_code(code: str) -> str:
    """Codes containing a comma are wrapped in brackets (PxWebApi 2.0 rule)."""
    return f"[{code}]" if "," in code else code
