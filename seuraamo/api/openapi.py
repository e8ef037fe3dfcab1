"""The OpenAPI 3.1 description of the read-only data API (served at /api/openapi.json; the human
page /api/docs is rendered from it)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from seuraamo.api.params import CODE_LIST_PATTERN, DEFAULT_LIMIT, MAX_DERIVED_SERIES, MAX_LIMIT
from seuraamo.periods import PERIOD_PATTERN

#: The version of the API this document describes; docs/api.md lists each version's changes.
VERSION = "1.1.0"
#: The day the deprecated names stop answering (docs/api.md, "Deprecated").
REMOVAL_DATE = "2027-06-30"

EXAMPLE = (
    "/api/observations?table=tyonv/12r5&content=TYOTTOMATLOPUSSA,share&area=MK08"
    "&from=2021M01&to=2021M12"
)


_PERIOD = PERIOD_PATTERN.strip("^$")
PERIOD_LIST_PATTERN = f"^{_PERIOD}(,{_PERIOD})*$"


def _codes(
    name: str,
    description: str,
    example: str,
    required: bool = False,
    pattern: str = CODE_LIST_PATTERN,
) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": f"{description} Each code is at most 80 characters.",
        "schema": {"type": "string", "minLength": 1, "pattern": pattern},
        "example": example,
        "style": "form",
        "explode": False,
    }


_TIMEOUT = {
    "description": "The read took longer than the database allows (PostgreSQL's statement "
    "timeout); narrow the query or try again later.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
_ERROR = {
    "description": "A parameter is wrong; the body names it.",
    "content": {
        "application/json": {
            "schema": {"$ref": "#/components/schemas/Error"},
            "example": {
                "error": {
                    "parameter": "from",
                    "message": "'2021-01' is not a period; use 2021M06 (month), 2024Q2 or 2025.",
                }
            },
        }
    },
}

_LANG = {
    "name": "lang",
    "in": "query",
    "description": "Language of labels (JSON `labels`, json-stat2 categories, names). Without "
    "it, the first of fi, sv, en in the Accept-Language header; Finnish by default.",
    "schema": {"type": "string", "enum": ["fi", "sv", "en"]},
}


def document(server_url: str = "/") -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Seuraamo statistics API",
            "version": VERSION,
            "description": (
                "Read-only access to the official statistics stored in Seuraamo: Statistics "
                "Finland's PxWeb tables (employment service statistics tyonv/12r5 and 12ti, "
                "population), by table, content code, area and period, and the statistics Seuraamo "
                "derives from them (e.g. the unemployment share recomputed from its numerator and "
                "denominator). Data: KEHA-keskus, Työnvälitystilasto; Tilastokeskus (CC BY 4.0). "
                "Errors are JSON with the name of the bad parameter. No authentication. "
                f"Deprecated, removed on {REMOVAL_DATE}: `derived_measures` in /api/tables (use "
                "`derived_statistics`) and `measure=` of the situation pages and their chart "
                "downloads (use `statistic=`)."
            ),
            "license": {"name": "Data: CC BY 4.0", "identifier": "CC-BY-4.0"},
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/api/observations": {
                "get": {
                    "operationId": "listObservations",
                    "summary": "Observations filtered by table, content, area and period",
                    "description": (
                        "Stored cells, ordered by table, content, area, extra and period, followed "
                        "by the counts of employment areas (TA04, TA16) that a table has no rows "
                        "for, summed from their member municipalities, then by derived statistics "
                        "(ordered by statistic, area and period). Each list "
                        "parameter takes comma-separated values and may be repeated. At most "
                        f"{MAX_LIMIT} rows per response ({DEFAULT_LIMIT} by default): the "
                        "response says how many rows match (`count`, header `X-Total-Count`) and "
                        'links the next page (`next`, header `Link: <…>; rel="next"`). The format '
                        "is chosen by `format=` or else the Accept header (`text/csv`, "
                        "`application/json-stat+json`); JSON by default. A query that matches "
                        f"more stored cells than one request reads ({settings.API_MAX_CELLS}) "
                        "is refused with a 400 naming a filter to add (area, content, "
                        "from, to); a read stopped by the database's statement timeout answers "
                        "503. Codes may hold any printable character but the comma; give them "
                        "URL-encoded (`extra=100%2B`). Example: " + EXAMPLE
                    ),
                    "parameters": [
                        _codes("table", "Table id(s).", "tyonv/12r5", required=True),
                        _codes(
                            "content",
                            "Content codes (e.g. TYOTTOMATLOPUSSA) and derived statistics: share, "
                            "long_term_share, under25_share, foreign_share, "
                            "vacancies_per_unemployed, and any of these or a content code with the "
                            "suffix _ma12 (12-month moving average), _yoy (change from a year "
                            "earlier) or _yoy_pct. Derived statistics need `area` (at most "
                            f"{MAX_DERIVED_SERIES} area × statistic series). All stored codes if "
                            "omitted.",
                            "TYOTTOMATLOPUSSA,share",
                        ),
                        _codes("area", "Area codes (SSS, MK08, SK082, KU285, TA16 …).", "MK08"),
                        _codes(
                            "extra",
                            "Codes of a table's further dimension (occupation in 12ti). Derived "
                            "statistics of such a table need it (e.g. vacancies_per_unemployed of "
                            "12ti with extra=SSS for all occupations).",
                            "SSS",
                        ),
                        {
                            "name": "from",
                            "in": "query",
                            "description": "First period (inclusive), of the table's own frequency: 2021M01 (monthly, "
                            "months 01–12), 2024Q2 (quarterly) or 2025 (yearly).",
                            "schema": {"type": "string", "pattern": PERIOD_PATTERN},
                            "example": "2021M01",
                        },
                        {
                            "name": "to",
                            "in": "query",
                            "description": "Last period (inclusive), of the same kind as `from`.",
                            "schema": {"type": "string", "pattern": PERIOD_PATTERN},
                            "example": "2021M12",
                        },
                        _codes(
                            "period",
                            "Exact periods: months 01–12 (2021M06), quarters (2024Q2), "
                            "half-years (2024H1) or years (2025).",
                            "2021M06,2022M06",
                            pattern=PERIOD_LIST_PATTERN,
                        ),
                        {
                            "name": "format",
                            "in": "query",
                            "schema": {
                                "type": "string",
                                "enum": ["json", "csv", "json-stat2"],
                                "default": "json",
                            },
                        },
                        _LANG,
                        {
                            "name": "limit",
                            "in": "query",
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": MAX_LIMIT,
                                "default": DEFAULT_LIMIT,
                            },
                        },
                        {
                            "name": "offset",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 0, "default": 0},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "One page of observations.",
                            "headers": {
                                "X-Total-Count": {
                                    "description": "Rows matching the query.",
                                    "schema": {"type": "integer"},
                                },
                                "Link": {
                                    "description": "The next page, when there is one.",
                                    "schema": {"type": "string"},
                                },
                            },
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/ObservationPage"}
                                },
                                "text/csv": {
                                    "schema": {"type": "string"},
                                    "example": "table,content,area,extra,period,value,status,derived\r\n"
                                    "tyonv/12r5,TYOTTOMATLOPUSSA,MK08,,2021M06,9334,,false\r\n",
                                },
                                "application/json-stat+json": {
                                    "schema": {
                                        "type": "object",
                                        "description": "A JSON-stat 2.0 dataset (one table).",
                                    }
                                },
                            },
                        },
                        "400": _ERROR,
                        "503": _TIMEOUT,
                    },
                }
            },
            "/api/tables": {
                "get": {
                    "operationId": "listTables",
                    "summary": "Stored tables, their content codes, periods and derived statistics",
                    "description": (
                        "`derived_measures`, the earlier name of `derived_statistics`, is "
                        f"deprecated and removed on {REMOVAL_DATE}."
                    ),
                    "parameters": [_LANG],
                    "responses": {
                        "200": {
                            "description": "The tables.",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "results": {
                                                "type": "array",
                                                "items": {"$ref": "#/components/schemas/Table"},
                                            }
                                        },
                                    }
                                }
                            },
                        },
                        "400": _ERROR,
                        "503": _TIMEOUT,
                    },
                }
            },
            "/api/areas": {
                "get": {
                    "operationId": "listAreas",
                    "summary": "Areas: whole country, ELY areas, regions, sub-regions, employment "
                    "areas, municipalities",
                    "parameters": [
                        {
                            "name": "level",
                            "in": "query",
                            "description": "Only areas of these levels (comma-separated; "
                            "an empty value is refused).",
                            "schema": {
                                "type": "array",
                                "minItems": 1,
                                "items": {
                                    "type": "string",
                                    "enum": [
                                        "country",
                                        "ely",
                                        "region",
                                        "subregion",
                                        "employment_area",
                                        "municipality",
                                    ],
                                },
                            },
                            "style": "form",
                            "explode": False,
                        },
                        _codes("code", "Only these area codes.", "MK08,KU285"),
                    ],
                    "responses": {
                        "200": {
                            "description": "The areas.",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "results": {
                                                "type": "array",
                                                "items": {"$ref": "#/components/schemas/Area"},
                                            }
                                        },
                                    }
                                }
                            },
                        },
                        "400": _ERROR,
                        "503": _TIMEOUT,
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["parameter", "message"],
                            "properties": {
                                "parameter": {"type": "string"},
                                "message": {"type": "string"},
                            },
                        }
                    },
                },
                "Observation": {
                    "type": "object",
                    "properties": {
                        "table": {"type": "string", "example": "tyonv/12r5"},
                        "content": {"type": "string", "example": "TYOTTOMATLOPUSSA"},
                        "area": {"type": "string", "example": "MK08"},
                        "extra": {"type": "string", "example": ""},
                        "period": {"type": "string", "example": "2021M06"},
                        "value": {"type": ["number", "null"], "example": 9334},
                        "status": {
                            "type": "string",
                            "description": "'...' = suppressed by Statistics Finland; 'no-total' = "
                            "a sum over member municipalities that cannot be formed because a "
                            "member is suppressed; 'missing' = a derived value whose inputs are "
                            "incomplete; '' otherwise.",
                        },
                        "derived": {
                            "type": "boolean",
                            "description": "Computed here: a derived statistic, or an employment "
                            "area's count summed from its member municipalities.",
                        },
                        "labels": {
                            "type": "object",
                            "description": "JSON only: the content, area and further-dimension "
                            "labels in the requested language (the code where none is stored).",
                            "properties": {
                                "content": {"type": "string"},
                                "area": {"type": "string"},
                                "extra": {"type": "string"},
                            },
                        },
                    },
                },
                "ObservationPage": {
                    "type": "object",
                    "properties": {
                        "count": {"type": "integer"},
                        "offset": {"type": "integer"},
                        "limit": {"type": "integer"},
                        "next": {"type": ["string", "null"]},
                        "previous": {"type": ["string", "null"]},
                        "notice": {"type": ["string", "null"]},
                        "results": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Observation"},
                        },
                    },
                },
                "Table": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "title": {"type": "string"},
                        "source": {"type": "string"},
                        "licence": {"type": "string"},
                        "updated_at_source": {"type": ["string", "null"], "format": "date-time"},
                        "last_synced_at": {"type": ["string", "null"], "format": "date-time"},
                        "first_period": {"type": ["string", "null"]},
                        "last_period": {"type": ["string", "null"]},
                        "contents": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "code": {"type": "string"},
                                    "label": {"type": "string"},
                                    "unit": {"type": "string"},
                                },
                            },
                        },
                        "derived_statistics": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "Derived statistics computable from this table's "
                            "stored codes (e.g. share); ask for them as content.",
                        },
                        "derived_measures": {
                            "type": "array",
                            "items": {"type": "string"},
                            "deprecated": True,
                            "description": "The earlier name of derived_statistics; removed "
                            f"on {REMOVAL_DATE}.",
                        },
                    },
                },
                "Area": {
                    "type": "object",
                    "properties": {
                        "code": {"type": "string"},
                        "level": {"type": "string"},
                        "name": {
                            "type": "object",
                            "properties": {
                                "fi": {"type": "string"},
                                "sv": {"type": "string"},
                                "en": {"type": "string"},
                            },
                        },
                        "subregion": {"type": ["string", "null"]},
                        "region": {"type": ["string", "null"]},
                        "member_codes": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "The member areas today (a union area's figures are "
                            "summed from these for every period).",
                        },
                        "memberships": {
                            "type": "array",
                            "description": "Every membership over time; a date of null leaves "
                            "that end open.",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "member": {"type": "string"},
                                    "valid_from": {"type": ["string", "null"], "format": "date"},
                                    "valid_to": {"type": ["string", "null"], "format": "date"},
                                },
                            },
                        },
                    },
                },
            }
        },
    }
