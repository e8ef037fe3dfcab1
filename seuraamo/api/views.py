"""The read-only data API: thin views over params (checking), the statistics selectors (reading,
`seuraamo.official_stats.selectors`) and formats (writing)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.csrf import csrf_exempt

from seuraamo.api import docs_text, formats, openapi, params
from seuraamo.official_stats import selectors as statistics

CACHE_SECONDS = 300
ENDPOINTS = ("observations", "tables", "areas", "openapi", "docs")


def _error(error: params.ParamError) -> JsonResponse:
    return JsonResponse(
        {"error": {"parameter": error.parameter, "message": error.message}}, status=400
    )


def bounded(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view's statistics reads in one read transaction with PostgreSQL's statement timeout
    (``settings.API_STATEMENT_TIMEOUT_MS``); a read cancelled by it answers 503 with a message
    saying what to narrow, instead of holding a worker and the database."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        timeout = settings.API_STATEMENT_TIMEOUT_MS
        try:
            with statistics.bounded_reads(timeout):
                return view(request, *args, **kwargs)
        except OperationalError as error:
            if not statistics.is_statement_timeout(error):
                raise
            message = (
                f"the query took longer than {timeout / 1000:g} s and was stopped; narrow it "
                "with area=, content=, from= and to=, or try again later."
            )
            response = JsonResponse({"error": {"parameter": None, "message": message}}, status=503)
            response["Retry-After"] = "60"
            return response

    return wrapped


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
@bounded
def observations(request: HttpRequest) -> HttpResponse:
    try:
        query = params.observation_query(
            request.GET,
            request.headers.get("Accept", ""),
            request.headers.get("Accept-Language", ""),
        )
        if query.format == "json-stat2" and len(query.tables) > 1:
            raise params.ParamError("table", "json-stat2 holds one table; give one table id.")
        checked = params.checked_observation_query(query)
    except params.ParamError as error:
        return _error(error)
    page = statistics.observation_page(
        query.tables,
        contents=checked.contents,
        statistics=checked.statistics,
        areas=query.areas,
        extras=query.extras,
        start=query.start,
        end=query.end,
        periods=query.periods,
        offset=query.offset,
        limit=query.limit,
        per_extra=checked.per_extra,
    )
    last = page.offset + len(page.rows)
    next_url = _page_url(request, last) if page.truncated else None
    previous_url = _page_url(request, max(0, page.offset - page.limit)) if page.offset > 0 else None
    notice = formats.truncation_notice(page) if page.truncated else None
    contents = list(dict.fromkeys(row.content for row in page.rows))
    areas = list(dict.fromkeys(row.area for row in page.rows))
    if query.format == "csv":
        name = query.tables[0].replace("/", "-")
        response: HttpResponse = HttpResponse(
            formats.to_csv(page), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'inline; filename="seuraamo-{name}.csv"'
    elif query.format == "json-stat2":
        labels = statistics.dataset_labels(query.tables[0], contents, areas, query.language)
        dataset = formats.to_jsonstat2(page, query.tables[0], labels, next_url)
        response = JsonResponse(dataset, json_dumps_params={"ensure_ascii": False})
    else:
        extras = list(dict.fromkeys(row.extra for row in page.rows))
        row_labels = statistics.row_labels(query.tables, contents, areas, extras, query.language)
        body = {
            "count": page.total,
            "offset": page.offset,
            "limit": page.limit,
            "next": next_url,
            "previous": previous_url,
            "notice": notice,
            "results": formats.to_json_rows(page, row_labels),
        }
        response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["X-Total-Count"] = str(page.total)
    if next_url:
        response["Link"] = f'<{next_url}>; rel="next"'
    return _cacheable(response)


@require_safe
@bounded
def tables(request: HttpRequest) -> HttpResponse:
    try:
        params.check_known(request.GET, ("lang",))
        language = params.language(request.GET, request.headers.get("Accept-Language", ""))
    except params.ParamError as error:
        return _error(error)
    results = [formats.table_json(table) for table in statistics.table_summaries(language)]
    return _cacheable(JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False}))


@require_safe
@bounded
def areas(request: HttpRequest) -> HttpResponse:
    try:
        params.check_known(request.GET, ("level", "code"))
        levels = params.codes(request.GET, "level")
        codes = params.codes(request.GET, "code")
        params.check_levels(levels)
    except params.ParamError as error:
        return _error(error)
    results = [formats.area_json(area) for area in statistics.area_summaries(levels, codes)]
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
    """The API's documentation in the page's language: /<language>/open-data/ (in the site's
    navigation) and /api/docs (the language of the request)."""
    document = openapi.document(request.build_absolute_uri("/"))
    paragraphs = docs_text.descriptions(settings.API_MAX_CELLS)
    described = docs_text.parameter_descriptions()
    operations = [
        {
            "path": path,
            **operation["get"],
            "summary_text": docs_text.SUMMARIES[operation["get"]["operationId"]],
            "paragraphs": paragraphs[operation["get"]["operationId"]],
            "parameters": [
                {**parameter, "text": described[parameter["name"]]}
                for parameter in operation["get"].get("parameters", [])
            ],
        }
        for path, operation in document["paths"].items()
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
