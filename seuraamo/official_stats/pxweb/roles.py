"""Which variable of a table is the time, the content (which statistic) and the area variable.

StatFin renamed its variable codes on 8 June 2026 (``Kuukausi`` -> ``timeperiod_m``,
``Tiedot`` -> ``contentscode``, ``Maakunta`` -> ``alue_23_20180101`` ...), so no code is hard-coded
as *the* code of a role. Evidence is weighed instead, strongest first:

1. explicit markers: PxWeb metadata ``"time": true``; json-stat ``role`` time / metric / geo;
2. the variable code: ``timeperiod_*``, ``Kuukausi``, ``Vuosi`` ... (time); ``contentscode``,
   ``Tiedot``, ``ContentsCode`` (content); ``Alue``, ``alue_*``, ``Maakunta``, ``Kunta``, ``Region``
   (area);
3. the value codes: periods such as ``2026M06``/``2025Q1``/``2025`` (time); Finnish area codes
   ``KU285``/``MK08``/``SK081``/``ELY06`` (area; ``SSS`` alone is not enough because occupation
   variables use it for "all").

At most one variable gets each of the roles time, content and area (the strongest evidence wins,
then the earlier variable); every other variable is ``other``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """The role of a variable (dimension) in a table. Values equal the Django ``VariableRole``."""

    TIME = "time"
    CONTENT = "content"
    AREA = "area"
    OTHER = "other"


EXPLICIT = 3
BY_CODE = 2
BY_VALUES = 1

_TIME_CODE = re.compile(
    r"^(timeperiod_\w+|kuukausi|vuosi|vuosinelj[aä]nnes|nelj[aä]nnes|tilastovuosi|"
    r"tid|m[aå]nad|[aå]r|kvartal|year|month|quarter|time|period)$",
    re.IGNORECASE,
)
_CONTENT_CODE = re.compile(r"^(contentscode|tiedot|uppgifter|statistikvariabel)$", re.IGNORECASE)
_AREA_CODE = re.compile(
    r"^(alue|alue_\w+|maakunta|kunta|seutukunta|kotikunta|asuinkunta|region|omr[aå]de|"
    r"kommun|l[aä]n|area)$",
    re.IGNORECASE,
)
_PERIOD_VALUE = re.compile(r"^\d{4}([MQKH]\d{1,2}|W\d{2})?$")
_FINNISH_AREA_VALUE = re.compile(r"^(KU\d{3}|MK\d{2}|SK\d{3}|ELY\d{2}|KU|MK|SK|ELY)\w*$")
_JSONSTAT_ROLES = {"time": Role.TIME, "metric": Role.CONTENT, "geo": Role.AREA}


@dataclass(frozen=True)
class RoleEvidence:
    """What is known about one variable, as input for :func:`resolve_roles`."""

    code: str
    values: Sequence[str] = ()
    time_flag: bool = False
    jsonstat_role: str | None = None


def guess_role(evidence: RoleEvidence) -> tuple[Role, int]:
    """The most likely role of one variable and the strength of the evidence (0 = none)."""
    if evidence.time_flag:
        return Role.TIME, EXPLICIT
    if evidence.jsonstat_role in _JSONSTAT_ROLES:
        return _JSONSTAT_ROLES[evidence.jsonstat_role], EXPLICIT
    code = evidence.code
    if _TIME_CODE.match(code):
        return Role.TIME, BY_CODE
    if _CONTENT_CODE.match(code):
        return Role.CONTENT, BY_CODE
    if _AREA_CODE.match(code):
        return Role.AREA, BY_CODE
    return _guess_from_values(evidence.values)


def _guess_from_values(values: Sequence[str]) -> tuple[Role, int]:
    if not values:
        return Role.OTHER, 0
    if all(_PERIOD_VALUE.match(value) for value in values):
        return Role.TIME, BY_VALUES
    if any(_FINNISH_AREA_VALUE.match(value) for value in values):
        return Role.AREA, BY_VALUES
    return Role.OTHER, 0


def resolve_roles(variables: Iterable[RoleEvidence]) -> list[Role]:
    """The role of each variable, in the order given; each special role at most once."""
    guesses = [guess_role(evidence) for evidence in variables]
    roles = [Role.OTHER] * len(guesses)
    for role in (Role.TIME, Role.CONTENT, Role.AREA):
        candidates = [
            (-strength, position)
            for position, (guessed, strength) in enumerate(guesses)
            if guessed is role and strength > 0
        ]
        if candidates:
            roles[min(candidates)[1]] = role
    return roles
