"""Import Open Referral HSDS 3.0 services into the catalogue, in one transaction: every record is
checked against the official service schema (:mod:`.reading`) and the catalogue's own rules before
anything is written, and the first problem stops the import with `FILE:path: message`.

Imported services are drafts: HSDS has no service level and names areas in free text, so an editor
sets the level and municipalities and publishes. The level and target groups are read back from
`attributes` that link to this profile's taxonomy terms (an export of this catalogue); other
taxonomies are ignored. A service already imported (same HSDS id) is updated and its channels
replaced."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation

from seuraamo.catalogue.guide import municipality_names
from seuraamo.catalogue.hsds import reading, selectors
from seuraamo.catalogue.hsds.mapping import hsds_id
from seuraamo.catalogue.hsds.reading import HsdsImportError
from seuraamo.catalogue.models import Channel, ChannelKind, Service, ServiceLevel, ServiceStatus
from seuraamo.catalogue.services import refresh_search_text
from seuraamo.core.audit import record_change, snapshot
from seuraamo.core.data_version import bump_data_version
from seuraamo.organisations.models import Organisation, OrganisationKind


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    organisations_created: int = 0
    warnings: list[str] = field(default_factory=list)


def import_hsds(path: Path, language: str = "fi") -> ImportResult:
    batches = reading.read_document(path, language)
    with translation.override("en"), transaction.atomic():
        importer = _Importer(path.name)
        for batch in batches:
            importer.organisations_in_file.update(
                {item.get("id"): item for item in batch.organisations if isinstance(item, dict)}
            )
            for index, record in enumerate(batch.services):
                importer.service(record, batch.language, f"{path.name}:{batch.prefix}[{index}]")
        for key, service in importer.touched.items():
            refresh_search_text(service)
            # Audited (no actor: the import), which also tells the page cache the data changed.
            before = importer.before.get(key)
            record_change(actor=None, instance=service, before=before, after=snapshot(service))
            for channel in service.channels.all():
                record_change(actor=None, instance=channel, before=None, after=snapshot(channel))
        bump_data_version()  # goal and organisation pages list the services
    return importer.result


class _Importer:
    def __init__(self, name: str) -> None:
        self.name = name
        self.result = ImportResult()
        self.organisations_in_file: dict[str, dict] = {}
        self.touched: dict[str, Service] = {}
        self.before: dict[str, dict[str, object]] = {}  # stored services as they were
        self.known_by_hsds_id: dict[str, Organisation] = {}
        self.profile_terms = selectors.profile_terms()
        for organisation in Organisation.objects.all():
            self.known_by_hsds_id[hsds_id("organization", organisation.key)] = organisation
            if organisation.key.startswith("hsds-"):  # imported before: keyed by its own HSDS id
                self.known_by_hsds_id[organisation.key.removeprefix("hsds-")] = organisation

    @staticmethod
    def _validate(instance: models.Model, where: str, exclude: list[str] | None = None) -> None:
        try:
            instance.full_clean(exclude=exclude, validate_unique=False)
        except ValidationError as error:
            field_name, messages = next(iter(error.message_dict.items()))
            raise HsdsImportError(f"{where}.{field_name}: {' '.join(messages)}") from None

    def organisation(self, record: dict, where: str) -> Organisation:
        nested = record.get("organization")
        organisation_id = (nested or {}).get("id") or record.get("organization_id")
        if not organisation_id:
            raise HsdsImportError(
                f"{where}.organization_id: missing; the catalogue needs the provider"
            )
        if organisation_id in self.known_by_hsds_id:
            return self.known_by_hsds_id[organisation_id]
        source = nested or self.organisations_in_file.get(organisation_id)
        if source is None:
            raise HsdsImportError(
                f"{where}.organization_id: no organisation {organisation_id} in the file or the catalogue"
            )
        legal = str(source.get("legal_status", "")).lower()
        company = any(word in legal for word in ("company", "ltd", "inc", "oy"))
        organisation = Organisation(
            key=f"hsds-{organisation_id}",
            name_fi=str(source.get("name", ""))[:200],
            kind=OrganisationKind.COMPANY if company else OrganisationKind.ASSOCIATION,
            website=source.get("website") or "",
            notes=f"Imported from HSDS ({self.name}); kind guessed from legal_status {legal!r}: check.",
        )
        self._validate(organisation, f"{where}.organization")
        organisation.save()
        record_change(actor=None, instance=organisation, before=None, after=snapshot(organisation))
        self.known_by_hsds_id[organisation_id] = organisation
        self.result.organisations_created += 1
        return organisation

    def service(self, record: dict, language: str, where: str) -> None:
        key = f"hsds-{record['id']}"
        service = self.touched.get(key) or Service.objects.filter(key=key).first()
        is_new = service is None
        if service is not None and key not in self.touched:
            self.before[key] = snapshot(service)
            service.version += 1
        if service is None:
            service = Service(
                key=key,
                level=ServiceLevel.BASIC,
                status=ServiceStatus.DRAFT,
                notes=f"Imported from HSDS ({self.name}): set the level and municipalities, then publish.",
            )
        service.responsible = self.organisation(record, where)
        setattr(service, f"name_{language}", record["name"][:200])
        setattr(service, f"description_{language}", record.get("description", ""))
        if not service.name_fi:
            service.name_fi = record["name"][:200]
        for hsds_field, own in (("minimum_age", "min_age"), ("maximum_age", "max_age")):
            value = record.get(hsds_field)
            if value is not None and (not float(value).is_integer() or value < 0):
                raise HsdsImportError(f"{where}.{hsds_field}: expected whole years, got {value!r}")
            setattr(service, own, None if value is None else int(value))
        service.eligibility_note = record.get("eligibility_description", service.eligibility_note)
        service.cost = record.get("fees_description", service.cost)
        service.languages = sorted(
            {item["code"] for item in record.get("languages", []) if len(item.get("code", "")) == 2}
        )
        service.municipalities = reading.municipalities(record, municipality_names())
        level, groups = reading.profile_attributes(record, self.profile_terms)
        if level is not None:
            service.level = level
        if groups:
            service.target_groups = groups
        if record.get("assured_date"):
            service.last_verified = record["assured_date"]
        service.verified = False
        self._validate(service, where)
        service.save()
        if key not in self.touched:
            for channel in service.channels.all():
                record_change(actor=None, instance=channel, before=snapshot(channel), after=None)
            service.channels.all().delete()
            if is_new:
                self.result.created += 1
            else:
                self.result.updated += 1
        self.touched[key] = service
        self._channels(service, record, language, where)

    def _channels(self, service: Service, record: dict, language: str, where: str) -> None:
        if language != "fi" and service.channels.exists():
            return  # the other language versions of an export carry the same channels
        if record.get("url"):
            self._save(
                Channel(service=service, kind=ChannelKind.WEB, url=record["url"]), f"{where}.url"
            )
        for index, phone in enumerate(record.get("phones", [])):
            self._save(
                Channel(service=service, kind=ChannelKind.PHONE, phone=str(phone["number"])[:40]),
                f"{where}.phones[{index}]",
            )
        for index, item in enumerate(record.get("service_at_locations", [])):
            self._location(service, item, f"{where}.service_at_locations[{index}]")

    def _location(self, service: Service, item: dict, where: str) -> None:
        fields, warning = reading.location_fields(item, where)
        if warning:
            self.result.warnings.append(warning)
        self._save(
            Channel(service=service, kind=ChannelKind.LOCATION, **fields), f"{where}.location"
        )

    def _save(self, channel: Channel, where: str) -> None:
        self._validate(channel, where, exclude=["service"])
        channel.save()
