"""Writes to the catalogue: loading the seed into an empty catalogue, an editor's edit of a service
and its channels, and keeping the search columns current. Views and the admin call these; nothing
happens in save() or signals."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone, translation

from seuraamo.accounts.models import User
from seuraamo.catalogue import rules, search
from seuraamo.catalogue.hours import parse_hours_text
from seuraamo.catalogue.models import (
    UNREACHABLE,
    Channel,
    ChannelKind,
    ClientKind,
    GuideDemand,
    GuideRule,
    ImmigrantStatus,
    Service,
    ServiceStatus,
    TargetGroup,
    reachable,
)
from seuraamo.core.audit import record_change, snapshot, stored_snapshot
from seuraamo.core.conflicts import ConflictError
from seuraamo.core.data_version import bump_data_version
from seuraamo.organisations.models import Organisation, OrganisationKind
from seuraamo.programmes.models import Goal, Measure

DATA_DIR = settings.PACKAGE_DIR / "catalogue" / "data"
DRAFT_FILE = DATA_DIR / "kymenlaakso_services_draft.json"
CURATION_FILE = DATA_DIR / "curation.json"
#: A JSON object of the draft or the curation file, its fields checked as they are read.
JsonObject = dict[str, Any]

ORGANISATION_KINDS = {
    "employment_area": OrganisationKind.EMPLOYMENT_AREA,
    "state_agency": OrganisationKind.STATE_AGENCY,
    "state_company": OrganisationKind.COMPANY,
    "wellbeing_county": OrganisationKind.WELLBEING_COUNTY,
    "joint_municipal_authority": OrganisationKind.JOINT_AUTHORITY,
    "municipality": OrganisationKind.MUNICIPALITY,
    "education": OrganisationKind.EDUCATIONAL_INSTITUTION,
    "development_company": OrganisationKind.COMPANY,
    "ngo": OrganisationKind.ASSOCIATION,
}
CHANNEL_KINDS = {
    "web_page": ChannelKind.WEB,
    "e_service": ChannelKind.E_SERVICE,
    "service_location": ChannelKind.LOCATION,
    "phone": ChannelKind.PHONE,
    "email": ChannelKind.EMAIL,
}
HOURS_TO_CHECK = "Opening hours to check: "
# PTV target-group codes and service classes that say whom a service is for.
TARGET_GROUPS_BY_CODE = {
    "KR1.3": TargetGroup.YOUNG_PEOPLE,
    "P28.5": TargetGroup.YOUNG_PEOPLE,
    "KR2": TargetGroup.COMPANIES,
    "P11": TargetGroup.COMPANIES,
    "P12": TargetGroup.COMPANIES,
    "P15": TargetGroup.COMPANIES,
    "P4.11": TargetGroup.IMMIGRANTS,
    "P22": TargetGroup.IMMIGRANTS,
    "P10.1": TargetGroup.JOBSEEKERS,
    "P10.6": TargetGroup.JOBSEEKERS,
    "P10.4": TargetGroup.LIMITED_WORK_ABILITY,
    "P10.7": TargetGroup.LONG_TERM_UNEMPLOYED,
}


class CatalogueLoadError(Exception):
    """Bad seed input: the message names the file and the field."""


@dataclass(frozen=True)
class LoadResult:
    loaded: bool
    services: int = 0
    organisations_created: int = 0
    message: str = ""


def refresh_search_text(service: Service) -> None:
    """Store the service's search columns: its texts, organisations and target groups, stemmed per
    language. Other languages also index the Finnish texts, which the pages show as a fallback."""
    organisations = [service.responsible, *service.producers.all()]
    for language in ("fi", "sv", "en"):
        texts: list[tuple[str, str]] = []
        for text_field in ("name", "summary", "description"):
            texts.append((getattr(service, f"{text_field}_{language}"), language))
            if language != "fi":
                texts.append((getattr(service, f"{text_field}_fi"), "fi"))
        for organisation in organisations:
            texts.append(
                (getattr(organisation, f"name_{language}") or organisation.name_fi, language)
            )
            texts.append((organisation.short_name, "fi"))
        with translation.override(language):
            for group in service.target_groups:
                texts.append((str(TargetGroup(group).label), language))
        setattr(service, f"search_{language}", search.search_text(texts))
    service.save(update_fields=["search_fi", "search_sv", "search_en"])


def count_guide_use(*, municipality: str, need: str, found: bool, on: datetime.date) -> None:
    """Add one use of the guide to its month's count for the need and the municipality (and to the
    uses that found no service). The guide's only write: anonymous, so with no actor and no audit
    event, and no data-version bump (no public page shows the counts). One transaction; concurrent
    uses add up through F() in the database, not in Python."""
    month = on.replace(day=1)
    with transaction.atomic():
        row, created = GuideDemand.objects.get_or_create(
            month=month,
            municipality=municipality,
            need=need,
            defaults={"uses": 1, "unmatched": 0 if found else 1},
        )
        if not created:
            GuideDemand.objects.filter(pk=row.pk).update(
                uses=F("uses") + 1, unmatched=F("unmatched") + (0 if found else 1)
            )


@dataclass
class ServiceEdit:
    """What an editor changes: field values, the channels added or changed (unsaved instances of
    this service) and removed, and whether they confirm that the details were checked today."""

    fields: dict[str, object]
    saved_channels: list[Channel] = field(default_factory=list)
    deleted_channels: list[Channel] = field(default_factory=list)
    confirm_verified: bool = False


@transaction.atomic
def edit_service(*, actor: User, key: str, expected_version: int, edit: ServiceEdit) -> Service:
    """Save an editor's edit, audited object by object. An edit based on an older version than the
    stored one raises `ConflictError` and changes nothing; so does a refused permission. A
    published service left with no way to reach it (no channel that reaches it, no service it is
    reached through) raises `ValidationError` on "status" and changes nothing either."""
    service = Service.objects.select_for_update().get(key=key)
    if not rules.can_edit_service(actor, service):
        raise PermissionDenied
    if not set(edit.fields) <= set(rules.EDITABLE_FIELDS):
        raise PermissionDenied
    if service.version != expected_version:
        raise ConflictError(service)
    before = snapshot(service)
    fields = dict(edit.fields)
    reached_through = fields.pop("reached_through", None)
    for name, value in fields.items():
        setattr(service, name, value)
    if edit.confirm_verified:
        service.verified = True
        service.last_verified = timezone.localdate()
        service.verified_by = actor.organisation
    service.full_clean(exclude=["key"])
    service.version = F("version") + 1
    service.save()
    service.refresh_from_db()
    if reached_through is not None:
        service.reached_through.set(list(reached_through))  # type: ignore[call-overload]
    for channel in edit.deleted_channels:
        if channel.service_id != service.pk:
            raise PermissionDenied
        # Recorded before the delete, while the channel still has its id for its audit key.
        record_change(actor=actor, instance=channel, before=snapshot(channel), after=None)
        channel.delete()
    for channel in edit.saved_channels:
        if channel.pk is not None and not service.channels.filter(pk=channel.pk).exists():
            raise PermissionDenied
        channel.service = service
        channel_before = stored_snapshot(channel)
        channel.full_clean()
        channel.save()
        record_change(actor=actor, instance=channel, before=channel_before, after=snapshot(channel))
    if service.status == ServiceStatus.PUBLISHED and not reachable(
        service.channels.all(), service.reached_through.filter(status=ServiceStatus.PUBLISHED)
    ):
        raise ValidationError({"status": UNREACHABLE})
    record_change(actor=actor, instance=service, before=before, after=snapshot(service))
    refresh_search_text(service)
    return service


def load_catalogue(
    draft_file: Path = DRAFT_FILE, curation_file: Path = CURATION_FILE
) -> LoadResult:
    """Load the draft into an empty catalogue in one transaction; a catalogue with services is kept."""
    if Service.objects.exists():
        return LoadResult(False, message="The catalogue already has services; nothing loaded.")
    draft = _read_json(draft_file)
    curation = _read_json(curation_file)
    # Messages go to a log or a terminal: in English, like the rest of the command output.
    with translation.override("en"), transaction.atomic():
        loader = _Loader(draft_file.name, draft, curation_file.name, curation)
        result = loader.load()
        bump_data_version()  # goal and organisation pages list the services
    return result


def _read_json(path: Path) -> JsonObject:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogueLoadError(f"{path}: file not found") from None
    except json.JSONDecodeError as error:
        raise CatalogueLoadError(
            f"{path.name}:{error.lineno}: not valid JSON: {error.msg}"
        ) from None
    if not isinstance(data, dict):
        raise CatalogueLoadError(f"{path.name}: expected a JSON object at the top")
    return data


def _municipality_code(code: object, where: str) -> str:
    if not isinstance(code, str) or len(code) != 3 or not code.isdigit():
        raise CatalogueLoadError(f"{where}: {code!r} is not a three-digit municipality code")
    return f"KU{code}"


class _Loader:
    def __init__(
        self, draft_name: str, draft: JsonObject, curation_name: str, curation: JsonObject
    ) -> None:
        self.draft_name = draft_name
        self.draft = draft
        self.curation_name = curation_name
        self.curation = curation
        self.sources: dict[str, str] = draft.get("sources") or {}
        self.aliases: dict[str, str] = curation.get("organisation_keys") or {}
        self.draft_organisations = {
            item.get("slug"): (index, item)
            for index, item in enumerate(self._list(draft, "organizations", draft_name))
        }
        self.organisations: dict[str, Organisation] = {}
        self.created = 0

    @staticmethod
    def _list(data: JsonObject, field: str, where: str) -> list[Any]:
        value = data.get(field)
        if not isinstance(value, list):
            raise CatalogueLoadError(f"{where}:{field}: expected a list")
        return value

    def load(self) -> LoadResult:
        services = self._list(self.draft, "services", self.draft_name)
        created: list[Service] = []
        for index, record in enumerate(services):
            created.append(self._service(record, f"{self.draft_name}:services[{index}]"))
        self._programme_links(created)
        self._ways_to_reach(created)
        self._guide_rules(created)
        for service in created:
            refresh_search_text(service)
        return LoadResult(
            True,
            services=len(created),
            organisations_created=self.created,
            message=f"Loaded {len(created)} services ({self.created} new organisations).",
        )

    def _known_slug(self, slug: object, where: str) -> str:
        if not isinstance(slug, str) or slug not in self.draft_organisations:
            raise CatalogueLoadError(f"{where}: unknown organisation {slug!r}")
        return slug

    def _organisation(self, slug: object, where: str) -> Organisation:
        known = self._known_slug(slug, where)
        if known in self.organisations:
            return self.organisations[known]
        key = self.aliases.get(known, known)
        organisation = Organisation.objects.filter(key=key).first()
        if organisation is None:
            organisation = self._create_organisation(key, known)
        self.organisations[known] = organisation
        return organisation

    def _create_organisation(self, key: str, slug: str) -> Organisation:
        index, record = self.draft_organisations[slug]
        where = f"{self.draft_name}:organizations[{index}]"
        kind = ORGANISATION_KINDS.get(record.get("type", ""))
        if kind is None:
            raise CatalogueLoadError(
                f"{where}.type: unknown organisation type {record.get('type')!r}"
            )
        name = record.get("name") or {}
        organisation = Organisation(
            key=key,
            name_fi=name.get("fi", ""),
            name_sv=name.get("sv", ""),
            name_en=name.get("en", ""),
            kind=kind,
            business_id=record.get("business_id", ""),
            website=record.get("website", ""),
            municipalities=[
                _municipality_code(code, f"{where}.municipalities")
                for code in record.get("municipalities", [])
            ],
            valid_from=record.get("valid_from"),
            valid_until=record.get("valid_until"),
            notes=self._sources_note(record),
        )
        self._validate(organisation, where)
        organisation.save()
        record_change(actor=None, instance=organisation, before=None, after=snapshot(organisation))
        self.created += 1
        return organisation

    def _sources_note(self, record: JsonObject) -> str:
        lines = [f"Source: {self.sources.get(key, key)}" for key in record.get("sources", [])]
        if record.get("notes"):
            lines.insert(0, str(record["notes"]))
        lines.append("From the service catalogue draft (not verified).")
        return "\n".join(lines)

    @staticmethod
    def _validate(instance: models.Model, where: str, exclude: list[str] | None = None) -> None:
        try:
            instance.full_clean(exclude=exclude, validate_unique=False)
        except ValidationError as error:
            field, messages = next(iter(error.message_dict.items()))
            raise CatalogueLoadError(f"{where}.{field}: {' '.join(messages)}") from None

    def _service(self, record: object, where: str) -> Service:
        if not isinstance(record, dict):
            raise CatalogueLoadError(f"{where}: expected an object")
        slug = record.get("slug")
        if not isinstance(slug, str) or not slug:
            raise CatalogueLoadError(f"{where}.slug: missing")
        if Service.objects.filter(key=slug).exists():
            raise CatalogueLoadError(f"{where}.slug: {slug!r} appears twice")
        # The curation's amendments (what the programme text says otherwise), e.g. MOONA's Kotka.
        amendment = (self.curation.get("amendments") or {}).get(slug) or {}
        record = {
            **record,
            "municipalities": amendment.get("municipalities", record.get("municipalities", [])),
            "partners": [*record.get("partners", []), *amendment.get("partners", [])],
        }
        name = record.get("name")
        if not isinstance(name, dict) or not name.get("fi"):
            raise CatalogueLoadError(f"{where}.name.fi: missing")
        level = record.get("service_level")
        if not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= 4:
            raise CatalogueLoadError(f"{where}.service_level: expected 0–4, got {level!r}")
        eligibility = record.get("eligibility") or {}
        nationwide = record.get("area") == "nationwide"
        municipalities = [
            _municipality_code(code, f"{where}.municipalities")
            for code in record.get("municipalities", [])
        ]
        sources = [self.sources.get(key, key) for key in record.get("sources", [])]
        source_url = next((url for url in sources if url.startswith("http")), "")
        client_kind = {"person": ClientKind.PERSON, "business": ClientKind.COMPANY}.get(
            eligibility.get("client_kind", ""), ClientKind.ANY
        )
        provider = self._known_slug(record.get("provider"), f"{where}.provider")
        service = Service(
            key=slug,
            name_fi=name.get("fi", ""),
            name_sv=name.get("sv", ""),
            name_en=name.get("en", ""),
            responsible=self._organisation(provider, f"{where}.provider"),
            level=level,
            target_groups=self._target_groups(record, eligibility),
            client_kind=client_kind,
            min_age=eligibility.get("min_age"),
            max_age=eligibility.get("max_age"),
            immigrant_status=eligibility.get("immigrant_status", ImmigrantStatus.ANY),
            work_ability_limited=eligibility.get("work_ability_limited"),
            # The draft's hints are reviewers' notes (in English): internal, never public.
            eligibility_note="",
            nationwide=nationwide,
            municipalities=[] if nationwide else municipalities,
            status=ServiceStatus.PUBLISHED,
            source_url=source_url,
            verified=False,
            internal_note=self._internal_note(record, eligibility),
            notes=self._service_notes(record, sources),
        )
        self._validate(service, where)
        service.save()
        producer_slugs = [provider, *record.get("partners", [])]
        producer_slugs += record.get("also_provided_by", [])
        service.producers.set(
            self._organisation(item, f"{where}.partners") for item in producer_slugs
        )
        for index, channel in enumerate(record.get("channels", [])):
            self._channel(service, channel, f"{where}.channels[{index}]")
        if record.get("opening_hours_text"):
            self._hours_channel(service, record, f"{where}.opening_hours_text")
        self._organisation_address(service, provider, where)
        return service

    @staticmethod
    def _internal_note(record: JsonObject, eligibility: JsonObject) -> str:
        """What the draft asks to check and its eligibility hint: for the editors, not the public
        (the same form as migration 0006 gives the notes it moved)."""
        lines = []
        if record.get("verify"):
            lines.append("To verify: " + "; ".join(str(item) for item in record["verify"]))
        if eligibility.get("rule_hint"):
            lines.append(f"Eligibility in the draft: {eligibility['rule_hint']}")
        return "\n".join(lines)

    @staticmethod
    def _service_notes(record: JsonObject, sources: list[str]) -> str:
        lines = [str(record["notes"])] if record.get("notes") else []
        if record.get("status"):
            lines.append(f"Status in the draft: {record['status']}")
        lines += [f"Source: {url}" for url in sources]
        return "\n".join(lines)

    @staticmethod
    def _target_groups(record: JsonObject, eligibility: JsonObject) -> list[str]:
        groups: list[str] = []
        codes = [*record.get("target_groups", []), *record.get("ptv_service_class", [])]
        for code in codes:
            for prefix, group in TARGET_GROUPS_BY_CODE.items():
                if (code == prefix or code.startswith(prefix + ".")) and group not in groups:
                    groups.append(group)
        if eligibility.get("client_kind") == "business" and TargetGroup.COMPANIES not in groups:
            groups.append(TargetGroup.COMPANIES)
        if eligibility.get("immigrant_status") and TargetGroup.IMMIGRANTS not in groups:
            groups.append(TargetGroup.IMMIGRANTS)
        if (
            eligibility.get("work_ability_limited")
            and TargetGroup.LIMITED_WORK_ABILITY not in groups
        ):
            groups.append(TargetGroup.LIMITED_WORK_ABILITY)
        return [str(group) for group in groups]

    def _channel(self, service: Service, record: object, where: str) -> None:
        if not isinstance(record, dict):
            raise CatalogueLoadError(f"{where}: expected an object")
        kind = CHANNEL_KINDS.get(record.get("type", ""))
        if kind is None:
            raise CatalogueLoadError(f"{where}.type: unknown channel type {record.get('type')!r}")
        name = record.get("name") or {}
        if isinstance(name, str):
            name = {"fi": name}
        channel = Channel(
            service=service,
            kind=kind,
            name_fi=name.get("fi", ""),
            name_sv=name.get("sv", ""),
            name_en=name.get("en", ""),
            url=record.get("url", ""),
            phone=record.get("phone", ""),
            email=record.get("email", ""),
            internal_note=record.get("status") or record.get("note", ""),
            verified=False,
        )
        self._validate(channel, where, exclude=["service"])
        channel.save()

    def _hours_channel(self, service: Service, record: JsonObject, where: str) -> None:
        code = service.municipalities[0] if len(service.municipalities) == 1 else ""
        text = str(record["opening_hours_text"])
        weekly = parse_hours_text(text)
        notes = ["address not in the draft"] + ([] if weekly else [HOURS_TO_CHECK + text])
        channel = Channel(
            service=service,
            kind=ChannelKind.LOCATION,
            name_fi=service.name_fi,
            municipality=code,
            weekly_hours=weekly or {},
            internal_note="\n".join(notes)[:300],
        )
        self._validate(channel, where, exclude=["service"])
        channel.save()

    def _organisation_address(self, service: Service, provider: str, where: str) -> None:
        _index, organisation = self.draft_organisations[provider]
        address = organisation.get("address")
        if not isinstance(address, dict):
            return
        channel = Channel(
            service=service,
            kind=ChannelKind.LOCATION,
            name_fi=self.organisations[provider].name_fi,
            street_address=address.get("street", ""),
            postal_code=address.get("postal_code", ""),
            post_office=address.get("post_office", ""),
            internal_note=address.get("status", ""),
        )
        self._validate(channel, f"{where}.provider.address", exclude=["service"])
        channel.save()

    def _programme_links(self, services: list[Service]) -> None:
        links = self.curation.get("programme_links") or {}
        by_key = {service.key: service for service in services}
        for key, link in links.items():
            where = f"{self.curation_name}:programme_links.{key}"
            if key not in by_key:
                raise CatalogueLoadError(f"{where}: no such service in the draft")
            # The programme may not be imported yet (tests, a bare installation): link what exists.
            by_key[key].goals.set(Goal.objects.filter(key__in=link.get("goals", [])))
            by_key[key].measures.set(Measure.objects.filter(key__in=link.get("measures", [])))

    def _ways_to_reach(self, services: list[Service]) -> None:
        """The curation's ways to reach the services the draft gives none for, its drafts, and a
        check that every published service can be reached."""
        by_key = {service.key: service for service in services}
        ways = {k: v for k, v in (self.curation.get("ways_to_reach") or {}).items() if k[0] != "_"}
        for key, way in ways.items():
            where = f"{self.curation_name}:ways_to_reach.{key}"
            if key not in by_key:
                raise CatalogueLoadError(f"{where}: no such service in the draft")
            service = by_key[key]
            for index, channel in enumerate(way.get("channels", [])):
                if channel.get("source"):
                    channel = {**channel, "url": self.sources.get(channel["source"], "")}
                self._channel(service, channel, f"{where}.channels[{index}]")
            through = way.get("reached_through", [])
            unknown = [item for item in through if item not in by_key]
            if unknown:
                raise CatalogueLoadError(f"{where}.reached_through: no service {unknown[0]!r}")
            service.reached_through.set(by_key[item] for item in through)
            service.referral_needed = bool(way.get("referral_needed"))
            reason = way.get("reason") or {}
            for code in ("fi", "sv", "en"):
                setattr(service, f"reached_through_reason_{code}", reason.get(code, ""))
            service.save()
        drafts = self.curation.get("unpublished") or {}
        for key, why in drafts.items():
            if key[0] == "_":
                continue
            if key not in by_key:
                raise CatalogueLoadError(f"{self.curation_name}:unpublished.{key}: no such service")
            service = by_key[key]
            service.status = ServiceStatus.DRAFT
            service.internal_note = "\n".join(
                filter(None, [service.internal_note, f"Draft: {why}"])
            )
            service.save()
        for service in services:
            if service.status == ServiceStatus.PUBLISHED and not reachable(
                service.channels.all(),
                service.reached_through.filter(status=ServiceStatus.PUBLISHED),
            ):
                raise CatalogueLoadError(
                    f"{self.draft_name}:{service.key}: published with no way to reach it; give one in "
                    f"{self.curation_name}:ways_to_reach or list it in unpublished"
                )

    def _guide_rules(self, services: list[Service]) -> None:
        by_key = {service.key: service for service in services}
        for key, fields in (self.curation.get("guide_rules") or {}).items():
            where = f"{self.curation_name}:guide_rules.{key}"
            if key not in by_key:
                raise CatalogueLoadError(f"{where}: no such service in the draft")
            if not isinstance(fields, dict):
                raise CatalogueLoadError(f"{where}: expected an object")
            known = {field.name for field in GuideRule._meta.fields} - {"id", "service"}
            unknown = set(fields) - known
            if unknown:
                raise CatalogueLoadError(f"{where}.{sorted(unknown)[0]}: unknown condition")
            rule = GuideRule(service=by_key[key], **fields)
            self._validate(rule, where, exclude=["service"])
            rule.save()
