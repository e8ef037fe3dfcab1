"""Write a programme from the database back out in the programme file format.

The output is meant to be imported again without loss (import → export → import changes
nothing) and to be read and edited by people, so it keeps the hand-written file's layout: text
mappings in block style, short records (references, statistics, targets) on one line.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml
from django.db.models import Prefetch

from seuraamo.organisations.models import Organisation, Succession
from seuraamo.programmes.importer.schema import FORMAT
from seuraamo.programmes.models import (
    Goal,
    Indicator,
    IndicatorKind,
    Measure,
    Programme,
    Theme,
)

NO_PROGRAMMES = "there is no programme in the database to export"
UNKNOWN_PROGRAMME = 'no programme with key "{key}"; programmes: {keys}'
CHOOSE_PROGRAMME = "the database has several programmes; choose one with --programme: {keys}"
LANGUAGES = ("fi", "sv", "en")
FOLD_ABOVE = 80
FLOW_TEXT_UP_TO = 40


class ProgrammeExportError(Exception):
    pass


class _Flow(dict[str, Any]):
    """A mapping written on one line: `{organisation: kela, role: member}`."""


class _FlowList(list[Any]):
    """A list written on one line: `[KU285, KU286]`."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        # The importer refuses aliases, so the exporter must never write them.
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as people write (and as the hand-written file is).
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Long prose folds at the line width like the hand-written file; newlines keep their lines.
    style = "|" if "\n" in value else ">" if len(value) > FOLD_ABOVE else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(
    _Flow, lambda dumper, value: dumper.represent_mapping("tag:yaml.org,2002:map", value, True)
)
_Dumper.add_representer(
    _FlowList, lambda dumper, value: dumper.represent_sequence("tag:yaml.org,2002:seq", value, True)
)


def programme_export(*, programme_key: str | None = None) -> str:
    """The programme (the only one, when no key is given) as programme file text."""
    programme = _choose_programme(programme_key)
    data = programme_export_data(programme=programme)
    header = f"# Exported from Seuraamo: programme {programme.key}.\n"
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return header + body


def _choose_programme(programme_key: str | None) -> Programme:
    keys = list(Programme.objects.order_by("key").values_list("key", flat=True))
    if not keys:
        raise ProgrammeExportError(NO_PROGRAMMES)
    if programme_key is None:
        if len(keys) > 1:
            raise ProgrammeExportError(CHOOSE_PROGRAMME.format(keys=", ".join(keys)))
        programme_key = keys[0]
    programme = Programme.objects.filter(key=programme_key).first()
    if programme is None:
        raise ProgrammeExportError(
            UNKNOWN_PROGRAMME.format(key=programme_key, keys=", ".join(keys))
        )
    return programme


def programme_export_data(*, programme: Programme) -> dict[str, object]:
    """Every organisation is exported, not only the ones this programme refers to: successors
    must resolve inside the file, and a file that round-trips the whole register is simpler to
    reason about than one that depends on what else is in the database."""
    # Archived rows (no longer in the programme, kept for the reports that refer to them) are not
    # part of the programme file: importing it must not bring them back.
    current = {"archived_on__isnull": True}
    goals = (
        Goal.objects.filter(**current)
        .order_by("order", "id")
        .prefetch_related(
            "coordinators__organisation",
            Prefetch("measures", queryset=Measure.objects.filter(**current)),
            _indicators(),
        )
    )
    themes = (
        programme.themes.filter(**current)
        .order_by("order", "number")
        .prefetch_related(Prefetch("goals", queryset=goals), _indicators())
    )
    members = programme.steering_group.select_related("organisation").order_by("order", "id")
    return {
        "format": FORMAT,
        "organisations": [
            _organisation(row)
            for row in Organisation.objects.prefetch_related(
                Prefetch(
                    "successions",
                    queryset=Succession.objects.select_related("successor").order_by(
                        "date", "successor__key"
                    ),
                )
            ).order_by("key")
        ],
        "programme": {
            "key": programme.key,
            "name": _texts(programme, "name"),
            "start_year": programme.start_year,
            "end_year": programme.end_year,
            "start_date": programme.start_date,
            "description": _texts(programme, "description"),
            "source_note": programme.source_note,
            "steering_group": [
                _Flow(
                    _without_empty(
                        {
                            "organisation": member.organisation.key,
                            "role": member.role,
                            "valid_from": member.valid_from,
                            "valid_until": member.valid_until,
                        }
                    )
                )
                for member in members
            ],
            "themes": [_theme(theme) for theme in themes],
        },
    }


