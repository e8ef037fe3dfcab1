"""Bring the database in line with a validated programme file.

Rows are matched by their stable keys, compared field by field, and saved only when something
differs, so re-importing an unchanged file issues no writes at all. The order matters: parents
are written before children (a goal may move to a theme the file just added), and stale rows are
deleted children first (so every deletion gets its own audit event instead of vanishing in a
cascade).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import cast

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, Q, RestrictedError
from django.utils import timezone

from seuraamo.organisations.models import Organisation, Succession
from seuraamo.programmes.importer.errors import (
    DATABASE_REJECTED,
    Path,
    Problem,
    ProgrammeFileError,
)
from seuraamo.programmes.importer.journal import (
    ARCHIVE,
    CREATE,
    DELETE,
    KEEP,
    UNCHANGED,
    UPDATE,
    Journal,
)
from seuraamo.programmes.importer.loader import Document
from seuraamo.programmes.models import (
    CoordinationRole,
    Goal,
    GoalCoordinator,
    Indicator,
    IndicatorTarget,
    Measure,
    Programme,
    SteeringGroupMembership,
    SteeringGroupRole,
    Theme,
)

CANNOT_DELETE = 'cannot delete {kind} "{key}", which the file no longer contains: {detail}'
LANGUAGES = ("fi", "sv", "en")
Data = dict[str, object]


def _clean(value: object) -> str:
    return "" if value is None else str(value).strip()


def _texts(field: str, mapping: object) -> dict[str, object]:
    mapping = mapping if isinstance(mapping, dict) else {}
    return {f"{field}_{language}": _clean(mapping.get(language)) for language in LANGUAGES}


def _date(value: object) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else None


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _items(data: Data, name: str, path: Path) -> Iterator[tuple[int, Path, Data]]:
    # The validator has run, so the shapes are known; cast rather than re-check.
    for index, item in enumerate(cast(list[Data], data.get(name) or [])):
        yield index, (*path, name, index), item


class ProgrammeWriter:
    def __init__(
        self, *, document: Document, file: str, journal: Journal, delete_missing: bool = False
    ) -> None:
        self.document = document
        self.delete_missing = delete_missing
        self.file = file
        self.journal = journal
        self.stale: dict[type[models.Model], dict[str, models.Model]] = {}
        self.organisations: dict[str, Organisation] = {}

    def write(self) -> Programme:
        data = cast(Data, self.document.data)
        organisations = self.write_organisations(data)
        programme = self.write_programme(cast(Data, data["programme"]), organisations)
        self.delete_stale()
        return programme

    # -- Matching and saving ----------------------------------------------------------------

    def load(self, model: type[models.Model], rows: dict[str, models.Model]) -> None:
        for key, row in rows.items():
            self.journal.label(row, key)
        self.stale[model] = rows

    def upsert(
        self, model: type[models.Model], key: str, values: dict[str, object], path: Path
    ) -> models.Model:
        if _archivable(model):
            values = {**values, "archived_on": None}  # back in the file: current again
        row = self.stale.setdefault(model, {}).pop(key, None)
        if row is None:
            row = model(**values)
            self.save(row, path)
            self.journal.label(row, key)
            self.journal.record(model, key, CREATE, after=values)
            return row
        self.update(row, key, values, path)
        return row

    def update(self, row: models.Model, key: str, values: dict[str, object], path: Path) -> None:
        changed = [name for name, value in values.items() if getattr(row, name) != value]
        if not changed:
            self.journal.record(type(row), key, UNCHANGED)
            return
        before = {name: getattr(row, name) for name in changed}
        for name in changed:
            setattr(row, name, values[name])
        self.save(row, path, update_fields=changed)
        after = {name: values[name] for name in changed}
        self.journal.record(type(row), key, UPDATE, before=before, after=after)

    def save(self, row: models.Model, path: Path, update_fields: list[str] | None = None) -> None:
        """full_clean() as a last line of defence: the validator should already have caught
        anything the model would reject, but a model change could outrun it."""
        try:
            row.full_clean()
        except ValidationError as error:
            detail = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in _messages(error))
            kind = str(row._meta.verbose_name)
            message = DATABASE_REJECTED.format(kind=kind, detail=detail)
            raise ProgrammeFileError(self.file, [self.document.problem(path, message)]) from error
        row.save(update_fields=update_fields)

    def delete_stale(self) -> None:
        for model in (
            Succession,
            IndicatorTarget,
            Indicator,
            Measure,
            GoalCoordinator,
            Goal,
            Theme,
            SteeringGroupMembership,
        ):
            for key, row in self.stale.get(model, {}).items():
                if not self.delete_missing:
                    self.journal.record(model, key, KEEP)
                    continue
                before = {f.attname: getattr(row, f.attname) for f in _content_fields(model)}
                try:
                    with transaction.atomic():
                        row.delete()
                except (ProtectedError, RestrictedError) as error:
                    if not self.archive(model, row, key):
                        message = CANNOT_DELETE.format(
                            kind=model._meta.verbose_name, key=key, detail=error.args[0]
                        )
                        problem = Problem(line=None, path=None, message=message)
                        raise ProgrammeFileError(self.file, [problem]) from error
                    continue
                self.journal.record(model, key, DELETE, before=before)

    def archive(self, model: type[models.Model], row: models.Model, key: str) -> bool:
        """Hide a row that reports refer to instead of deleting it; False when it cannot be archived."""
        if not _archivable(model):
            return False
        if row.archived_on is None:
            row.archived_on = timezone.localdate()
            row.save(update_fields=["archived_on"])
            self.journal.record(model, key, ARCHIVE, after={"archived_on": row.archived_on})
        else:
            self.journal.record(model, key, UNCHANGED)
        return True

    # -- Organisations ----------------------------------------------------------------------

    def write_organisations(self, data: Data) -> dict[str, Organisation]:
        """All organisations in the database are loaded (references resolve against the file,
        but rows outside the file are kept), then written in two passes because a successor
        may appear later in the file than its predecessor."""
        existing = {row.key: row for row in Organisation.objects.all()}
        for key, row in existing.items():
            self.journal.label(row, key)
        self.stale[Organisation] = existing
        written: dict[str, Organisation] = {}
        successions: list[tuple[Organisation, Data, Path]] = []
        for _index, path, item in _items(data, "organisations", ()):
            key = str(item["key"])
            values = {
                "key": key,
                **_texts("name", item.get("name")),
                "short_name": _clean(item.get("short_name")),
                "kind": item["kind"],
                "business_id": _clean(item.get("business_id")),
                "website": _clean(item.get("website")),
                "municipalities": list(item.get("municipalities") or []),
                "valid_from": _date(item.get("valid_from")),
                "valid_until": _date(item.get("valid_until")),
                "notes": _clean(item.get("notes")),
            }
            row = cast(Organisation, self.upsert(Organisation, key, values, path))
            written[key] = row
            successions += [
                (row, succession, p) for _i, p, succession in _items(item, "successors", path)
            ]
        self.write_successions(successions, written)
        # What is left unmatched is not stale: organisations missing from the file are kept.
        kept = cast(dict[str, Organisation], self.stale.pop(Organisation))
        return {**kept, **written}

    def write_successions(
        self, items: list[tuple[Organisation, Data, Path]], organisations: dict[str, Organisation]
    ) -> None:
        """The file lists every successor of the organisations it contains; a succession of such an
        organisation that the file no longer lists is deleted, others are kept."""
        in_file = {row.pk for row in organisations.values()}
        existing = Succession.objects.select_related("predecessor", "successor")
        stale = {row.audit_key: row for row in existing if row.predecessor_id in in_file}
        self.load(Succession, stale)
        for predecessor, item, path in items:
            successor = organisations[str(item["organisation"])]
            values = {
                "predecessor": predecessor,
                "successor": successor,
                "date": _date(item.get("date")),
                "municipalities": list(item.get("municipalities") or []),
            }
            self.upsert(Succession, f"{predecessor.key}>{successor.key}", values, path)

    # -- The programme and its tree ---------------------------------------------------------

    def write_programme(self, data: Data, organisations: dict[str, Organisation]) -> Programme:
        self.organisations = organisations
        key = str(data["key"])
        path: Path = ("programme",)
        existing = Programme.objects.filter(key=key).first()
        if existing is not None:
            self.load_existing(existing)
        values = {
            "key": key,
            **_texts("name", data.get("name")),
            "start_year": data["start_year"],
            "end_year": data.get("end_year"),
            "start_date": _date(data.get("start_date")),
            **_texts("description", data.get("description")),
            "source_note": _clean(data.get("source_note")),
        }
        programme = cast(Programme, self.upsert(Programme, key, values, path))
        for order, item_path, item in _items(data, "steering_group", path):
            organisation = organisations[str(item["organisation"])]
            values = {
                "programme_id": programme.pk,
                "organisation_id": organisation.pk,
                "role": item.get("role") or SteeringGroupRole.MEMBER,
                "valid_from": _date(item.get("valid_from")),
                "valid_until": _date(item.get("valid_until")),
                "order": order,
            }
            member_key = f"{key}/{organisation.key}"
            self.upsert(SteeringGroupMembership, member_key, values, item_path)
        for order, item_path, item in _items(data, "themes", path):
            self.write_theme(programme, item, order, item_path)
        return programme

    def load_existing(self, programme: Programme) -> None:
        label = self.journal.labels.get
        self.load(Programme, {programme.key: programme})
        self.load(
            SteeringGroupMembership,
            {
                f"{programme.key}/{label((Organisation, row.organisation_id))}": row
                for row in SteeringGroupMembership.objects.filter(programme=programme)
            },
        )
        themes = {f"{programme.key}/{row.number}": row for row in programme.themes.all()}
        self.load(Theme, themes)
        in_programme = Q(theme__programme=programme)
        self.load(Goal, {row.key: row for row in Goal.objects.filter(in_programme)})
        self.load(
            GoalCoordinator,
            {
                f"{label((Goal, row.goal_id))}/{label((Organisation, row.organisation_id))}": row
                for row in GoalCoordinator.objects.filter(goal__theme__programme=programme)
            },
        )
        self.load(
            Measure,
            {row.key: row for row in Measure.objects.filter(goal__theme__programme=programme)},
        )
        indicators = Indicator.objects.filter(Q(goal__theme__programme=programme) | in_programme)
        self.load(Indicator, {row.key: row for row in indicators})
        self.load(
            IndicatorTarget,
            {
                f"{label((Indicator, row.indicator_id))}/{row.year}{_area_suffix(row.area)}": row
                for row in IndicatorTarget.objects.filter(
                    indicator__in=[row.pk for row in indicators]
                )
            },
        )

    def write_theme(self, programme: Programme, data: Data, order: int, path: Path) -> None:
        number = _clean(data["number"])
        values = {
            "programme_id": programme.pk,
            "number": number,
            **_texts("title", data.get("title")),
            **_texts("targeted_impacts", data.get("targeted_impacts")),
            "order": order,
        }
        theme = self.upsert(Theme, f"{programme.key}/{number}", values, path)
        for index, item_path, item in _items(data, "indicators", path):
            self.write_indicator(item, index, item_path, goal=None, theme=theme)
        for index, goal_path, goal_data in _items(data, "goals", path):
            goal_key = str(goal_data["key"])
            values = {
                "theme_id": theme.pk,
                "key": goal_key,
                **_texts("title", goal_data.get("title")),
                **_texts("description", goal_data.get("description")),
                "order": index,
            }
            goal = self.upsert(Goal, goal_key, values, goal_path)
            for position, item_path, item in _items(goal_data, "coordinators", goal_path):
                organisation = self.organisations[str(item["organisation"])]
                values = {
                    "goal_id": goal.pk,
                    "organisation_id": organisation.pk,
                    "role": item.get("role") or CoordinationRole.COORDINATOR,
                    "order": position,
                }
                coordinator_key = f"{goal_key}/{organisation.key}"
                self.upsert(GoalCoordinator, coordinator_key, values, item_path)
            for position, item_path, item in _items(goal_data, "measures", goal_path):
                values = {
                    "goal_id": goal.pk,
                    "key": str(item["key"]),
                    **_texts("title", item.get("title")),
                    **_texts("description", item.get("description")),
                    "order": position,
                }
                self.upsert(Measure, str(item["key"]), values, item_path)
            for position, item_path, item in _items(goal_data, "indicators", goal_path):
                self.write_indicator(item, position, item_path, goal=goal, theme=None)

    def write_indicator(
        self,
        data: Data,
        order: int,
        path: Path,
        *,
        goal: models.Model | None,
        theme: models.Model | None,
    ) -> None:
        key = str(data["key"])
        statistic = data.get("statistic")
        statistic = statistic if isinstance(statistic, dict) else {}
        baseline = data.get("baseline")
        baseline = baseline if isinstance(baseline, dict) else {}
        values = {
            "key": key,
            "goal_id": goal.pk if goal else None,
            "theme_id": theme.pk if theme else None,
            **_texts("name", data.get("name")),
            "unit": data["unit"],
            "desired_direction": data["desired_direction"],
            "kind": data["kind"],
            "stat_table": _clean(statistic.get("table")),
            "stat_content_code": _clean(statistic.get("content_code")),
            "stat_area": _clean(statistic.get("area")),
            **_texts("source_description", data.get("source")),
            "baseline_value": _decimal(baseline.get("value")),
            "baseline_date": _date(baseline.get("date")),
            "order": order,
        }
        indicator = self.upsert(Indicator, key, values, path)
        for _index, item_path, item in _items(data, "targets", path):
            year = int(item["year"])
            area = _clean(item.get("area"))
            values = {
                "indicator_id": indicator.pk,
                "year": year,
                "area": area,
                "value": _decimal(item["value"]),
            }
            self.upsert(IndicatorTarget, f"{key}/{year}{_area_suffix(area)}", values, item_path)


def _area_suffix(area: str) -> str:
    """An employment area's own target is a row of its own (blank: the indicator's own area)."""
    return f"/{area}" if area else ""


def _archivable(model: type[models.Model]) -> bool:
    return any(field.name == "archived_on" for field in model._meta.fields)


def _content_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def _messages(error: ValidationError) -> list[tuple[str, list[str]]]:
    if hasattr(error, "error_dict"):
        return [
            (name, [str(m) for m in ValidationError(msgs).messages])
            for name, msgs in error.error_dict.items()
        ]
    return [("__all__", [str(m) for m in error.messages])]
