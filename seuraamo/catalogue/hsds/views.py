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

from seuraamo.catalogue.hsds import mapping, selectors
from seuraamo.catalogue.hsds.mapping import Record

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


def _service(service: Any, language: str) -> Record:
    return mapping.service_record(selectors.service_facts(service, language), language)


def _organisation(organisation: Any, language: str) -> Record:
    return mapping.organisation_record(selectors.organisation_facts(organisation, language))


def _location(channel: Any, language: str) -> Record:
    return mapping.service_at_location_record(selectors.location_facts(channel, language))


def _taxonomy(key: str, _language: str) -> Record:
    return mapping.taxonomy_record(key)


def _term(code: tuple[str, object], language: str) -> Record:
    return mapping.taxonomy_term_record(selectors.term(*code, language), language)


@require_safe
def services(request: HttpRequest) -> JsonResponse:
    return _page(request, list(selectors.exported_services()), _service)


@require_safe
def service(request: HttpRequest, id: str) -> JsonResponse:  # noqa: A002 - the HSDS path name
    return _one(
        request, list(selectors.exported_services()), "service", lambda s: s.key, _service, id
    )


@require_safe
def organizations(request: HttpRequest) -> JsonResponse:
    return _page(request, list(selectors.exported_organisations()), _organisation)


@require_safe
def organization(request: HttpRequest, id: str) -> JsonResponse:  # noqa: A002 - the HSDS path name
    return _one(
        request,
        list(selectors.exported_organisations()),
        "organization",
        lambda o: o.key,
        _organisation,
        id,
    )


@require_safe
def service_at_locations(request: HttpRequest) -> JsonResponse:
    return _page(request, list(selectors.exported_locations()), _location)


@require_safe
def service_at_location(request: HttpRequest, id: str) -> JsonResponse:  # noqa: A002
    return _one(
        request,
        list(selectors.exported_locations()),
        "service_at_location",
        lambda channel: channel.pk,
        _location,
        id,
    )


@require_safe
def taxonomies(request: HttpRequest) -> JsonResponse:
    return _page(request, list(mapping.TAXONOMIES), _taxonomy)


@require_safe
def taxonomy(request: HttpRequest, id: str) -> JsonResponse:  # noqa: A002
    return _one(request, list(mapping.TAXONOMIES), "taxonomy", str, _taxonomy, id)


@require_safe
def taxonomy_terms(request: HttpRequest) -> JsonResponse:
    codes = selectors.term_codes()
    wanted = request.GET.get("taxonomy_id")
    if wanted is not None:
        known = {mapping.hsds_id("taxonomy", key): key for key in mapping.TAXONOMIES}
        if wanted not in known:
            return _json({"error": f"taxonomy_id: no taxonomy has the id {wanted[:40]!r}"}, 400)
        codes = [code for code in codes if code[0] == known[wanted]]
    return _page(request, codes, _term)


@require_safe
def taxonomy_term(request: HttpRequest, id: str) -> JsonResponse:  # noqa: A002
    return _one(
        request,
        selectors.term_codes(),
        "taxonomy_term",
        lambda code: f"{code[0]}:{code[1]}",
        _term,
        id,
    )
