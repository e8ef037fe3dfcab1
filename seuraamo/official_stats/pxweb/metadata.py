"""Table metadata (PxWeb v1 GET and PxWebApi 2.0 ``/metadata``) and selections over it.

A *selection* maps a variable code to the value codes wanted, or to ``"*"`` for all of them.
Variables left out of a selection get all their values. A key may also be a role name
(``"time"``, ``"content"``, ``"area"``), which survives StatFin's renaming of variable codes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .cube import Cube
from .errors import JsonStatError, PxWebError
from .jsonstat import parse_jsonstat
from .roles import Role, RoleEvidence, resolve_roles

Selection = Mapping[str, Sequence[str] | str]
ResolvedSelection = dict[str, list[str]]


@dataclass
class Variable:
    """One variable of a table: codes and texts of its values in table order."""

    code: str
    text: str
    values: list[str]
    value_texts: list[str]
    time: bool = False
    elimination: bool = False
    role: Role = Role.OTHER
    map: str | None = None

    def text_of(self, value: str) -> str:
        try:
            return self.value_texts[self.values.index(value)]
        except (ValueError, IndexError):
            return value


@dataclass
class TableMetadata:
    """Metadata of one table in one language."""

    table_id: str
    title: str
    variables: list[Variable]
    lang: str | None = None
    updated: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def codes(self) -> list[str]:
        return [variable.code for variable in self.variables]

    def variable(self, key: str) -> Variable:
        """The variable with code ``key``, or the one with role ``key`` (``"time"`` ...)."""
        for variable in self.variables:
            if variable.code == key:
                return variable
        for variable in self.variables:
            if variable.role == key and variable.role is not Role.OTHER:
                return variable
        raise PxWebError(
            f"table {self.table_id} has no variable or role {key!r}; its variables are {self.codes}"
        )

    def variable_for(self, role: Role | str) -> Variable | None:
        return next((v for v in self.variables if v.role == role), None)

    def resolve(self, selection: Selection | None = None) -> ResolvedSelection:
        """Explicit value lists for every variable, in table order; unknown codes raise."""
        chosen: dict[str, Sequence[str] | str] = {}
        for key, wanted in (selection or {}).items():
            chosen[self.variable(key).code] = wanted
        resolved: ResolvedSelection = {}
        for variable in self.variables:
            wanted = chosen.get(variable.code, "*")
            resolved[variable.code] = _resolve_values(self.table_id, variable, wanted)
        return resolved


def _resolve_values(table_id: str, variable: Variable, wanted: Sequence[str] | str) -> list[str]:
    if wanted == "*" or list(wanted) == ["*"]:
        return list(variable.values)
    if isinstance(wanted, str):
        wanted = [wanted]
    known = set(variable.values)
    unknown = [value for value in wanted if value not in known]
    if unknown:
        raise PxWebError(
            f"table {table_id}: variable {variable.code!r} has no value(s) {unknown[:5]}"
            f"{' ...' if len(unknown) > 5 else ''}"
        )
    if not wanted:
        raise PxWebError(f"table {table_id}: empty selection for variable {variable.code!r}")
    return list(dict.fromkeys(wanted))


def count_cells(selection: Mapping[str, Sequence[str]]) -> int:
    return math.prod(len(values) for values in selection.values())


def values_since(values: Sequence[str], since: str) -> list[str]:
    """Time values ``>= since``; periods of one format (``2026M06``, ``2025Q1``) sort as text."""
    return [value for value in values if value >= since]


def parse_v1_metadata(
    document: Mapping[str, Any], table_id: str, lang: str | None = None
) -> TableMetadata:
    """Parse the PxWeb v1 metadata answer ``{"title", "variables": [...]}``."""
    raw_variables = document.get("variables")
    if not isinstance(raw_variables, list) or not raw_variables:
        raise JsonStatError(f"metadata of {table_id} has no 'variables' list")
    variables = [_parse_v1_variable(table_id, raw) for raw in raw_variables]
    _assign_roles(variables, [None] * len(variables))
    return TableMetadata(
        table_id=table_id, title=str(document.get("title") or ""), variables=variables, lang=lang
    )


def _parse_v1_variable(table_id: str, raw: Any) -> Variable:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("code"), str):
        raise JsonStatError(f"metadata of {table_id}: a variable has no 'code'")
    values = [str(value) for value in raw.get("values") or []]
    texts = [str(text) for text in raw.get("valueTexts") or values]
    if len(texts) != len(values):
        raise JsonStatError(
            f"metadata of {table_id}: variable {raw['code']!r} has {len(values)} values "
            f"but {len(texts)} valueTexts"
        )
    return Variable(
        code=raw["code"],
        text=str(raw.get("text") or raw["code"]),
        values=values,
        value_texts=texts,
        time=bool(raw.get("time", False)),
        elimination=bool(raw.get("elimination", False)),
        map=raw.get("map"),
    )


def parse_v2_metadata(
    document: Mapping[str, Any], table_id: str, lang: str | None = None
) -> TableMetadata:
    """Parse PxWebApi 2.0 ``/tables/{id}/metadata`` (json-stat2 shaped, no ``value``)."""
    shaped = dict(document)
    shaped.setdefault("value", {})
    cube = parse_jsonstat(shaped)
    elimination = _v2_elimination(document)
    variables = [
        Variable(
            code=d.id,
            text=d.label,
            values=list(d.codes),
            value_texts=[d.labels.get(code, code) for code in d.codes],
            time=d.role is Role.TIME,
            elimination=elimination.get(d.id, False),
            role=d.role,
        )
        for d in cube.dimensions
    ]
    return TableMetadata(
        table_id=table_id,
        title=cube.label,
        variables=variables,
        lang=lang,
        updated=cube.updated,
        extra={"extension": cube.extension, "units": {d.id: d.units for d in cube.dimensions}},
    )


def _v2_elimination(document: Mapping[str, Any]) -> dict[str, bool]:
    flags = {}
    for dim_id, raw in (document.get("dimension") or {}).items():
        extension = raw.get("extension") if isinstance(raw, Mapping) else None
        if isinstance(extension, Mapping):
            flags[dim_id] = bool(extension.get("elimination", False))
    return flags


def _assign_roles(variables: list[Variable], jsonstat_roles: Iterable[str | None]) -> None:
    evidence = [
        RoleEvidence(code=v.code, values=v.values, time_flag=v.time, jsonstat_role=role)
        for v, role in zip(variables, jsonstat_roles, strict=True)
    ]
    for variable, role in zip(variables, resolve_roles(evidence), strict=True):
        variable.role = role


def apply_metadata(cube: Cube, metadata: TableMetadata) -> Cube:
    """Give ``cube`` the roles, labels and language of ``metadata`` (matched by variable code)."""
    by_code = {variable.code: variable for variable in metadata.variables}
    for dimension in cube.dimensions:
        variable = by_code.get(dimension.id)
        if variable is None:
            continue
        dimension.role = variable.role
        dimension.label = variable.text
        texts = dict(zip(variable.values, variable.value_texts, strict=True))
        dimension.labels = {
            code: texts.get(code, dimension.labels.get(code, code)) for code in dimension.codes
        }
        dimension.lang = metadata.lang
    cube.table_id = cube.table_id or metadata.table_id
    cube.label = cube.label or metadata.title
    return cube


def add_language(cube: Cube, metadata: TableMetadata) -> Cube:
    """Store the labels of ``metadata`` (another language) as translations on ``cube``."""
    if metadata.lang is None:
        raise PxWebError("add_language needs metadata with its language set")
    by_code = {variable.code: variable for variable in metadata.variables}
    for dimension in cube.dimensions:
        variable = by_code.get(dimension.id)
        if variable is not None:
            texts = dict(zip(variable.values, variable.value_texts, strict=True))
            dimension.add_translation(metadata.lang, variable.text, texts)
    return cube
