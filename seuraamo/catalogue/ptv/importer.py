"""Import services from Suomi.fi Palvelutietovaranto (PTV, API v11) into the catalogue.

The records come from :mod:`.source` (a file or the paged API, read whole before anything is
written) and are read into the catalogue's terms by :mod:`.mapping`. Keeps the services that are
published and serve one of the chosen municipalities (or are nationwide), and writes PTV's own
fields — names, summaries, descriptions, languages, municipalities, responsible and producing
organisations. With a channel source (`--channels`) the services' channels come too
(:mod:`.channels`). Locally curated fields (level, eligibility, programme links, status,
verification) are never touched by a re-import, so the import is idempotent and keeps editors'
work. New services come in as drafts. A service imported earlier but missing now is marked
outdated, not deleted; if that would hit more than a fifth of the PTV services (a broken or partial
source), the import stops unless removals are allowed. One transaction: all or nothing. Every
service and channel the import creates, changes or marks outdated gets an audit event (no actor:
the import), which also tells the page cache that the data changed, and a changed service's
version rises, so an editor's form opened before the import cannot overwrite it."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from seuraamo.areas.region import MUNICIPALITIES
from seuraamo.catalogue.models import Service, ServiceLevel, ServiceStatus
from seuraamo.catalogue.ptv import mapping
from seuraamo.catalogue.ptv.channels import ChannelCounts, sync_channels
from seuraamo.catalogue.ptv.mapping import PtvImportError
from seuraamo.catalogue.services import refresh_search_text
from seuraamo.core.audit import record_change, snapshot
from seuraamo.core.data_version import bump_data_version
from seuraamo.organisations.models import Organisation, OrganisationKind

REMOVAL_SHARE_LIMIT = 0.2


@dataclass
class PtvImportResult:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped: int = 0
    outdated: int = 0
    channels: ChannelCounts | None = None


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
        result.channels = ChannelCounts()
    seen: set[uuid.UUID] = set()
    with translation.override("en"), transaction.atomic():
        for where, item in items:
            if not isinstance(item, dict):
                raise PtvImportError(f"{where}: expected a service object")
            ptv_id = mapping.ptv_id(item.get("id"), f"{where}.id")
            if not mapping.is_published(item):
                result.skipped += 1
                continue
            nationwide = mapping.is_nationwide(item)
            codes = [code for code in mapping.municipality_codes(item) if code in wanted]
            if not nationwide and not codes:
                result.skipped += 1
                continue
            seen.add(ptv_id)
            outcome = _upsert(mapping.service_data(item, where), ptv_id, nationwide, codes, where)
            setattr(result, outcome, getattr(result, outcome) + 1)
            if channels is not None and result.channels is not None:
                service = Service.objects.get(ptv_id=ptv_id)
                sync_channels(service, mapping.connections(item, channels), result.channels)
        _mark_missing(seen, allow_removals, result)
        bump_data_version()  # goal and organisation pages list the services
    return result


def _organisation(reference: mapping.OrganisationRef) -> Organisation:
    existing = Organisation.objects.filter(key=reference.key).first()
    if existing:
        return existing
    if not reference.name:
        raise PtvImportError(f"{reference.where}.organization.name: missing")
    organisation = Organisation(
        key=reference.key,
        name_fi=reference.name[:200],
        kind=OrganisationKind(reference.kind),
        notes=f"Imported from PTV (organisation {reference.id}); kind guessed from the name: check.",
    )
    organisation.save()
    record_change(actor=None, instance=organisation, before=None, after=snapshot(organisation))
    return organisation


def _upsert(
    data: mapping.ServiceData,
    ptv_id: uuid.UUID,
    nationwide: bool,
    codes: list[str],
    where: str,
) -> str:
    fields: dict[str, Any] = {
        "responsible": _organisation(data.responsible),
        "nationwide": nationwide,
        "municipalities": [] if nationwide else codes,
        **data.fields(),
    }
    producers = {_organisation(reference).pk for reference in data.producers}
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
