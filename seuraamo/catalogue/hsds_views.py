"""HSDS 3.0 API: /api/hsds/services, /api/hsds/organizations and single records by id, with HSDS
paging (`page`, `per_page`) and the profile's `lang` parameter (fi, sv, en; default fi). Public and
read-only, like the rest of /api/."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from seuraamo.catalogue import hsds

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200


class BadParameterError(ValueError):
    pass


def _positive(request: HttpRequest, name: str, default: int, maximum: int | None = None) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < 1 or (maximum is not None and int(raw) > maximum):
        limit = f" up to {maximum}" if maximum else ""
        raise BadParameterError(f"{name}: expected a whole number from 1{limit}, got {raw[:20]!r}")
    return int(raw)


def _language(request: HttpRequest) -> str:
    language = request.GET.get("lang", "fi")
    if language not in hsds.LANGUAGES:
        raise BadParameterError(f"lang: expected one of fi, sv, en, got {language[:20]!r}")
    return language


def _json(body: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(body, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _page(
    request: HttpRequest, records: list[Any], to_record: Callable[[Any, str], Any]
) -> JsonResponse:
    try:
        language = _language(request)
        page = _positive(request, "page", 1)
        per_page = _positive(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    except BadParameterError as error:
        return _json({"error": str(error)}, status=400)
    total = len(records)
    pages = max(1, math.ceil(total / per_page))
    chunk = records[(page - 1) * per_page : page * per_page]
    return _json(
        {
            "total_items": total,
            "total_pages": pages,
            "page_number": page,
            "size": len(chunk),
            "first_page": page == 1,
            "last_page": page >= pages,
            "empty": not chunk,
            "contents": [to_record(item, language) for item in chunk],
        }
    )


def _one(
    request: HttpRequest,
    records: list[Any],
    kind: str,
    key: Callable[[Any], str],
    to_record: Callable[[Any, str], Any],
    wanted: str,
) -> JsonResponse:
    try:
        language = _language(request)
    except BadParameterError as error:
        return _json({"error": str(error)}, status=400)
    for item in records:
        if hsds.hsds_id(kind, key(item)) == wanted:
            return _json(to_record(item, language))
    return _json({"error": f"no {kind} has the id {wanted[:40]!r}"}, status=404)


@require_safe
def services(request: HttpRequest) -> JsonResponse:
    return _page(request, list(hsds.exported_services()), hsds.service_record)


@require_safe
def service(request: HttpRequest, id: str) -> JsonResponse:  # noqa: A002 - the HSDS path name
    return _one(
        request, list(hsds.exported_services()), "service", lambda s: s.key, hsds.service_record, id
    )


@require_safe
def organizations(request: HttpRequest) -> JsonResponse:
    return _page(request, list(hsds.exported_organisations()), hsds.organisation_record)


@require_safe
def organization(request: HttpRequest, id: str) -> JsonResponse:  # noqa: A002 - the HSDS path name
    return _one(
        request,
        list(hsds.exported_organisations()),
        "organization",
        lambda o: o.key,
        hsds.organisation_record,
        id,
    )
