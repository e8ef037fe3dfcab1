"""PxWeb client library: fetch and parse official statistics (Statistics Finland's StatFin).

Plain Python (standard library only, no Django; its HTTP is the project's one transport,
:mod:`seuraamo.transport`, plain Python too). Pieces:

* **Parsing** into one representation, :class:`Cube`: :func:`parse_jsonstat` (json-stat 2.0
  dense/sparse, json-stat 1.0 ``{"dataset": ...}`` and bundles), :func:`parse_pxweb_json` (the
  PxWeb v1 ``"format": "json"`` answer), :func:`read_csv_long` (one cell per CSV line) and
  :func:`parse_any`, which detects the shape. :func:`write_jsonstat` (:mod:`.writer`) writes a
  json-stat 2.0 dataset that the parser reads back cell for cell, statuses included. Missing or suppressed cells are ``None`` with their
  status (``"..."``), never zero. Structural problems raise :class:`JsonStatError`.
* **Roles** (:mod:`.roles`): which variable is time / content / area, from metadata flags,
  json-stat roles, variable codes or value codes, so both the pre- and post-8.6.2026 StatFin codes
  (``Kuukausi``/``Tiedot`` vs ``timeperiod_m``/``contentscode``) work.
* **Clients**: :class:`PxWebClient` (PxWeb API v1, StatFin) and :class:`PxWebV2Client`
  (PxWebApi 2.0, SCB/SSB): timeouts, :class:`SlidingWindowLimiter` pacing shared per host,
  retries with backoff honouring ``Retry-After`` (:class:`PxWebRequestError` when they run out),
  limits read from the server's config.
* **Planning** (:func:`plan_queries`): the fewest queries under the cell limit; and
  :func:`fetch_table`, which plans, fetches, checks and merges into one Cube.
* **Errors** all subclass :class:`PxWebError`: :class:`JsonStatError` (a structurally invalid
  body or file), :class:`PxWebRequestError` (HTTP failed for good; has ``status``, ``table_id``,
  ``query``, ``body``, ``attempts``), :class:`TableChangedError` (data variables differ from the
  metadata, e.g. renamed codes).

Typical use::

    from seuraamo.official_stats.pxweb import PxWebClient, fetch_table

    client = PxWebClient(lang="fi", timeout=30)
    cube = fetch_table(client, "tyonv/12r5", {"area": ["MK08", "KU285"]}, since="2025M01",
                       languages=("sv", "en"))
    for cell in cube.iter_role_cells():
        print(cell.area, cell.time, cell.content, cell.value, cell.status)
    cube.dimension("area").category_label("MK08", "sv")   # "Kymmenedalen"

See :mod:`.cube` for the Cube's layout and API.
"""

from __future__ import annotations

from seuraamo.transport import SlidingWindowLimiter, shared_limiter

from .client import DEFAULT_BASE_URL, FolderItem, PxWebClient
from .client_v2 import SCB_V2_BASE_URL, SSB_V2_BASE_URL, PxWebV2Client
from .csvlong import parse_csv_long, read_csv_long
from .cube import Cell, Cube, Dimension, RoleCell, Unit
from .errors import JsonStatError, PxWebError, PxWebRequestError, TableChangedError
from .fetch import fetch_table, fetch_table_pieces
from .jsonstat import parse_jsonstat, parse_jsonstat_bundle
from .metadata import TableMetadata, Variable, add_language, apply_metadata
from .parse import parse_any, read_document
from .plan import QueryPlan, merge_cubes, plan_queries
from .pxjson import parse_pxweb_json
from .roles import Role, resolve_roles
from .transport import Limits
from .writer import OutCell, OutDimension, OutUnit, write_jsonstat

__all__ = [
    "OutCell",
    "OutDimension",
    "OutUnit",
    "write_jsonstat",
    "DEFAULT_BASE_URL",
    "SCB_V2_BASE_URL",
    "SSB_V2_BASE_URL",
    "Cell",
    "Cube",
    "Dimension",
    "FolderItem",
    "JsonStatError",
    "Limits",
    "PxWebClient",
    "PxWebError",
    "PxWebRequestError",
    "PxWebV2Client",
    "QueryPlan",
    "Role",
    "RoleCell",
    "SlidingWindowLimiter",
    "TableChangedError",
    "TableMetadata",
    "Unit",
    "Variable",
    "add_language",
    "apply_metadata",
    "fetch_table",
    "fetch_table_pieces",
    "merge_cubes",
    "parse_any",
    "parse_csv_long",
    "parse_jsonstat",
    "parse_jsonstat_bundle",
    "parse_pxweb_json",
    "plan_queries",
    "read_csv_long",
    "read_document",
    "resolve_roles",
    "shared_limiter",
]
