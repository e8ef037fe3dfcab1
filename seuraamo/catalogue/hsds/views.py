"""HSDS 3.0 API: /api/hsds/services, /organizations, /service_at_locations, /taxonomies and
/taxonomy_terms (with `taxonomy_id`), each also by id, with HSDS paging (`page`, `per_page`) and the
profile's `lang` parameter (fi, sv, en; default fi). Public and read-only, like the rest of /api/.
A service_at_location always comes fully nested (with its location), as `full=true` would give it."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from seuraamo.catalogue.hsds import mapping

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
    if language not in mapping.LANGUAGES:
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
        if mapping.hsds_id(kind, key(item)) == wanted:
            return _json(to_record(item, language))
    return _json({"error": f"no {kind} has the id {wanted[:40]!r}"}, status=404)


@require_safe
def services(request: HttpRequest) -> JsonResponse:
    return _page(request, list(mapping.exported_services()), mapping.service_record)


@require_safe
def service(request: HttpRequest, id: str) -> JsonResponse:  # noqa: A002 - the HSDS path name
    return _one(
        request,
        list(mapping.exported_services()),
        "service",
        lambda s: s.key,
        mapping.service_record,
        id,
    )


@require_safe
def organizations(request: HttpRequest) -> JsonResponse:
    return _page(request, list(mapping.exported_organisations()), mapping.organisation_record)


@require_safe
def organization(request: HttpRequest, id: str) -> JsonResponse:  # noqa: A002 - the HSDS path name
    return _one(
        request,
        list(mapping.exported_organisations()),
        "organization",
        lambda o: o.key,
        mapping.organisation_record,
        id,
    )


@require_safe
def service_at_locations(request: HttpRequest) -> JsonResponse:
    return _page(request, list(mapping.exported_locations()), mapping.service_at_location_record)


@require_safe
def service_at_location(request: HttpRequest, id: str) -> JsonResponse:  # noqa: A002
    return _one(
        request,
        list(mapping.exported_locations()),
        "service_at_location",
        lambda channel: channel.pk,
        mapping.service_at_location_record,
        id,
    )


@require_safe
def taxonomies(request: HttpRequest) -> JsonResponse:
    return _page(request, list(mapping.TAXONOMIES), mapping.taxonomy_record)


@require_safe
def taxonomy(request: HttpRequest, id: str) -> JsonResponse:  # noqa: A002
    return _one(request, list(mapping.TAXONOMIES), "taxonomy", str, mapping.taxonomy_record, id)


def _terms() -> list[tuple[str, object]]:
    return [
        (key, value)
        for key, (_name, _description, choices) in mapping.TAXONOMIES.items()
        for value in choices.values
    ]


def _term_record(term: tuple[str, object], language: str) -> Any:
    return mapping.taxonomy_term_record(term[0], term[1], language)


@require_safe
def taxonomy_terms(request: HttpRequest) -> JsonResponse:
    terms = _terms()
    wanted = request.GET.get("taxonomy_id")
    if wanted is not None:
        known = {mapping.hsds_id("taxonomy", key): key for key in mapping.TAXONOMIES}
        if wanted not in known:
            return _json({"error": f"taxonomy_id: no taxonomy has the id {wanted[:40]!r}"}, 400)
        terms = [term for term in terms if term[0] == known[wanted]]
    return _page(request, terms, _term_record)


@require_safe
def taxonomy_term(request: HttpRequest, id: str) -> JsonResponse:  # noqa: A002
    return _one(
        request, _terms(), "taxonomy_term", lambda term: f"{term[0]}:{term[1]}", _term_record, id
    )
