"""Import services from Suomi.fi Palvelutietovaranto (PTV, API v11) into the catalogue.

Reads a file (one service, a list, an object keyed by id, or a v11 page with `itemList`) or the paged
API (`…/Service/list/area/Municipality/code/285?page=1`, following `pageCount`). Keeps the services
that are published and serve one of the chosen municipalities (or are nationwide), and maps PTV's own
fields — names, summaries, descriptions, languages, municipalities, responsible and producing
organisations — onto the catalogue. With a channel source (`--channels`, a file or the paged
`ServiceChannel/list/area/…` API) the services' channels come too (`channels.py`). Locally curated fields (level, eligibility, programme links,
status, verification) are never touched by a re-import, so the import is idempotent and keeps editors'
work. New services come in as drafts. A service imported earlier but missing now is marked outdated,
not deleted; if that would hit more than a fifth of the PTV services (a broken or partial source), the
import stops unless removals are allowed. One transaction: all or nothing. Every service and channel
the import creates, changes or marks outdated gets an audit event (no actor: the import), which also
tells the page cache that the data changed, and a changed service's version rises, so an editor's
form opened before the import cannot overwrite it."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from seuraamo.areas.region import MUNICIPALITIES
from seuraamo.catalogue.models import Service, ServiceLevel, ServiceStatus
from seuraamo.catalogue.ptv import channels as ptv_channels
from seuraamo.catalogue.services import refresh_search_text
from seuraamo.core.audit import record_change, snapshot
from seuraamo.core.data_version import bump_data_version
from seuraamo.organisations.models import Organisation, OrganisationKind

MAX_PAGES = 200
TIMEOUT_SECONDS = 30
REMOVAL_SHARE_LIMIT = 0.2
LANGUAGES = ("fi", "sv", "en")


class PtvImportError(Exception):
    """Bad input or a failed fetch: the message names the source and the place."""


@dataclass
class PtvImportResult:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped: int = 0
    outdated: int = 0
    channels: ptv_channels.ChannelCounts | None = None


def read_source(source: str) -> list[tuple[str, dict]]:
    """(where, service) pairs from a file or the paged API."""
    if source.startswith(("http://", "https://")):
        return _read_pages(source)
    path = Path(source)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PtvImportError(f"{source}: file not found") from None
    except json.JSONDecodeError as error:
        raise PtvImportError(f"{path.name}:{error.lineno}: not valid JSON: {error.msg}") from None
    return [(f"{path.name}:{where}", item) for where, item in _items(data, path.name)]


def _items(data: Any, name: str) -> list[tuple[str, Any]]:
    if isinstance(data, dict) and isinstance(data.get("itemList"), list):
        return [(f"itemList[{index}]", item) for index, item in enumerate(data["itemList"])]
    if isinstance(data, list):
        return [(f"[{index}]", item) for index, item in enumerate(data)]
    if isinstance(data, dict) and ("serviceNames" in data or "serviceChannelNames" in data):
        return [("", data)]
    if isinstance(data, dict):
        return [(f"[{key}]", item) for key, item in data.items() if not key.startswith("_")]
    raise PtvImportError(f"{name}: expected a PTV service, a list or a page of services")


def _read_pages(url: str) -> list[tuple[str, dict]]:
    found: list[tuple[str, dict]] = []
    page, page_count = 1, 1
    while page <= page_count:
        page_url = _with_page(url, page)
        try:
            with urllib.request.urlopen(page_url, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - http(s) only
                body = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            raise PtvImportError(f"{page_url}: the PTV API answered HTTP {error.code}") from None
        except (urllib.error.URLError, TimeoutError) as error:
            raise PtvImportError(f"{page_url}: no answer from the PTV API ({error})") from None
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise PtvImportError(f"{page_url}: the answer is not JSON") from None
        if not isinstance(body, dict) or not isinstance(body.get("itemList"), list):
            raise PtvImportError(f"{page_url}: no itemList in the answer")
        page_count = body.get("pageCount")
        if not isinstance(page_count, int) or page_count < 0 or page_count > MAX_PAGES:
            raise PtvImportError(f"{page_url}: pageCount {page_count!r} is not a page count")
        found += [(f"{page_url} itemList[{i}]", item) for i, item in enumerate(body["itemList"])]
        page += 1
    return found


def _with_page(url: str, page: int) -> str:
    parts = urllib.parse.urlsplit(url)
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k != "page"]
    query.append(("page", str(page)))
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def _texts(items: Iterable[dict], kind: str) -> dict[str, str]:
    return {
        item.get("language"): str(item.get("value") or "")
        for item in items or []
        if item.get("type") == kind and item.get("language") in LANGUAGES
    }


def _municipality_codes(service: dict) -> list[str]:
    codes: list[str] = []
    for area in service.get("areas") or []:
        for municipality in area.get("municipalities") or []:
            code = str(municipality.get("code") or "")
            if code.isdigit():
                code = f"KU{int(code):03d}"
                if code not in codes:
                    codes.append(code)
    return codes


def import_ptv(
    items: list[tuple[str, dict]],
    municipalities: Iterable[str] = MUNICIPALITIES,
    allow_removals: bool = False,
    channels: list[tuple[str, dict]] | None = None,
) -> PtvImportResult:
    """Import `items`; with `channels` (None: leave channels alone) also their connected channels."""
    wanted = set(municipalities)
    result = PtvImportResult()
    if channels is not None:
        result.channels = ptv_channels.ChannelCounts()
    seen: set[uuid.UUID] = set()
    with translation.override("en"), transaction.atomic():
        for where, item in items:
            if not isinstance(item, dict):
                raise PtvImportError(f"{where}: expected a service object")
            ptv_id = _uuid(item.get("id"), f"{where}.id")
            if item.get("publishingStatus", "Published") != "Published":
                result.skipped += 1
                continue
            nationwide = str(item.get("areaType", "")).startswith("Nationwide")
            codes = [code for code in _municipality_codes(item) if code in wanted]
            if not nationwide and not codes:
                result.skipped += 1
                continue
            seen.add(ptv_id)
            outcome = _upsert(item, ptv_id, nationwide, codes, where)
            setattr(result, outcome, getattr(result, outcome) + 1)
            if channels is not None and result.channels is not None:
                service = Service.objects.get(ptv_id=ptv_id)
                connected = ptv_channels.connections(item, channels)
                try:
                    ptv_channels.sync_channels(service, connected, result.channels)
                except ptv_channels.PtvChannelError as error:
                    raise PtvImportError(str(error)) from None
        _mark_missing(seen, allow_removals, result)
        bump_data_version()  # goal and organisation pages list the services
    return result


def _uuid(value: object, where: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise PtvImportError(f"{where}: {str(value)[:40]!r} is not a PTV id (UUID)") from None


def _organisation(reference: dict, where: str) -> Organisation:
    organisation_id = _uuid(
        (reference.get("organization") or {}).get("id"), f"{where}.organization.id"
    )
    key = f"ptv-{organisation_id}"
    existing = Organisation.objects.filter(key=key).first()
    if existing:
        return existing
    name = str((reference.get("organization") or {}).get("name") or "")
    if not name:
        raise PtvImportError(f"{where}.organization.name: missing")
    kind = (
        OrganisationKind.MUNICIPALITY
        if name.lower().endswith(("kunta", "kaupunki"))
        else OrganisationKind.ASSOCIATION
    )
    organisation = Organisation(
        key=key,
        name_fi=name[:200],
        kind=kind,
        notes=f"Imported from PTV (organisation {organisation_id}); kind guessed from the name: check.",
    )
    organisation.save()
    return organisation


def _upsert(item: dict, ptv_id: uuid.UUID, nationwide: bool, codes: list[str], where: str) -> str:
    names = _texts(item.get("serviceNames"), "Name")
    if not names.get("fi"):
        raise PtvImportError(f"{where}.serviceNames: no Finnish name")
    summaries = _texts(item.get("serviceDescriptions"), "Summary")
    descriptions = _texts(item.get("serviceDescriptions"), "Description")
    roles = [(i, ref) for i, ref in enumerate(item.get("organizations") or [])]
    responsible = [ref for _i, ref in roles if ref.get("roleType") == "Responsible"]
    if not responsible:
        raise PtvImportError(f"{where}.organizations: no Responsible organisation")
    fields: dict[str, Any] = {
        "responsible": _organisation(responsible[0], f"{where}.organizations"),
        "nationwide": nationwide,
        "municipalities": [] if nationwide else codes,
        "languages": [code for code in item.get("languages") or [] if len(str(code)) == 2],
    }
    for language in LANGUAGES:
        fields[f"name_{language}"] = names.get(language, "")[:200]
        fields[f"summary_{language}"] = summaries.get(language, "")[:300]
        fields[f"description_{language}"] = descriptions.get(language, "")
    producers = {
        _organisation(ref, f"{where}.organizations[{i}]").pk
        for i, ref in roles
        if ref.get("roleType") == "Producer"
    }
    service = Service.objects.filter(ptv_id=ptv_id).first()
    outcome = "unchanged"
    if service is None:
        service = Service(
            key=f"ptv-{ptv_id}",
            ptv_id=ptv_id,
            level=ServiceLevel.BASIC,
            status=ServiceStatus.DRAFT,
            notes="Imported from PTV: set the level and eligibility, then publish.",
        )
        outcome = "created"
    elif any(getattr(service, name) != value for name, value in fields.items()) or producers != set(
        service.producers.values_list("pk", flat=True)
    ):
        outcome = "changed"
    if outcome == "unchanged":
        return outcome
    before = snapshot(service) if service.pk else None
    for name, value in fields.items():
        setattr(service, name, value)
    if service.pk:
        service.version += 1
    try:
        service.full_clean(validate_unique=False)
    except ValidationError as error:
        field_name, messages = next(iter(error.message_dict.items()))
        raise PtvImportError(f"{where}.{field_name}: {' '.join(messages)}") from None
    service.save()
    service.producers.set(producers)
    refresh_search_text(service)
    record_change(actor=None, instance=service, before=before, after=snapshot(service))
    return outcome


def _mark_missing(seen: set[uuid.UUID], allow_removals: bool, result: PtvImportResult) -> None:
    imported = Service.objects.filter(ptv_id__isnull=False, key__startswith="ptv-").exclude(
        status=ServiceStatus.OUTDATED
    )
    missing = imported.exclude(ptv_id__in=seen)
    total, gone = imported.count(), missing.count()
    if gone and not allow_removals and gone > REMOVAL_SHARE_LIMIT * total:
        raise PtvImportError(
            f"the source lacks {gone} of the {total} services imported from PTV earlier; "
            "nothing changed (re-run with --allow-removals if they really ended)"
        )
    for service in missing:
        before = snapshot(service)
        service.status = ServiceStatus.OUTDATED
        service.version += 1
        service.save(update_fields=["status", "version"])
        record_change(actor=None, instance=service, before=before, after=snapshot(service))
        result.outdated += 1