def _indicators() -> Prefetch:
    # A fresh Prefetch each time: Django rewrites a nested Prefetch's path in place.
    queryset = (
        Indicator.objects.filter(archived_on__isnull=True)
        .order_by("order", "id")
        .prefetch_related("targets")
    )
    return Prefetch("indicators", queryset=queryset)


def _texts(row: object, field: str) -> dict[str, str]:
    """Short single-line texts on one line (`{fi: Kotka, sv: Kotka, en: Kotka}`), prose in blocks."""
    texts = {language: getattr(row, f"{field}_{language}") for language in LANGUAGES}
    short = all(len(text) <= FLOW_TEXT_UP_TO and "\n" not in text for text in texts.values())
    return _Flow(texts) if short else texts


def _without_empty(values: dict[str, object]) -> dict[str, object]:
    return {name: value for name, value in values.items() if value not in (None, "", [])}


def _number(value: Decimal) -> int | float:
    """A value the importer reads back as the same decimal (at most 14 digits, so a float's
    shortest representation is exact)."""
    return int(value) if value == value.to_integral_value() else float(value)


def _organisation(row: Organisation) -> dict[str, object]:
    return {
        "key": row.key,
        "name": _texts(row, "name"),
        **_without_empty(
            {
                "short_name": row.short_name,
                "kind": row.kind,
                "business_id": row.business_id,
                "website": row.website,
                "municipalities": _FlowList(row.municipalities or []),
                "valid_from": row.valid_from,
                "valid_until": row.valid_until,
                "successors": [_succession(succession) for succession in row.successions.all()],
                "notes": row.notes,
            }
        ),
    }


def _succession(succession: Succession) -> dict[str, object]:
    return {
        "organisation": succession.successor.key,
        **_without_empty(
            {
                "date": succession.date,
                "municipalities": _FlowList(succession.municipalities or []),
            }
        ),
    }


def _theme(theme: Theme) -> dict[str, object]:
    return {
        "number": theme.number,
        "title": _texts(theme, "title"),
        "targeted_impacts": _texts(theme, "targeted_impacts"),
        "indicators": [_indicator(row) for row in theme.indicators.all()],
        "goals": [
            {
                "key": goal.key,
                "title": _texts(goal, "title"),
                "description": _texts(goal, "description"),
                "coordinators": [
                    _Flow(organisation=row.organisation.key, role=row.role)
                    for row in goal.coordinators.all()
                ],
                "measures": [
                    {
                        "key": row.key,
                        "title": _texts(row, "title"),
                        "description": _texts(row, "description"),
                    }
                    for row in goal.measures.all()
                ],
                "indicators": [_indicator(row) for row in goal.indicators.all()],
            }
            for goal in theme.goals.all()
        ],
    }


def _indicator(row: Indicator) -> dict[str, object]:
    data: dict[str, object] = {
        "key": row.key,
        "name": _texts(row, "name"),
        "unit": row.unit,
        "desired_direction": row.desired_direction,
        "kind": row.kind,
    }
    if row.kind == IndicatorKind.OFFICIAL or row.stat_table or row.stat_content_code:
        data["statistic"] = _Flow(
            table=row.stat_table, content_code=row.stat_content_code, area=row.stat_area
        )
    data["source"] = _texts(row, "source_description")
    if row.baseline_value is not None and row.baseline_date is not None:
        data["baseline"] = _Flow(value=_number(row.baseline_value), date=row.baseline_date)
    data["targets"] = [
        _Flow(year=target.year, value=_number(target.value), area=target.area)
        if target.area
        else _Flow(year=target.year, value=_number(target.value))
        for target in sorted(row.targets.all(), key=lambda target: (target.year, target.area))
    ]
    return data
