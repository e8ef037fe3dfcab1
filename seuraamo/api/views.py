"""The read-only data API: thin views over params (checking), selectors (reading) and formats."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.csrf import csrf_exempt

from seuraamo.api import formats, labels, openapi, params, selectors
from seuraamo.areas.models import AreaLevel

CACHE_SECONDS = 300
ENDPOINTS = ("observations", "tables", "areas", "openapi", "docs")


def _error(error: params.ParamError) -> JsonResponse:
    return JsonResponse(
        {"error": {"parameter": error.parameter, "message": error.message}}, status=400
    )


def require_safe(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET and HEAD only; any other method gets a JSON 405 (the API never changes anything, so
    it needs no CSRF check: a POST is refused here rather than by the CSRF middleware)."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = JsonResponse(
                {
                    "error": {
                        "parameter": None,
                        "message": f"{request.method} is not allowed; use GET.",
                    }
                },
                status=405,
            )
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return wrapped


@csrf_exempt
def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Every other path under /api/: a JSON 404 that points at the API description."""
    message = f"/api/{path} does not exist; the API is described at /api/openapi.json."
    return JsonResponse({"error": {"parameter": None, "message": message}}, status=404)


def _cacheable(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    patch_vary_headers(response, ["Accept", "Accept-Language"])
    return response


def _page_url(request: HttpRequest, offset: int) -> str:
    query = request.GET.copy()
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode(safe=',/')}")


@require_safe
def observations(request: HttpRequest) -> HttpResponse:
    try:
        query = params.observation_query(
            request.GET,
            request.headers.get("Accept", ""),
            request.headers.get("Accept-Language", ""),
        )
        if query.format == "json-stat2" and len(query.tables) > 1:
            raise params.ParamError("table", "json-stat2 holds one table; give one table id.")
        page = selectors.observations(query)
    except params.ParamError as error:
        return _error(error)
    last = page.offset + len(page.rows)
    next_url = _page_url(request, last) if page.truncated else None
    previous_url = _page_url(request, max(0, page.offset - page.limit)) if page.offset > 0 else None
    notice = formats.truncation_notice(page) if page.truncated else None
    if query.format == "csv":
        name = query.tables[0].replace("/", "-")
        response: HttpResponse = HttpResponse(
            formats.to_csv(page), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'inline; filename="seuraamo-{name}.csv"'
    elif query.format == "json-stat2":
        dataset = formats.to_jsonstat2(page, query.tables[0], query.language, next_url)
        response = JsonResponse(dataset, json_dumps_params={"ensure_ascii": False})
    else:
        body = {
            "count": page.total,
            "offset": page.offset,
            "limit": page.limit,
            "next": next_url,
            "previous": previous_url,
            "notice": notice,
            "results": labels.with_labels(page.rows, query.tables, query.language),
        }
        response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["X-Total-Count"] = str(page.total)
    if next_url:
        response["Link"] = f'<{next_url}>; rel="next"'
    return _cacheable(response)


def _table_dict(table: selectors.TableSummary) -> dict[str, Any]:
    return {
        "id": table.table_id,
        "title": table.title,
        "source": table.source,
        "licence": table.licence,
        "updated_at_source": table.updated_at_source,
        "last_synced_at": table.last_synced_at,
        "first_period": table.first_period,
        "last_period": table.last_period,
        "contents": [
            {"code": content.code, "label": content.label, "unit": content.unit}
            for content in table.contents
        ],
        "derived_statistics": table.derived_statistics,
        # The earlier name of the same list, kept for clients written against it (deprecated).
        "derived_measures": table.derived_statistics,
    }


@require_safe
def tables(request: HttpRequest) -> HttpResponse:
    try:
        params.check_known(request.GET, ("lang",))
        language = params.language(request.GET, request.headers.get("Accept-Language", ""))
    except params.ParamError as error:
        return _error(error)
    results = [_table_dict(table) for table in selectors.table_summaries(language)]
    return _cacheable(JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False}))


@require_safe
def areas(request: HttpRequest) -> HttpResponse:
    try:
        params.check_known(request.GET, ("level", "code"))
        levels = params.codes(request.GET, "level")
        codes = params.codes(request.GET, "code")
        for level in levels:
            if level not in AreaLevel.values:
                raise params.ParamError(
                    "level", f"{level!r} is not a level; use {', '.join(AreaLevel.values)}."
                )
    except params.ParamError as error:
        return _error(error)
    results = [
        {
            "code": area.code,
            "level": area.level,
            "name": area.names,
            "subregion": area.subregion,
            "region": area.region,
            "member_codes": area.member_codes,
            "memberships": [
                {
                    "member": membership.member,
                    "valid_from": membership.valid_from.isoformat()
                    if membership.valid_from
                    else None,
                    "valid_to": membership.valid_to.isoformat() if membership.valid_to else None,
                }
                for membership in area.memberships
            ],
        }
        for area in selectors.area_summaries(levels, codes)
    ]
    return _cacheable(JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False}))


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """What the API offers, with links."""
    links = {name: request.build_absolute_uri(reverse(f"api:{name}")) for name in ENDPOINTS}
    return _cacheable(JsonResponse({"title": "Seuraamo statistics API", "links": links}))


@require_safe
def openapi_document(request: HttpRequest) -> HttpResponse:
    document = openapi.document(request.build_absolute_uri("/"))
    return _cacheable(JsonResponse(document, json_dumps_params={"ensure_ascii": False}))


@require_safe
def docs(request: HttpRequest) -> HttpResponse:
    document = openapi.document(request.build_absolute_uri("/"))
    operations = [
        {"path": path, **operation["get"]} for path, operation in document["paths"].items()
    ]
    return render(
        request,
        "api/docs.html",
        {
            "document": document,
            "operations": operations,
            "example": openapi.EXAMPLE,
            "schemas_json": json.dumps(document["components"]["schemas"], indent=2),
        },
    )
